"""SKOS vocabularies, the search thesaurus and the ontology (kg.vocab, kg.namespaces, kg/ontology.ttl)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg import namespaces
from kg.graph import ontology_graph
from kg.namespaces import AKN, ELI
from kg.uri import concept_iri
from kg.vocab import (THESAURUS, UnknownConceptError, VocabularyError, add_thesaurus, add_vocabularies, codes,
                      concept, load_vocabularies)

ROOT = Path(__file__).resolve().parent.parent

# The codes fixed by ../shared/CONTRACTS.md ("Vocabularies (codes are fixed ...)").
CONTRACT_CODES = {
    "level": ["region", "district", "district_in_city", "rural"],
    "selection": ["appointment", "indirect_election", "direct_election", "soviet", "unknown"],
    "selector": ["president", "higher_akim", "maslikhat_deputies", "residents", "local_soviet", "unknown"],
    "consent": ["maslikhat"],
    "nomination": ["prime_minister"],
    "event_type": ["act", "amendment", "decree", "referendum", "election", "address", "other"],
}


@pytest.fixture(scope="module")
def vocab():
    return add_vocabularies(Graph())


@pytest.mark.parametrize("scheme", sorted(CONTRACT_CODES))
def test_contract_codes_are_the_notations(vocab, scheme):
    assert list(codes(scheme)) == CONTRACT_CODES[scheme]
    s = URIRef(namespaces.PREFIXES["akid"] + scheme)
    members = {str(vocab.value(c, SKOS.notation)) for c in vocab.subjects(SKOS.inScheme, s)}
    assert members == set(CONTRACT_CODES[scheme])


def test_every_concept_has_russian_and_english_labels_and_one_notation(vocab):
    concepts = set(vocab.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 60
    for c in concepts:
        langs = {o.language for o in vocab.objects(c, SKOS.prefLabel)}
        assert {"ru", "en"} <= langs, c
        assert len(list(vocab.objects(c, SKOS.notation))) == 1
        assert len([o for o in vocab.objects(c, SKOS.prefLabel) if o.language == "ru"]) == 1


def test_kazakh_labels_are_cyrillic_kazakh(vocab):
    kk = [o for o in vocab.objects(None, SKOS.prefLabel) if o.language == "kk"]
    assert len(kk) >= 20
    for label in kk:
        assert re.fullmatch(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі ,()-]+", str(label)), label
    assert Literal("әкім", lang="kk") in set(vocab.objects(concept("institution_type", "akim"), SKOS.prefLabel))


@pytest.mark.parametrize("scheme, code, historical", [
    ("institution_type", "akim", "глава местной администрации"),
    ("institution_type", "maslikhat", "Маслихат - собрание депутатов"),
    ("level", "rural", "аульный (сельский) округ"),
])
def test_historical_names_are_alt_labels(vocab, scheme, code, historical):
    assert Literal(historical, lang="ru") in set(vocab.objects(concept(scheme, code), SKOS.altLabel))


def test_unknown_codes_are_refused():
    with pytest.raises(UnknownConceptError, match="unknown code 'oblast'"):
        concept("level", "oblast")
    with pytest.raises(UnknownConceptError, match="unknown concept scheme"):
        codes("levels")


def test_malformed_vocabulary_file(tmp_path):
    p = tmp_path / "v.yaml"
    p.write_text("schemes:\n  level:\n    concepts:\n      - code: region\n      - code: region\n        pref: {ru: x}\n",
                 encoding="utf-8")
    with pytest.raises(VocabularyError, match="needs a code and pref.ru"):
        load_vocabularies(p)
    p.write_text("schemes: [", encoding="utf-8")
    with pytest.raises(VocabularyError, match="cannot read"):
        load_vocabularies(p)


def test_thesaurus_shapes(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text("scheme: {id: terms, prefLabel: {ru: Термины}}\n"
                 "concepts:\n"
                 "  - id: akim\n    prefLabel: {ru: аким, en: akim}\n    altLabel: {ru: [глава администрации]}\n"
                 "    hiddenLabel: {ru: [акимы]}\n    scopeNote: {en: head of executive}\n"
                 "  - id: akimat\n    prefLabel: {ru: акимат}\n    broader: [akim]\n", encoding="utf-8")
    g = add_thesaurus(Graph(), p)
    akim = URIRef(concept_iri("terms", "akim"))
    assert (akim, SKOS.inScheme, URIRef(namespaces.PREFIXES["akid"] + "terms")) in g
    assert Literal("глава администрации", lang="ru") in set(g.objects(akim, SKOS.altLabel))
    assert Literal("акимы", lang="ru") in set(g.objects(akim, SKOS.hiddenLabel))
    assert (URIRef(concept_iri("terms", "akimat")), SKOS.broader, akim) in g
    # plain synonym lists
    p.write_text("- [сход, сход граждан]\n- [маслихат]\n", encoding="utf-8")
    g = add_thesaurus(Graph(), p)
    assert Literal("сход граждан", lang="ru") in set(g.objects(URIRef(concept_iri("thesaurus", "сход")), SKOS.altLabel))
    assert len(add_thesaurus(Graph(), tmp_path / "absent.yaml")) == 0
    p.write_text("concepts: [", encoding="utf-8")
    with pytest.raises(VocabularyError):
        add_thesaurus(Graph(), p)


def test_the_project_thesaurus_loads():
    if not THESAURUS.exists():
        pytest.fail("corpus/data/thesaurus.yaml is missing")
    g = add_thesaurus(Graph())
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 10
    assert all(any(o.language == "ru" for o in g.objects(c, SKOS.prefLabel)) for c in concepts)
    assert all(str(t).isascii() for c in concepts for t in (c,))


# ------------------------------------------------------------------ ontology

def _defined(ns_class) -> set[str]:
    return set(ns_class.__annotations__)


def test_every_akn_term_is_defined_with_a_comment_and_vice_versa():
    onto = ontology_graph()
    base = str(AKN._NS)
    in_file = {str(s)[len(base):] for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(base)}
    assert in_file == _defined(AKN)
    for term in in_file:
        iri = AKN[term]
        assert onto.value(iri, RDFS.comment) is not None, term
        assert any(lbl.language == "en" for lbl in onto.objects(iri, RDFS.label)), term
        assert any(lbl.language == "ru" for lbl in onto.objects(iri, RDFS.label)), term


def test_ontology_reuses_standards():
    onto = ontology_graph()
    assert (AKN.Edition, RDFS.subClassOf, ELI.LegalExpression) in onto
    assert (AKN.Provision, RDFS.subClassOf, ELI.LegalResourceSubdivision) in onto
    assert (AKN.basis, RDFS.subPropertyOf, namespaces.PROV.wasDerivedFrom) in onto
    assert (AKN.validity, RDFS.range, namespaces.TIME.Interval) in onto
    assert (None, RDF.type, OWL.Ontology) in onto


def test_closed_namespaces_refuse_typos():
    with pytest.raises(AttributeError):
        AKN.appointmentRul  # noqa: B018
    with pytest.raises(AttributeError):
        ELI.is_realised_by  # noqa: B018


def test_rebase_follows_the_base_iri(monkeypatch):
    monkeypatch.setenv("AKIMKG_BASE_IRI", "https://example.org/kg")
    assert namespaces.rebase("<https://w3id.org/akimkg/ontology#Act>") == "<https://example.org/kg/ontology#Act>"
