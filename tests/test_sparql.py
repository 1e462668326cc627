"""Read-only SPARQL with time limit, row cap, one-line errors and three formats (kg.sparql)."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from graph_fixtures import ACTS, editions
from kg.graph import build_graph
from kg.sparql import SparqlError, SparqlTimeout, check_read_only, format_result, run_query
from kg.store import load_graph, save_graph

EDITIONS_Q = """SELECT ?act ?date ?from WHERE {
  ?ed a akn:Edition ; eli:realizes/akn:actId ?act ; eli:version_date ?date ; akn:validFrom ?from
} ORDER BY ?act ?date"""


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    g = build_graph(ACTS, editions(), build_info={"id": "sparql-test"})
    d = tmp_path_factory.mktemp("build")
    save_graph(g, d / "graph")
    return {"memory": g, "persisted": load_graph(d)}


@pytest.mark.parametrize("which", ["memory", "persisted"])
def test_select_on_memory_and_persisted_graphs(graphs, which):
    r = run_query(graphs[which], EDITIONS_Q)
    assert r.kind == "select" and r.vars == ["act", "date", "from"]
    rows = [(str(a), str(d), str(f)) for a, d, f in r.rows]
    assert rows[0] == ("const-law-1995-2464", "2023-01-01", "2023-01-01")
    assert ("constitution-2026", "2026-03-15", "2026-07-01") in rows
    assert len(rows) == 7 and not r.truncated


@pytest.mark.parametrize("which", ["memory", "persisted"])
def test_ask_and_construct(graphs, which):
    assert run_query(graphs[which], "ASK { ?r a akn:AmendmentRecord }").boolean is True
    assert run_query(graphs[which], "ASK { ?r a akn:Power }").boolean is False
    r = run_query(graphs[which], "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a akn:Act ; rdfs:label ?l }")
    assert r.kind == "graph" and len(r.triples) == 4


@pytest.mark.parametrize("update", [
    "INSERT DATA { <https://e/a> <https://e/b> <https://e/c> }",
    "PREFIX x: <https://e/>\nDELETE WHERE { ?s ?p ?o }",
    "delete { ?s ?p ?o } where { ?s ?p ?o }",
    "LOAD <https://example.org/data.ttl>",
    "CLEAR DEFAULT",
    "DROP ALL",
    "CREATE GRAPH <https://e/g>",
    "WITH <https://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "ADD DEFAULT TO <https://e/g>",
    "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <https://e/a> <https://e/b> 1 }",
])
def test_updates_are_refused_before_running(graphs, update):
    n = len(graphs["memory"])
    with pytest.raises(SparqlError, match="updates are refused"):
        run_query(graphs["memory"], update)
    with pytest.raises(SparqlError, match="updates are refused"):
        run_query(graphs["persisted"], update)
    assert len(graphs["memory"]) == n


def test_update_words_inside_strings_iris_comments_and_names_are_fine(graphs):
    q = ('SELECT ?s WHERE { ?s rdfs:label ?l . FILTER(?l != "DELETE this" && ?l != \'DROP\') '
         'BIND(<https://e/INSERT> AS ?x) BIND(?s AS ?add) } LIMIT 1 # CLEAR ALL')
    check_read_only(q)
    assert run_query(graphs["persisted"], q).kind == "select"


@pytest.mark.parametrize("which", ["memory", "persisted"])
@pytest.mark.parametrize("bad", ["SELECT ?s WHERE { ?s ?p }", "SELEC * WHERE {}", "SELECT * WHERE { ?s nope:x ?o }"])
def test_malformed_queries_give_one_line(graphs, which, bad):
    with pytest.raises(SparqlError) as err:
        run_query(graphs[which], bad)
    msg = str(err.value)
    assert msg.startswith("malformed query") and "\n" not in msg and len(msg) <= 320


def test_empty_query_and_bad_limits(graphs):
    for q in ("", "   "):
        with pytest.raises(SparqlError, match="empty"):
            run_query(graphs["memory"], q)
    with pytest.raises(SparqlError, match="positive"):
        run_query(graphs["memory"], EDITIONS_Q, limit=0)


def test_row_cap_truncates(graphs):
    r = run_query(graphs["persisted"], "SELECT ?s WHERE { ?s a akn:ProvisionEdition }", limit=5)
    assert len(r.rows) == 5 and r.truncated
    assert "truncated at 5" in format_result(r, "table")
    assert json.loads(format_result(r, "json"))["truncated"] is True


def test_time_limit():
    store = ox.Store()
    store.extend([ox.Quad(ox.NamedNode(f"https://e/{i}"), ox.NamedNode("https://e/p"), ox.Literal(str(i)))
                  for i in range(1500)])
    heavy = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?p ?x . ?b ?p ?y FILTER(STR(?x) < STR(?y)) }"
    with pytest.raises(SparqlTimeout, match="timed out after 0.05 s"):
        run_query(store, heavy, timeout=0.05)
    assert run_query(store, "SELECT (COUNT(*) AS ?c) WHERE { ?a ?p ?x }", timeout=5).rows[0][0] == Literal(1500)


def test_formats(graphs):
    r = run_query(graphs["persisted"], EDITIONS_Q)
    data = json.loads(format_result(r, "json"))
    assert data["head"]["vars"] == ["act", "date", "from"]
    first = data["results"]["bindings"][0]
    assert first["date"] == {"type": "literal", "value": "2023-01-01",
                             "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    rows = list(csv.reader(io.StringIO(format_result(r, "csv"))))
    assert rows[0] == ["act", "date", "from"] and len(rows) == 8
    table = format_result(r, "table").splitlines()
    assert table[0].split() == ["act", "|", "date", "|", "from"] and table[-1] == "(7 rows)"
    iris = run_query(graphs["persisted"], "SELECT ?e WHERE { ?e a akn:Edition } LIMIT 1")
    assert format_result(iris, "table").splitlines()[2].startswith("kz:")
    assert format_result(run_query(graphs["memory"], "ASK { ?s ?p ?o }"), "csv") == "true\n"
    assert json.loads(format_result(run_query(graphs["memory"], "ASK { ?s a akn:Power }"), "json"))["boolean"] is False
    with pytest.raises(SparqlError, match="unknown format"):
        format_result(r, "xml")


def test_unbound_values_and_as_dicts():
    g = Graph()
    g.add((URIRef("https://e/a"), URIRef("https://e/p"), Literal(3)))
    r = run_query(g, "SELECT ?s ?missing ?v WHERE { ?s <https://e/p> ?v OPTIONAL { ?s <https://e/q> ?missing } }")
    assert r.as_dicts() == [{"s": "https://e/a", "missing": None, "v": 3}]
    assert "missing" not in json.loads(format_result(r, "json"))["results"]["bindings"][0]
    assert format_result(r, "csv").splitlines()[1] == "https://e/a,,3"


@pytest.mark.corpus
def test_queries_on_the_real_persisted_graph(real_build, real_home):
    from kg.artifacts import current_build

    g = load_graph(current_build(real_home))
    r = run_query(g, """SELECT ?date ?text WHERE {
      ?act akn:actId "constitution-1995" ; eli:is_realized_by ?ed . ?ed eli:version_date ?date .
      ?p eli:is_part_of ?ed ; akn:eid "art_87/point_4" ; rdf:value ?text } ORDER BY ?date""")
    assert [str(d) for d, _ in r.rows] == ["1995-08-29", "2007-05-21", "2011-02-02", "2022-09-17", "2023-01-01"]
    assert all("аким" in str(t).lower() for _, t in r.rows)
    with pytest.raises(SparqlError, match="updates are refused"):
        run_query(g, "DELETE WHERE { ?s ?p ?o }")
    assert len(g) == real_build["triples"]
