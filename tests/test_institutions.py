"""The institution catalogue, its recognition in text (kg.institutions), ORG triples and provision tags."""
from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import ORG, RDF

from kg.institutions import (CATALOGUE, LEVELS, UnknownInstitution, analyse, find_institutions, get, key_for,
                             levels_in, types_in)
from kg.model import Act, Edition, EditionMeta, Provision
from kg.rdf_rules import add_institutions
from kg.tagging import tag_provisions
from kg.vocab import codes


@pytest.mark.parametrize("text,levels", [
    ("Аким района в городе республиканского значения", ["district_in_city"]),
    ("Аким района в городе назначается акимом города республиканского значения", ["region", "district_in_city"]),
    ("акимы городов районного значения, сел, поселков, сельских округов", ["rural"]),
    ("аким района (города областного значения)", ["district"]),
    ("Акимы областей, городов республиканского значения и столицы", ["region"]),
    ("глава районной, городской администрации", ["district"]),
    ("аульного (сельского) округа", ["rural"]),
    ("Министерство сельского хозяйства и Правительство", []),
    ("Глава областной, Алматинской и Ленинской городских администраций", ["region"]),
])
def test_levels_in(text, levels):
    assert levels_in(text) == levels


@pytest.mark.parametrize("text,types", [
    ("председатель маслихата и секретарь маслихата", ["maslikhat_chair", "maslikhat_secretary"]),
    ("аппарат акима района", ["akim_apparatus"]),
    ("сход местного сообщества и собрание местного сообщества",
     ["local_community_assembly", "local_community_gathering"]),
    ("Маслихат - Собрание депутатов", ["maslikhat"]),
    ("местные исполнительные органы", ["akimat"]),
    ("Председатель Курултая", ["kurultai"]),
    ("территориальный совет местного самоуправления", ["territorial_council"]),
    ("местных Советов народных депутатов", ["local_soviet"]),
])
def test_types_in(text, types):
    assert types_in(text) == types


def test_find_institutions_attributes_each_body_to_its_level():
    assert find_institutions("Аким района назначается акимом области с согласия маслихата района.") == \
        ["akim-district", "akim-region", "maslikhat-district"]
    # a level-bound type with no level phrase in its sentence is left out
    assert find_institutions("Аким вправе. Президент вправе.") == ["president"]
    # latin look-alike letters (mirror quirk) are folded before matching
    assert find_institutions("мaслихат области") == ["maslikhat-region"]


def test_catalogue_references_resolve_and_kinds_are_consistent():
    keys = {i.key for i in CATALOGUE}
    assert len(keys) == len(CATALOGUE)
    for inst in CATALOGUE:
        for ref in (inst.post_in, inst.sub_organization_of, inst.reports_to):
            assert ref is None or ref in keys, (inst.key, ref)
        if inst.post_in:
            assert inst.kind == "post" and get(inst.post_in).kind == "organization"
        assert inst.level is None or inst.level in LEVELS
    for level in LEVELS:
        assert key_for("akim", level) and key_for("akimat", level)
    assert key_for("maslikhat", "rural") is None
    with pytest.raises(UnknownInstitution):
        get("akim-galaxy")


def test_catalogue_types_are_in_the_vocabulary_except_the_state():
    missing = {i.type for i in CATALOGUE} - set(codes("institution_type"))
    assert missing <= {"state", "maslikhat_apparatus"}, missing


def test_org_triples():
    g = Graph()
    add_institutions(g)
    posts = set(g.subjects(RDF.type, ORG.Post))
    orgs = set(g.subjects(RDF.type, ORG.Organization))
    assert len(posts) + len(orgs) == len(CATALOGUE) and not posts & orgs
    akim = next(s for s in posts if str(s).endswith("/akim-rural"))
    assert str(g.value(akim, ORG.reportsTo)).endswith("/akim-district")
    assert str(g.value(akim, ORG.postIn)).endswith("/akimat-rural")
    labels = {lit.language for lit in g.objects(akim, g.namespace_manager.expand_curie("skos:prefLabel"))}
    assert labels == {"ru", "en", "kk"}


def test_tagging_inherits_levels_from_the_article():
    act = Act(id="law-2001-148", code="7966", type="law", title="З", date="2001-01-23")
    ps = (Provision("art_32", "article", "32", None, "Статья 32. Порядок избрания акима района", None, 1),
          Provision("art_32/point_1", "point", "1", None, "1. Аким избирается на четыре года.", "art_32", 2),
          Provision("art_1", "article", "1", None, "Статья 1. Основные понятия", None, 3))
    tags = tag_provisions({act.id: act}, [Edition(EditionMeta(act.id, "2023-12-23"), "З", ps)])
    base = "https://w3id.org/akimkg/eli/kz/law/2001/7966/rus@2023-12-23/"
    assert tags[base + "art_32/point_1"] == {"levels": ["district"], "institutions": ["akim-district"]}
    assert base + "art_1" not in tags


@pytest.mark.corpus
def test_real_tags_find_every_level(real_acts, real_editions):
    tags = tag_provisions(real_acts, real_editions)
    seen = {lv for t in tags.values() for lv in t["levels"]}
    assert seen == set(LEVELS)
    art_87 = [iri for iri in tags if iri.endswith("/constitution/1995/1/rus@2022-09-17/art_87/point_4")]
    assert art_87 and "region" in tags[art_87[0]]["levels"]
    assert "president" in tags[art_87[0]]["institutions"]
    # every tagged IRI is a provision of the editions
    have = {f"{e.date}/{p.eid}" for e in real_editions for p in e.provisions}
    assert all(iri.split("rus@", 1)[1] in have for iri in tags)


def test_analyse_is_levels_in_and_find_institutions():
    text = "Аким города районного значения избирается. Маслихат района утверждает бюджет."
    assert analyse(text) == (levels_in(text), find_institutions(text))
