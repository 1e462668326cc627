"""Data-quality rules (kg/rules/*.rq) and SHACL shapes (kg/shapes.ttl), run by kg.quality."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from graph_fixtures import ACTS, C1995, LAW, editions
from kg.graph import build_graph
from kg.namespaces import AKN, ELI
from kg.quality import report_text, rule_queries, run_rules, run_shacl, validate
from kg.rdf_documents import edition_iri, provision_iri_for
from kg.rdf_helpers import add_validity, date_literal, derive
from kg.store import load_graph, save_graph
from kg.vocab import concept

RULE = "https://w3id.org/akimkg/id/rule/"
BASIS = provision_iri_for(C1995, "art_87/point_4", "2022-09-17")


def add_rule(g, name, level="region", start="2022-09-17", end=None, *, basis=BASIS, source=None, variant=False,
             selection="appointment"):
    r = URIRef(RULE + name)
    g.add((r, RDF.type, AKN.AppointmentRule))
    if variant:
        g.add((r, RDF.type, AKN.AppointmentVariant))
    g.add((r, AKN.level, concept("level", level)))
    g.add((r, AKN.selection, concept("selection", selection)))
    g.add((r, AKN.selector, concept("selector", "president")))
    add_validity(g, r, start, end)
    if basis is not None:
        g.add((r, AKN.basis, basis))
    if source:
        g.add((r, DCTERMS.source, Literal(source)))
    derive(g, r, [basis] if basis is not None else [])
    return r


def add_event(g, name, source="seed 003"):
    e = URIRef("https://w3id.org/akimkg/id/event/" + name)
    g.add((e, RDF.type, AKN.TimelineEvent))
    g.add((e, RDFS.label, Literal(name, lang="ru")))
    g.add((e, AKN.date, date_literal("2021-07-25")))
    g.add((e, AKN.datePrecision, Literal("day")))
    g.add((e, AKN.eventType, concept("event_type", "election")))
    if source:
        g.add((e, DCTERMS.source, Literal(source)))
    derive(g, e, ())
    return e


def healthy(g):
    add_rule(g, "region-1995", start="1995-08-30", end="2022-09-17")
    add_rule(g, "region-2022", start="2022-09-17")
    add_rule(g, "rural-pilot", level="rural", start="2021-07-25", source="seed 002", basis=None, variant=True,
             selection="direct_election")
    add_rule(g, "rural-general", level="rural", start="2013-04-24", source="curated", basis=None,
             selection="indirect_election")
    add_event(g, "rural-elections-2021")


@pytest.fixture
def graph():
    return build_graph(ACTS, editions(), extra=[healthy], build_info={"id": "quality"})


def failing(g):
    return {name for name, vs in run_rules(g).items() if vs}


def test_healthy_graph_passes(graph):
    report = validate(graph)
    assert report["ok"], report["failures"]
    assert set(report["rules"]) == set(rule_queries()) and not any(report["rules"].values())
    assert report["shacl"]["conforms"]
    assert report_text(report).startswith("validation: ok")


def test_rules_are_files_with_violation_queries():
    rules = rule_queries()
    assert {"provision_in_one_edition", "interval_well_formed", "rule_has_basis_or_source",
            "no_overlapping_general_rules", "event_has_source", "no_rule_conflicts"} <= set(rules)
    assert all("?focus" in q and "?message" in q for q in rules.values())


def test_provision_in_two_editions(graph):
    x = provision_iri_for(LAW, "art_24", "2011-03-24")
    graph.add((x, ELI.is_part_of, edition_iri(LAW, "2023-12-23")))
    assert failing(graph) == {"provision_in_one_edition"}


def test_provision_in_no_edition(graph):
    graph.remove((provision_iri_for(LAW, "art_24", "2011-03-24"), ELI.is_part_of, edition_iri(LAW, "2011-03-24")))
    assert failing(graph) == {"provision_in_one_edition"}


def test_interval_ending_before_it_begins(graph):
    add_rule(graph, "district-bad", level="district", start="2020-01-01", end="2019-01-01")
    assert failing(graph) == {"interval_well_formed"}


def test_shortcut_disagreeing_with_the_interval(graph):
    r = URIRef(RULE + "region-2022")
    graph.set((r, AKN.validFrom, date_literal("2022-09-18")))
    assert "interval_well_formed" in failing(graph)


def test_rule_without_basis_or_source(graph):
    add_rule(graph, "district-nothing", level="district", start="2001-01-01", basis=None)
    assert failing(graph) == {"rule_has_basis_or_source"}
    sh = run_shacl(graph)
    assert not sh["conforms"] and any("basis or a source" in m for m in sh["messages"])


def test_overlapping_general_rules(graph):
    add_rule(graph, "region-2020", start="2020-01-01", end="2023-01-01", source="x")
    report = validate(graph)
    assert not report["ok"]
    assert report["rules"]["no_overlapping_general_rules"] == 2     # overlaps both region rules
    # variants do not count; touching intervals do not overlap
    g = build_graph(ACTS, editions(), extra=[healthy], build_info={"id": "q2"})
    add_rule(g, "rural-pilot-2", level="rural", start="2021-01-01", source="x", variant=True)
    add_rule(g, "district-a", level="district", start="2001-01-01", end="2013-04-24", source="x")
    add_rule(g, "district-b", level="district", start="2013-04-24", source="x")
    assert failing(g) == set()


def test_event_without_source(graph):
    add_event(graph, "no-source", source=None)
    report = validate(graph)
    assert report["rules"]["event_has_source"] == 1
    assert any("every timeline event has a source" in m for m in report["shacl"]["messages"])


def test_rule_conflict_fails_validation(graph):
    c = URIRef("https://w3id.org/akimkg/id/conflict/1")
    graph.add((c, RDF.type, AKN.RuleConflict))
    graph.add((c, RDFS.comment, Literal("rural 2013: text says indirect_election, curated says appointment")))
    report = validate(graph)
    assert not report["ok"] and report["rules"]["no_rule_conflicts"] == 1
    assert any("text says indirect_election" in f for f in report["failures"])


def test_conflicts_reported_by_the_rule_merge_fail_too(graph):
    report = validate(graph, rule_report={"ok": False, "conflicts": [{"message": "district 2024: disagree"}]})
    assert not report["ok"] and report["failures"] == ["rule conflict: district 2024: disagree"]


def test_dangling_basis_and_missing_provenance(graph):
    r = add_rule(graph, "district-x", level="district", start="2001-01-01",
                 basis=provision_iri_for(LAW, "art_99", "2011-03-24"))
    assert "basis_resolves" in failing(graph)
    graph.remove((r, URIRef("http://www.w3.org/ns/prov#wasGeneratedBy"), None))
    assert "derived_has_provenance" in failing(graph)


def test_shacl_catches_structure(graph):
    r = URIRef(RULE + "region-2022")
    graph.add((r, AKN.level, concept("level", "district")))             # two levels
    graph.add((r, AKN.minCandidates, Literal(0)))                         # fewer than one candidate
    graph.add((edition_iri(C1995, "2022-09-17"), ELI.realizes, edition_iri(LAW, "2011-03-24")))
    sh = run_shacl(graph)
    assert not sh["conforms"] and sh["results"] >= 3
    assert any("exactly one level" in m for m in sh["messages"])
    assert any("realizes exactly one act" in m for m in sh["messages"])


def test_checks_run_on_the_persisted_store(graph, tmp_path):
    add_event(graph, "no-source", source=None)
    save_graph(graph, tmp_path / "graph")
    persisted = load_graph(tmp_path)
    assert failing(persisted) == {"event_has_source"}
    assert not run_shacl(persisted)["conforms"]
