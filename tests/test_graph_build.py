"""Assembling the graph (kg.graph), provenance helpers (kg.rdf_helpers) and the real-corpus graph."""
from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

import kg.namespaces as ns
from graph_fixtures import ACTS, C1995, LAW, editions
from kg.graph import build_graph, current_build, derive
from kg.namespaces import AKN, ELI, PROV
from kg.rdf_documents import act_iri, edition_iri, provision_iri_for
from kg.rdf_helpers import add_validity, build_iri
from kg.uri import concept_iri


@pytest.fixture(scope="module")
def built():
    calls = []

    def rule_builder(g):
        calls.append(len(g))
        rule = URIRef("https://w3id.org/akimkg/id/rule/test")
        g.add((rule, RDF.type, AKN.AppointmentRule))
        derive(g, rule, [provision_iri_for(C1995, "art_87/point_4", "2022-09-17")])

    g = build_graph(ACTS, editions(), extra=[rule_builder, lambda g: calls.append("second")],
                    build_info={"id": "t1", "started": "2026-01-01T00:00:00+00:00", "corpus": "fixtures"})
    return g, calls


def test_parts_of_the_graph(built):
    g, calls = built
    assert calls[0] > 1000 and calls[1] == "second"          # extras run last, in order
    assert (AKN.AppointmentRule, RDFS.comment, None) in g     # ontology
    assert (URIRef(concept_iri("level", "rural")), SKOS.notation, Literal("rural")) in g   # vocabularies
    assert (None, SKOS.inScheme, URIRef(ns.PREFIXES["akid"] + "thesaurus")) in g           # thesaurus
    assert (act_iri(LAW), ELI.is_realized_by, edition_iri(LAW, "2023-12-23")) in g         # documents


def test_build_activity_and_provenance(built):
    g, _ = built
    build = current_build(g)
    assert build == build_iri("t1")
    assert (build, RDF.type, PROV.Activity) in g
    assert str(g.value(build, PROV.startedAtTime)) == "2026-01-01T00:00:00+00:00"
    assert g.value(build, PROV.endedAtTime) is not None
    info = json.loads(str(g.value(build, AKN.buildInfo)))
    assert info["corpus"] == "fixtures"
    assert int(g.value(build, AKN.tripleCount)) == len(g)
    rule = URIRef("https://w3id.org/akimkg/id/rule/test")
    assert (rule, PROV.wasGeneratedBy, build) in g
    assert (rule, PROV.wasDerivedFrom, provision_iri_for(C1995, "art_87/point_4", "2022-09-17")) in g
    # footnote records are derived statements too
    for rec in g.subjects(RDF.type, AKN.AmendmentRecord):
        assert (rec, PROV.wasGeneratedBy, build) in g
        assert g.value(rec, PROV.wasDerivedFrom) is not None


def test_validity_helper_writes_owl_time_and_shortcuts():
    g = Graph()
    node = URIRef("https://w3id.org/akimkg/id/rule/x")
    iv = add_validity(g, node, "2013-04-24", "2018-01-01", end_precision="year")
    assert g.value(node, AKN.validity) == iv
    assert str(g.value(g.value(iv, ns.TIME.hasEnd), ns.TIME.inXSDDate)) == "2018-01-01"
    assert str(g.value(node, AKN.validTo)) == "2018-01-01"
    assert "upper bound" in str(g.value(iv, RDFS.comment))
    assert add_validity(g, URIRef("https://example.org/y"), None, None) is None
    hashed = add_validity(Graph(), URIRef("https://example.org/z#a"), "2020-01-01", None)
    assert str(hashed) == "https://example.org/z#a-validity"


def test_build_without_build_info():
    g = build_graph({"law-2001-148": LAW}, [e for e in editions() if e.act_id == "law-2001-148"])
    assert current_build(g) == build_iri("current")


# ------------------------------------------------------------------ the real corpus

@pytest.fixture(scope="module")
def real_graph(real_acts, real_editions):
    return build_graph(real_acts, real_editions, build_info={"id": "real"})


@pytest.mark.corpus
def test_real_graph_holds_every_edition_and_provision(real_graph, real_acts, real_editions):
    g = real_graph
    eds = set(g.subjects(RDF.type, AKN.Edition))
    assert len(eds) == len(real_editions) == 15
    assert len(set(g.subjects(RDF.type, AKN.ProvisionEdition))) == sum(len(e.provisions) for e in real_editions)
    assert {str(g.value(a, AKN.actId)) for a in g.subjects(RDF.type, AKN.Act)} == set(real_acts)
    assert len(set(g.subjects(RDF.type, AKN.AmendmentRecord))) == sum(len(e.amendments) for e in real_editions)


@pytest.mark.corpus
def test_real_graph_validity_of_editions(real_graph, real_acts):
    g = real_graph

    def interval(act_id, date):
        e = edition_iri(real_acts[act_id], date)
        to = g.value(e, AKN.validTo)
        return str(g.value(e, AKN.validFrom)), (str(to) if to is not None else None)

    assert interval("constitution-1995", "2023-01-01") == ("2023-01-01", "2026-07-01")
    assert interval("constitution-1995", "2011-02-02") == ("2011-02-02", "2022-09-17")
    assert interval("constitution-2026", "2026-03-15") == ("2026-07-01", None)
    assert interval("law-2001-148", "2011-03-24") == ("2011-03-24", "2014-11-07")
    assert interval("law-2001-148", "2023-12-23") == ("2023-12-23", None)


@pytest.mark.corpus
def test_real_graph_citations_and_amendments(real_graph, real_acts):
    g = real_graph
    c1995 = real_acts["constitution-1995"]
    art87p4 = provision_iri_for(c1995, "art_87/point_4")
    text = str(g.value(provision_iri_for(c1995, "art_87/point_4", "2022-09-17"), RDF.value))
    assert "назнача" in text
    citing = {ns_iri for ns_iri in g.subjects(ELI.cites, art87p4)}
    # Decree 555 (2013) refers to point 4 of article 87 of the Constitution in force then (1995)
    decree = real_acts["decree-2013-555"]
    assert any(str(s).startswith(str(act_iri(decree))) for s in citing)
    # the election law is cited by its title
    assert len(set(g.subjects(ELI.cites, act_iri(real_acts["const-law-1995-2464"])))) > 5
    # the 2007 amendment of article 87 (Law of 21 May 2007 No. 254) is an amending act
    amenders = {str(g.value(a, AKN.referenceKey)) for a in g.objects(provision_iri_for(c1995, "art_87"), ELI.amended_by)}
    assert "law|2007-05-21|254" in amenders


@pytest.mark.corpus
def test_real_graph_passes_the_quality_checks(real_graph):
    from kg.quality import validate

    report = validate(real_graph)
    assert report["ok"], report["failures"]
    assert report["shacl"]["conforms"]
