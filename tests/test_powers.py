"""Powers from competence enumerations (kg.powers) and their RDF (kg.rdf_rules.add_powers)."""
from __future__ import annotations

import pytest
from rdflib import Graph

from kg.model import Act, Edition, EditionMeta, Provision
from kg.namespaces import sparql_prologue
from kg.powers import (all_powers, category_of, compare_powers, enumeration_intro, extract_powers,
                       moved_powers, power_key)
from kg.rdf_rules import add_powers

LAW = Act(id="law-2001-148", code="7966", type="law", title="З", date="2001-01-23")


def P(eid, text, parent=None, order=0, status="in_force"):
    kind = "subpoint" if "/sub_" in eid else "point" if "/point_" in eid else "article"
    return Provision(eid, kind, eid.rsplit("_", 1)[-1], None, text, parent, order, status)


def edition(date, provisions):
    return Edition(EditionMeta(LAW.id, date), "З", tuple(provisions))


ED_A = edition("2011-03-24", [
    P("art_33", "Статья 33. Компетенция акима района (города областного значения)", None, 1),
    P("art_33/point_1", "1. Аким района (города областного значения) в соответствии с законодательством:", "art_33", 2),
    P("art_33/point_1/sub_1", "1) организует погребение безродных;", "art_33/point_1", 3),
    P("art_33/point_1/sub_2", "2) исключен Законом РК от 01.01.2012 № 1;", "art_33/point_1", 4),
    P("art_33/point_1/sub_3", "3) управляет коммунальным имуществом района;", "art_33/point_1", 5),
    P("art_6", "Статья 6. Компетенция маслихатов", None, 6),
    P("art_6/point_1", "1. К компетенции маслихатов относится:", "art_6", 7),
    P("art_6/point_1/sub_1", "1) утверждение местного бюджета;", "art_6/point_1", 8),
    P("art_6/point_2", "2. К компетенции маслихата области относится также назначение председателя ревизионной "
                       "комиссии.", "art_6", 9),
])
ED_B = edition("2014-11-07", [
    P("art_35", "Статья 35. Компетенция акима села", None, 1),
    P("art_35/point_1", "1. Аким города районного значения, села, поселка, сельского округа в соответствии "
                        "с законодательством Республики Казахстан:", "art_35", 2),
    P("art_35/point_1/sub_1", "1) организует погребение безродных;", "art_35/point_1", 3),
    P("art_35/point_1/sub_2", "2) управляет коммунальным имуществом села, поселка;", "art_35/point_1", 4),
    P("art_6", "Статья 6. Компетенция маслихатов", None, 6),
    P("art_6/point_1", "1. К компетенции маслихатов относится:", "art_6", 7),
    P("art_6/point_1/sub_1", "1) утверждение местного бюджета;", "art_6/point_1", 8),
])


def test_enumeration_intro_names_body_and_levels():
    assert enumeration_intro(ED_A.get("art_33/point_1")) == ("akim", ("district",))
    assert enumeration_intro(ED_A.get("art_6/point_1")) == ("maslikhat", ("region", "district"))
    assert enumeration_intro(ED_B.get("art_35/point_1")) == ("akim", ("rural",))
    assert enumeration_intro(ED_A.get("art_33")) is None


def test_extract_skips_excluded_items_and_reads_single_point_powers():
    ps = extract_powers(ED_A, LAW, ("2011-03-24", "2014-11-07"))
    assert [(p.eid, p.body, p.levels) for p in ps] == [
        ("art_33/point_1/sub_1", "akim", ("district",)),
        ("art_33/point_1/sub_3", "akim", ("district",)),
        ("art_6/point_1/sub_1", "maslikhat", ("region", "district")),
        ("art_6/point_2", "maslikhat", ("region",)),
    ]
    single = ps[-1]
    assert single.text.startswith("назначение председателя") and single.category == "personnel"
    assert ps[0].text == "организует погребение безродных"
    assert ps[0].institutions == ("akim-district",)
    assert ps[0].iri.endswith("/law/2001/7966/rus@2011-03-24/art_33/point_1/sub_1")
    assert (ps[0].valid_from, ps[0].valid_to) == ("2011-03-24", "2014-11-07")


def test_power_key_ignores_numbering_case_and_punctuation():
    assert power_key("1) Утверждение местного бюджета;") == power_key("4-1) утверждение местного бюджета.")
    assert power_key("утверждение местного бюджета") != power_key("исполнение местного бюджета")


def test_compare_powers_sees_moves_rewordings_additions_and_removals():
    before, after = extract_powers(ED_A), extract_powers(ED_B)
    changes = {(c.change, c.text) for c in compare_powers(before, after)}
    assert ("moved", "организует погребение безродных") in changes
    assert ("removed", "назначение председателя ревизионной комиссии") in changes
    kinds = {c.change for c in compare_powers(before, after, similarity=0.7)}
    assert "reworded" in kinds          # «имуществом района» → «имуществом села, поселка»
    assert not [c for c in compare_powers(before, after) if c.text == "утверждение местного бюджета"]


def test_moved_powers_between_consecutive_editions():
    moves = moved_powers(extract_powers(ED_A) + extract_powers(ED_B))
    assert [(m["from_edition"], m["to_edition"], m["before"], m["after"]) for m in moves] == [
        ("2011-03-24", "2014-11-07", [["akim", ["district"]]], [["akim", ["rural"]]])]


@pytest.mark.parametrize("text,code", [("утверждение местного бюджета", "budget"),
                                       ("организует выборы", "elections"),
                                       ("иные вопросы", "other")])
def test_category(text, code):
    assert category_of(text) == code


def test_rdf_power_nodes_link_body_level_basis_and_validity():
    g = Graph()
    add_powers(g, extract_powers(ED_A, LAW, ("2011-03-24", "2014-11-07")))
    q = sparql_prologue() + """
    SELECT ?holder ?basis ?from ?to WHERE { ?p a akn:Power ; akn:heldBy ?holder ; akn:basis ?basis ;
        akn:validFrom ?from ; akn:validTo ?to ; rdf:value ?t . FILTER(STR(?t) = "организует погребение безродных") }"""
    [(holder, basis, start, end)] = list(g.query(q))
    assert str(holder).endswith("/institution/akim-district")
    assert str(basis).endswith("rus@2011-03-24/art_33/point_1/sub_1")
    assert (str(start), str(end)) == ("2011-03-24", "2014-11-07")


# ----------------------------------------------------------------------------- real corpus

@pytest.fixture(scope="module")
def real_powers(real_acts, real_editions):
    return all_powers(real_acts, real_editions)


@pytest.mark.corpus
def test_real_constitution_maslikhat_competence(real_powers):
    for date in ("1995-08-29", "2007-05-21", "2011-02-02", "2022-09-17", "2023-01-01"):
        ps = [p for p in real_powers if p.act == "constitution-1995" and p.edition == date and p.body == "maslikhat"]
        assert [p.path for p in ps] == [f"Статья 86, пункт 4, подпункт {i}" for i in range(1, 6)], date
    new = [p for p in real_powers if p.act == "constitution-2026" and p.body == "maslikhat"]
    assert [p.path for p in new][0] == "Статья 88, пункт 4, подпункт 1"
    assert new[0].valid_from == "2026-07-01"
    # the first power keeps its key from 1995 to 2026
    first = {p.key for p in real_powers if p.path.endswith("подпункт 1") and p.body == "maslikhat"
             and p.act.startswith("constitution")}
    assert len(first) == 1


@pytest.mark.corpus
def test_real_law_148_competences(real_powers):
    for date in ("2011-03-24", "2014-11-07", "2023-12-23"):
        eds = [p for p in real_powers if p.act == "law-2001-148" and p.edition == date]
        by = {(p.body, p.levels) for p in eds}
        assert ("maslikhat", ("region", "district")) in by
        assert ("akim", ("district",)) in by and ("akimat", ("region",)) in by
        assert ("akim", ("district_in_city", "rural")) in by
        assert len([p for p in eds if p.eid.startswith("art_6/")]) >= 15, date
    assert moved_powers(real_powers), "some power should change holder between the editions of Law 148-II"


@pytest.mark.corpus
def test_real_power_iris_are_provisions(real_powers, real_editions):
    have = {(e.act_id, e.date, p.eid) for e in real_editions for p in e.provisions}
    assert all((p.act, p.edition, p.eid) in have for p in real_powers)
    assert all(p.institutions for p in real_powers)
