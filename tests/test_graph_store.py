"""Persisting the graph in a build directory and opening it again (kg.store)."""
from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef

from graph_fixtures import ACTS, C1995, editions
from kg.graph import build_graph
from kg.namespaces import AKN, ELI
from kg.rdf_documents import provision_iri_for
from kg.store import StoreError, graph_dir, load_graph, manifest, open_store, save_graph


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    g = build_graph(ACTS, editions(), build_info={"id": "store-test"})
    build = tmp_path_factory.mktemp("build")
    info = save_graph(g, build / "graph")
    return g, build, info


def test_round_trip_keeps_every_triple(saved):
    g, build, info = saved
    h = load_graph(build)
    assert info["triples"] == len(g) == len(h)
    reread = Graph()
    for t in h.triples((None, None, None)):
        reread.add(t)

    def lines(graph):   # RDF 1.1: a plain literal is an xsd:string; blank node labels are not kept
        text = graph.serialize(format="nt", encoding="utf-8").decode()
        return {ln.replace("^^<http://www.w3.org/2001/XMLSchema#string>", "") for ln in text.splitlines()
                if ln and not ln.startswith("_:") and "> _:" not in ln}

    assert lines(reread) == lines(g)
    assert len(lines(g)) > 0.95 * len(g)


def test_loaded_graph_answers_patterns_and_queries(saved):
    _, build, _ = saved
    h = load_graph(build / "graph")                      # the graph directory works as well as the build
    x = provision_iri_for(C1995, "art_87/point_4", "2022-09-17")
    assert "согласия" in str(h.value(x, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#value")))
    rows = list(h.query("SELECT (COUNT(?e) AS ?n) WHERE { ?e a akn:Edition }"))
    assert int(rows[0][0]) == 7
    assert (None, ELI.cites, provision_iri_for(C1995, "art_87/point_4")) in h


def test_persisted_graph_is_read_only(saved):
    _, build, _ = saved
    store = open_store(build)
    with pytest.raises((OSError, RuntimeError)):
        store.update("INSERT DATA { <https://e/a> <https://e/b> <https://e/c> }")
    h = load_graph(build)
    with pytest.raises(Exception):
        h.add((URIRef("https://e/a"), AKN.kind, Literal("x")))
    assert (URIRef("https://e/a"), AKN.kind, Literal("x")) not in load_graph(build)


def test_manifest_and_missing_graph(saved, tmp_path):
    _, build, info = saved
    m = manifest(build)
    assert m["backend"] == "oxigraph" and m["triples"] == info["triples"] and m["bytes"] > 0
    assert json.loads((graph_dir(build) / "store.json").read_text())["triples"] == info["triples"]
    with pytest.raises(StoreError, match="no persisted graph"):
        load_graph(tmp_path)


def test_saving_again_replaces_the_store(tmp_path):
    g = Graph()
    g.add((URIRef("https://e/a"), URIRef("https://e/p"), Literal("1")))
    save_graph(g, tmp_path / "graph")
    g.add((URIRef("https://e/a"), URIRef("https://e/p"), Literal("2")))
    assert save_graph(g, tmp_path / "graph")["triples"] == 2
    assert len(load_graph(tmp_path)) == 2
