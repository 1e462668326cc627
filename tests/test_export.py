"""Exports of the persisted graph: Turtle, JSON-LD, N-Triples, CSV tables, GraphML (kg.export)."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graph_fixtures import ACTS, C1995, editions
from kg.export import TABLES, ExportError, export, export_graph
from kg.graph import build_graph
from kg.namespaces import AKN, ELI
from kg.rdf_documents import provision_iri_for
from kg.store import save_graph


def rule_and_event(g):
    """A rule and an event such as the rule builders write, for the rules and events tables."""
    from kg.rdf_helpers import add_validity, derive
    from kg.vocab import concept
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, RDFS

    rule = URIRef("https://w3id.org/akimkg/id/rule/region-2022-09-17")
    g.add((rule, RDF.type, AKN.AppointmentRule))
    for prop, scheme, code in ((AKN.level, "level", "region"), (AKN.selection, "selection", "appointment"),
                               (AKN.selector, "selector", "president"), (AKN.consent, "consent", "maslikhat")):
        g.add((rule, prop, concept(scheme, code)))
    basis = provision_iri_for(C1995, "art_87/point_4", "2022-09-17")
    g.add((rule, AKN.basis, basis))
    add_validity(g, rule, "2022-09-17", "2026-07-01")
    derive(g, rule, basis)
    ev = URIRef("https://w3id.org/akimkg/id/event/referendum-2022")
    g.add((ev, RDF.type, AKN.TimelineEvent))
    g.add((ev, RDFS.label, Literal("Республиканский референдум", lang="ru")))
    g.add((ev, AKN.date, Literal("2022-06-05", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))))
    g.add((ev, AKN.eventType, concept("event_type", "referendum")))
    g.add((ev, AKN.level, concept("level", "district")))
    g.add((ev, DCTERMS.source, Literal("seed 004")))


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    g = build_graph(ACTS, editions(), extra=[rule_and_event], build_info={"id": "export-test"})
    d = tmp_path_factory.mktemp("build")
    save_graph(g, d / "graph")
    return d, len(g)


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_formats_parse_back(build, tmp_path, fmt, rdflib_format):
    build, triples = build
    out = export(build, fmt, tmp_path / f"graph.{fmt}")
    g = Graph().parse(out, format=rdflib_format)
    assert len(g) == triples
    assert (provision_iri_for(C1995, "art_87"), ELI.is_realized_by,
            provision_iri_for(C1995, "art_87", "2022-09-17")) in g
    if fmt == "ttl":
        assert "@prefix eli: <http://data.europa.eu/eli/ontology#>" in out.read_text(encoding="utf-8")


def read_table(d, name):
    with open(d / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_tables(build, tmp_path):
    build, _ = build
    out = export(build, "csv", tmp_path / "tables")
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(TABLES)
    acts = {r["id"]: r for r in read_table(out, "acts")}
    assert acts["law-2001-148"]["code"] == "7966" and acts["law-2001-148"]["editions"] == "3"
    assert acts["constitution-1995"]["in_force_to"] == "2026-07-01" and acts["constitution-1995"]["type"] == "constitution"
    eds = read_table(out, "editions")
    assert [(e["act"], e["date"], e["in_force_from"]) for e in eds if e["act"] == "constitution-2026"] == [
        ("constitution-2026", "2026-03-15", "2026-07-01")]
    provs = read_table(out, "provisions")
    assert len(provs) == sum(len(e.provisions) for e in editions())
    p = next(r for r in provs if r["eid"] == "art_87/point_4" and r["edition"] == "2022-09-17")
    assert p["path"] == "Статья 87, пункт 4" and "согласия" in p["text"] and p["kind"] == "point"
    am = read_table(out, "amendments")
    assert len(am) == sum(len(e.amendments) for e in editions())
    assert any(r["action"] == "excluded" and "254" in r["amending_acts"] for r in am)
    (rule,) = read_table(out, "rules")
    assert (rule["level"], rule["selection"], rule["selector"], rule["consent"], rule["valid_to"]) == (
        "region", "appointment", "president", "maslikhat", "2026-07-01")
    assert rule["basis"] == str(provision_iri_for(C1995, "art_87/point_4", "2022-09-17"))
    assert rule["variant"] == "false"
    (ev,) = read_table(out, "events")
    assert (ev["date"], ev["type"], ev["levels"], ev["sources"]) == ("2022-06-05", "referendum", "district", "seed 004")


def test_graphml(build, tmp_path):
    build, _ = build
    out = export(build, "graphml", tmp_path / "network.graphml")
    net = nx.read_graphml(out)
    assert net.number_of_nodes() > 5
    assert any(d.get("relation") == "appoints" for _, _, d in net.edges(data=True))


def test_export_from_memory_and_bad_input(tmp_path):
    g = build_graph(ACTS, editions()[:1], build_info={"id": "m"})
    out = export_graph(g, "jsonld", tmp_path / "g.jsonld")
    assert isinstance(json.loads(out.read_text(encoding="utf-8")), (list, dict))
    with pytest.raises(ExportError, match="unknown export format"):
        export_graph(g, "xml", tmp_path / "g.xml")
    with pytest.raises(ExportError, match="is a directory"):
        export_graph(g, "ttl", tmp_path)
    (tmp_path / "file.csv").write_text("x")
    with pytest.raises(ExportError, match="must be a directory"):
        export_graph(g, "csv", tmp_path / "file.csv")


@pytest.mark.corpus
def test_exports_of_the_real_build(real_build, real_home, real_editions, tmp_path):
    from kg.artifacts import current_build
    from kg.store import manifest

    build = current_build(real_home)
    nt = export(build, "nt", tmp_path / "g.nt")
    lines = [ln for ln in nt.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(lines) == manifest(build)["triples"] == real_build["triples"]
    tables = export(build, "csv", tmp_path / "tables")
    assert len(read_table(tables, "provisions")) == sum(len(e.provisions) for e in real_editions)
    eds = read_table(tables, "editions")
    assert len(eds) == 15
    c2026 = next(e for e in eds if e["act"] == "constitution-2026")
    assert (c2026["in_force_from"], c2026["in_force_to"]) == ("2026-07-01", "")
    levels = {r["level"] for r in read_table(tables, "rules") if r["variant"] == "false"}
    assert levels == {"region", "district", "district_in_city", "rural"}
    assert nx.read_graphml(export(build, "graphml", tmp_path / "n.graphml")).number_of_edges() > 5
