"""Acts, editions, provisions, footnotes, notes and citations as ELI triples (kg.rdf_documents)."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

import kg.namespaces as ns

from graph_fixtures import ACTS, C1995, C2026, ELECTIONS, LAW, editions, law
from kg.model import ActRef
from kg.namespaces import AKN, ELI, ELI_LANGUAGE, PROV
from kg.rdf_documents import act_iri, actref_iri, add_documents, edition_iri, provision_iri_for
from kg.uri import concept_iri, parse_iri


@pytest.fixture(scope="module")
def graph():
    g = Graph()
    stats = add_documents(g, ACTS, editions())
    g.stats = stats
    return g


def dates(g, s, p):
    return sorted(str(o) for o in g.objects(s, p))


def test_acts_are_works_with_their_facts(graph):
    a = act_iri(LAW)
    assert (a, RDF.type, ELI.LegalResource) in graph and (a, RDF.type, AKN.Act) in graph
    assert graph.value(a, ELI.id_local) == Literal("7966")
    assert graph.value(a, ELI.number) == Literal("148-II")
    assert graph.value(a, ELI.date_document) == Literal("2001-01-23", datatype=ns.XSD.date)
    assert graph.value(a, ELI.type_document) == URIRef(concept_iri("act_type", "law"))
    assert str(graph.value(a, AKN.actId)) == "law-2001-148"
    assert dates(graph, act_iri(C1995), ELI.date_no_longer_in_force) == ["2026-07-01"]
    assert dates(graph, act_iri(C2026), ELI.first_date_entry_in_force) == ["2026-07-01"]
    assert (act_iri(C1995), DCTERMS.source, URIRef("https://zan.gov.kz/client/#!/doc/1/rus")) in graph


def test_editions_are_expressions_with_in_force_intervals(graph):
    e11, e22 = edition_iri(C1995, "2011-02-02"), edition_iri(C1995, "2022-09-17")
    assert set(graph.objects(act_iri(C1995), ELI.is_realized_by)) == {e11, e22}
    assert graph.value(e22, ELI.realizes) == act_iri(C1995)
    assert (e22, RDF.type, AKN.Edition) in graph and (e22, RDF.type, ELI.LegalExpression) in graph
    assert graph.value(e22, ELI.language) == ELI_LANGUAGE.RUS
    # in force until the next edition, the last one until the act lapsed
    assert dates(graph, e11, AKN.validTo) == ["2022-09-17"]
    assert dates(graph, e22, AKN.validFrom) == ["2022-09-17"]
    assert dates(graph, e22, ELI.date_no_longer_in_force) == ["2026-07-01"]
    # the 2026 Constitution: worded on 15 March, in force from 1 July, open-ended
    e26 = edition_iri(C2026, "2026-03-15")
    assert dates(graph, e26, ELI.first_date_entry_in_force) == ["2026-07-01"]
    assert graph.value(e26, AKN.validTo) is None
    interval = graph.value(e26, AKN.validity)
    assert (interval, RDF.type, ns.TIME.Interval) in graph
    assert str(graph.value(graph.value(interval, ns.TIME.hasBeginning), ns.TIME.inXSDDate)) == "2026-07-01"
    assert graph.value(interval, ns.TIME.hasEnd) is None
    assert graph.value(edition_iri(ELECTIONS, "2023-01-01"), AKN.missingPart) == Literal("rus/ch003.md")


def test_provisions_at_work_and_expression_level(graph):
    w = provision_iri_for(C1995, "art_87/point_4")
    x11 = provision_iri_for(C1995, "art_87/point_4", "2011-02-02")
    x22 = provision_iri_for(C1995, "art_87/point_4", "2022-09-17")
    assert set(graph.objects(w, ELI.is_realized_by)) == {x11, x22}
    assert (w, RDF.type, ELI.LegalResourceSubdivision) in graph
    assert graph.value(w, ELI.is_part_of) == provision_iri_for(C1995, "art_87")
    assert set(graph.objects(x22, ELI.is_part_of)) == {provision_iri_for(C1995, "art_87", "2022-09-17"),
                                                     edition_iri(C1995, "2022-09-17")}
    text = graph.value(x22, RDF.value)
    assert text.language == "ru" and "с согласия маслихатов" in text
    assert "с согласия" not in graph.value(x11, RDF.value)
    assert graph.value(x22, ELI.number) == Literal("4")
    assert str(graph.value(x22, AKN.path)) == "Статья 87, пункт 4"
    assert parse_iri(str(x22))["eid"] == "art_87/point_4"
    assert str(graph.value(provision_iri_for(C1995, "art_88", "2022-09-17"), AKN.status)) == "excluded"
    # the top provision is part of its edition only
    top = provision_iri_for(C1995, "sec_8", "2022-09-17")
    assert list(graph.objects(top, ELI.is_part_of)) == [edition_iri(C1995, "2022-09-17")]


def test_every_provision_edition_in_exactly_one_edition(graph):
    for x in graph.subjects(RDF.type, AKN.ProvisionEdition):
        eds = [e for e in graph.objects(x, ELI.is_part_of) if (e, RDF.type, AKN.Edition) in graph]
        assert len(eds) == 1, x
    assert graph.stats["provisions"] == len(set(graph.subjects(RDF.type, AKN.ProvisionEdition)))


def test_footnotes_become_amendment_records_linked_to_amending_acts(graph):
    target = provision_iri_for(LAW, "art_24")
    amending = actref_iri(ActRef("law", "2009-02-10", "123-IV"))
    assert (amending, ELI.amends, target) in graph and (target, ELI.amended_by, amending) in graph
    assert (amending, RDF.type, AKN.ActReference) in graph
    assert graph.value(amending, ELI.date_document) == Literal("2009-02-10", datatype=ns.XSD.date)
    assert graph.value(amending, ELI.number) == Literal("123-IV")
    assert graph.value(amending, ELI.type_document) == URIRef(concept_iri("act_type", "law"))
    records = [r for r in graph.subjects(AKN.target, target) if (r, RDF.type, AKN.AmendmentRecord) in graph]
    assert len(records) == 3                       # one per edition of the law
    rec = records[0]
    assert graph.value(rec, AKN.action) == URIRef(concept_iri("amendment_action", "new_wording"))
    assert graph.value(rec, AKN.amendingAct) == amending
    assert "десяти дней" in graph.value(rec, AKN.effectivePhrase)
    source = graph.value(rec, AKN.recordedIn)
    assert (rec, PROV.wasDerivedFrom, source) in graph and (source, RDF.type, AKN.ProvisionEdition) in graph


def test_exclusion_is_a_repeal_and_number_forms_merge(graph):
    art88 = provision_iri_for(C1995, "art_88")
    by = actref_iri(ActRef("law", "2007-05-21", "254"))
    assert (by, ELI.repeals, art88) in graph and (art88, ELI.repealed_by, by) in graph
    assert (by, ELI.amends, provision_iri_for(C1995, "art_87")) in graph
    # «№ 254» and «№ 254-III» name one act; the fullest number is kept
    assert actref_iri(ActRef("law", "2007-05-21", "254-III")) == by
    assert list(graph.objects(by, ELI.number)) == [Literal("254-III")]


def test_amending_act_in_the_corpus_is_the_act_itself(graph):
    target = provision_iri_for(LAW, "art_32/point_2")
    assert (act_iri(ELECTIONS), ELI.amends, target) in graph


def test_footnote_on_the_whole_act_targets_the_act(graph):
    by = actref_iri(ActRef("law", "2011-07-21", "465-IV"))
    assert (by, ELI.amends, act_iri(LAW)) in graph
    rec = next(r for r in graph.subjects(AKN.amendingAct, by))
    assert graph.value(rec, AKN.recordedIn) in {edition_iri(LAW, d) for d in ("2011-03-24", "2023-12-23", "2026-08-01")}


def test_citations_resolve_to_provisions_of_known_acts(graph):
    x = provision_iri_for(LAW, "art_32/point_1", "2023-12-23")
    cited = set(graph.objects(x, ELI.cites))
    assert provision_iri_for(C1995, "art_87/point_4") in cited          # «пунктом 4 статьи 87 Конституции»
    assert provision_iri_for(LAW, "art_24") in cited                    # «статьей 24 настоящего Закона»
    # after 1 July 2026 «Конституции» is the Constitution of 2026
    later = set(graph.objects(provision_iri_for(LAW, "art_32/point_1", "2026-08-01"), ELI.cites))
    assert provision_iri_for(C2026, "art_89/point_4") in later
    assert not any(str(c).startswith(str(act_iri(C1995))) for c in later)
    # relative reference inside the article
    rel = provision_iri_for(LAW, "art_24/point_2", "2023-12-23")
    assert set(graph.objects(rel, ELI.cites)) == {provision_iri_for(LAW, "art_24/point_1")}
    # an act named by its title
    p2 = set(graph.objects(provision_iri_for(LAW, "art_32/point_2", "2023-12-23"), ELI.cites))
    assert act_iri(ELECTIONS) in p2
    # an act outside the corpus named by its title stays a reference with that title
    refs = [c for c in p2 if (c, RDF.type, AKN.ActReference) in graph]
    assert [str(graph.value(r, DCTERMS.title)) for r in refs] == ["О физической культуре и спорте"]


def test_self_reference_of_an_act(graph):
    x = provision_iri_for(ELECTIONS, "art_1", "2023-01-01")
    assert set(graph.objects(x, ELI.cites)) == {act_iri(ELECTIONS)}


def test_notes_kept_apart_from_the_text(graph):
    notes = list(graph.subjects(RDF.type, AKN.Note))
    assert len(notes) == 2
    n = notes[0]
    assert "Примечание" in graph.value(n, RDF.value)
    assert graph.value(n, AKN.target) == provision_iri_for(C1995, "art_87/point_4")
    assert "Примечание" not in graph.value(graph.value(n, AKN.recordedIn), RDF.value)


def test_no_literal_iris_and_no_non_ascii_iris(graph):
    for s, p, o in graph:
        for t in (s, p, o):
            if isinstance(t, URIRef):
                assert str(t).isascii(), t


def test_edition_of_unknown_act_is_refused():
    with pytest.raises(KeyError, match="unknown acts"):
        add_documents(Graph(), {"law-2001-148": LAW}, [law("2011-03-24"), editions()[0]])


def test_skos_concepts_of_act_types_exist_in_the_vocabulary():
    from kg.vocab import add_vocabularies

    g = add_vocabularies(Graph())
    assert (URIRef(concept_iri("act_type", "law")), SKOS.notation, Literal("law")) in g
