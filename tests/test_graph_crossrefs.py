"""Cross-references in provision texts: extraction and resolution (kg.crossrefs)."""
from __future__ import annotations

import pytest

from graph_fixtures import ACTS
from kg.crossrefs import Resolver, extract, normalize_title
from kg.model import Act, ActRef


def refs(text):
    return [(r.target, r.eid) for r in extract(text)]


@pytest.mark.parametrize("text, expected", [
    ("согласно статьей 87 Конституции", [("constitution", "art_87")]),
    ("пунктом 4 статьи 87 Конституции Республики Казахстан", [("constitution", "art_87/point_4")]),
    ("подпунктом 10-1) статьи 44 Конституции", [("constitution", "art_44/sub_10-1")]),
    ("подпунктом 3\\) пункта 1 статьи 6 настоящего Закона", [("self", "art_6/point_1/sub_3")]),
    ("пунктами 1 и 2 настоящей статьи", [("article", "point_1"), ("article", "point_2")]),
    ("подпунктом 2) настоящего пункта", [("point", "sub_2")]),
    ("пунктом 1 статьи 50 и пунктом 1 статьи 51 Конституции",
     [("constitution", "art_50/point_1"), ("constitution", "art_51/point_1")]),
    ("статьями 32 и 36 Закона Республики Казахстан «О местном государственном управлении и самоуправлении "
     "в Республике Казахстан»", [("act", "art_32"), ("act", "art_36")]),
    ("в соответствии с настоящим Законом", [("self", "")]),
    ("Настоящий Указ вводится в действие", [("self", "")]),
    ("пунктом 60 настоящего Регламента", [("self", "point_60")]),
    ("установленных Конституцией", [("constitution", "")]),
])
def test_extracts_what_the_words_cite(text, expected):
    assert refs(text) == expected


@pytest.mark.parametrize("text", [
    "в течение 10 дней со дня выборов",
    "не менее 2 кандидатур",
    "Сноска. Статья 5 с изменением",    # a bare article number names no act
])
def test_no_resolvable_reference_in_plain_numbers(text):
    assert [r for r in extract(text) if r.target != "unknown"] == []


def test_act_reference_with_date_and_number():
    (r,) = extract("пунктом 4 статьи 3 Закона РК от 05.11.2022 № 157-VII")
    assert (r.target, r.eid, r.act.type, r.act.date, r.act.number) == ("act", "art_3/point_4", "law", "2022-11-05",
                                                                      "157-VII")
    (r,) = extract("Конституционным законом Республики Казахстан от 28 сентября 1995 года «О выборах в Республике Казахстан»")
    assert (r.act.type, r.act.date, r.title) == ("constitutional_law", "1995-09-28", "О выборах в Республике Казахстан")


def test_raw_words_and_offsets():
    text = "Аким избирается согласно пункту 2 статьи 5 настоящего Закона."
    (r,) = extract(text)
    assert text[r.start:r.end] == r.raw == "пункту 2 статьи 5 настоящего Закона"


EIDS = {"constitution-1995": {"art_87", "art_87/point_4", "art_44", "art_44/sub_10-1"},
        "constitution-2026": {"art_89", "art_89/point_4"},
        "law-2001-148": {"art_24", "art_24/point_1", "art_24/point_2", "chp_3/art_32"},
        "const-law-1995-2464": {"art_1"}}


@pytest.fixture
def resolver():
    return Resolver(ACTS, EIDS)


def resolve(resolver, text, act="law-2001-148", eid="art_24/point_2", date="2014-11-07"):
    return [resolver.resolve(r, act, eid, date) for r in extract(text)]


def test_constitution_is_the_one_in_force_on_the_citing_date(resolver):
    assert resolve(resolver, "пунктом 4 статьи 87 Конституции") == [("constitution-1995", "art_87/point_4")]
    assert resolve(resolver, "пунктом 4 статьи 89 Конституции", date="2026-07-01") == [
        ("constitution-2026", "art_89/point_4")]
    assert resolve(resolver, "статьи 87 Конституции", date="1994-01-01") == [None]   # 1993 text not in the corpus
    # inside a constitution, «Конституции» is the constitution itself
    assert resolve(resolver, "статьей 89 Конституции", act="constitution-2026", eid="art_1",
                   date="2026-03-15") == [("constitution-2026", "art_89")]


def test_missing_provisions_fall_back_to_the_deepest_known(resolver):
    assert resolve(resolver, "подпунктом 7) пункта 4 статьи 87 Конституции") == [("constitution-1995", "art_87/point_4")]
    assert resolve(resolver, "статьи 99 Конституции") == [("constitution-1995", "")]
    # chapters in the eid do not hide an article from a citation
    assert resolve(resolver, "статьей 32 настоящего Закона") == [("law-2001-148", "chp_3/art_32")]


def test_relative_references(resolver):
    assert resolve(resolver, "пунктом 1 настоящей статьи") == [("law-2001-148", "art_24/point_1")]
    assert resolve(resolver, "пунктом 1 настоящей статьи", eid="chp_1") == [None]


def test_acts_by_title_and_by_requisites(resolver):
    assert resolve(resolver, "Конституционным законом «О выборах в Республике Казахстан»") == [
        ("const-law-1995-2464", "")]
    # Latin look-alike letters and spacing do not matter
    assert resolve(resolver, "Закона Республики Казахстан «О местном госудаpственном  управлении и самоуправлении "
                             "в Республике Казахстан»") == [("law-2001-148", "")]
    assert resolve(resolver, "статьи 1 Конституционного закона Республики Казахстан от 28 сентября 1995 года № 2464") == [
        ("const-law-1995-2464", "art_1")]
    assert resolver.act_for(ActRef("law", "2001-01-23", "148")) == "law-2001-148"
    assert resolver.act_for(ActRef("law", "2001-01-23", "149")) is None
    assert resolve(resolver, "Законом Республики Казахстан «О физической культуре и спорте»") == [None]


def test_title_normalisation():
    assert normalize_title("«О  выборах в Республике Казахстан».") == "о выборах в республике казахстан"


def test_ambiguous_title_is_not_guessed():
    twins = {"a": Act(id="a", code="1", type="law", title="О местном самоуправлении"),
             "b": Act(id="b", code="2", type="law", title="О местном самоуправлении")}
    (r,) = extract("Законом «О местном самоуправлении»")
    assert Resolver(twins, {}).resolve(r, "a", "art_1", "2020-01-01") is None
