"""Merging text-derived and curated rules; the `modes` answer (kg.modes) and its RDF (kg.rdf_rules)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from rdflib import Graph

from kg.appointment import AppointmentRule, Basis
from kg.modes import (DOMAIN_END, DOMAIN_START, ModesError, all_rules, attach_sources, conflicts_of,
                      curated_rules, load_rules, modes_matrix, modes_on, period_ru, resolve, save_rules)
from kg.namespaces import sparql_prologue
from kg.rdf_rules import add_rules

LEVELS = ["region", "district", "district_in_city", "rural"]


def basis(act="constitution-1995", edition="2007-05-21", path="Статья 87, пункт 4", eid="art_87/point_4"):
    return Basis(act, edition, path, f"https://example.org/{act}/{edition}/{eid}", eid)


def text(level, start, end, rank=0, **kw):
    kw.setdefault("selection", "appointment")
    kw.setdefault("selector", "president")
    return AppointmentRule(id=f"t-{level}-{start}-{rank}", level=level, valid_from=start, valid_to=end,
                           origin="text", rank=rank, basis=(basis(),), **kw)


def cur(level, start, end, **kw):
    kw.setdefault("selection", "appointment")
    kw.setdefault("selector", "president")
    return AppointmentRule(id=f"c-{level}-{start}", level=level, valid_from=start, valid_to=end,
                           origin="curated", sources=("Толқынбек 2024",), **kw)


def test_every_level_is_answered_and_unknown_has_empty_basis():
    ans = modes_on("2010-01-01", [text("region", "2007-05-21", None, consent="maslikhat")])
    assert [x["level"] for x in ans["levels"]] == LEVELS
    region, district = ans["levels"][0], ans["levels"][1]
    assert (region["selection"], region["consent"], region["since"]) == ("appointment", "maslikhat", "2007-05-21")
    assert region["basis"][0]["path"] == "Статья 87, пункт 4"
    assert set(region["basis"][0]) == {"act", "edition", "path", "id"}
    assert (district["selection"], district["selector"], district["basis"], district["since"]) == \
        ("unknown", "unknown", [], None)


def test_curated_fills_a_gap_the_text_leaves():
    rules = [text("rural", "2013-04-24", "2018-01-01", selection="indirect_election", selector="maslikhat_deputies"),
             cur("rural", "2018-01-01", "2021-07-25", selection="indirect_election", selector="maslikhat_deputies")]
    ans = modes_on("2019-06-01", rules)["levels"][3]
    assert (ans["origin"], ans["basis"], ans["sources"]) == ("curated", [], ["Толқынбек 2024"])
    # same mode on both sides: one stretch since the text rule's start
    assert ans["since"] == "2013-04-24"


def test_text_wins_and_agreeing_curated_adds_sources():
    rules = [text("region", "2007-05-21", None, consent="maslikhat"),
             cur("region", "2000-01-01", None)]
    assert conflicts_of(rules) == []
    ans = modes_on("2010-01-01", rules)["levels"][0]
    assert ans["origin"] == "text" and ans["consent"] == "maslikhat" and ans["sources"] == ["Толқынбек 2024"]


def test_disagreement_is_a_conflict_and_fails_the_report():
    rules = [text("rural", "2013-04-24", "2018-01-01", selection="indirect_election", selector="maslikhat_deputies"),
             cur("rural", "2015-01-01", "2016-01-01", selection="appointment", selector="higher_akim")]
    [c] = conflicts_of(rules)
    assert (c.level, c.kind, c.start, c.end, c.fields) == \
        ("rural", "text_vs_curated", "2015-01-01", "2016-01-01", ("selection", "selector"))
    # the text still gives the answer
    assert modes_on("2015-06-01", rules)["levels"][3]["selection"] == "indirect_election"


def test_optional_fields_conflict_only_when_both_are_given():
    base = text("region", "2022-06-08", None, consent="maslikhat", min_candidates=2)
    assert conflicts_of([base, cur("region", "2022-01-01", None, consent="maslikhat")]) == []
    [c] = conflicts_of([base, cur("region", "2022-01-01", None, consent="maslikhat", min_candidates=3)])
    assert c.fields == ("min_candidates",)


def test_higher_ranked_text_leads_and_lower_fills_empty_fields():
    const = text("region", "1995-08-30", "1998-10-07", rank=0, nomination="prime_minister")
    law = AppointmentRule(id="law", level="region", selection="appointment", selector="president",
                          min_candidates=2, valid_from="1993-12-10", valid_to="2001-05-08", origin="text", rank=2,
                          basis=(basis("law-1993-4100", "1996-01-26", "Статья 2", "art_2"),))
    ans = modes_on("1996-06-01", [const, law])["levels"][0]
    assert (ans["nomination"], ans["min_candidates"]) == ("prime_minister", 2)
    assert [b["act"] for b in ans["basis"]] == ["constitution-1995", "law-1993-4100"]


def test_variants_stand_beside_the_general_rule():
    general = text("district", "2023-01-01", None, selector="higher_akim", consent="maslikhat")
    pilot = AppointmentRule(id="pilot", level="district", kind="variant", selection="direct_election",
                            selector="residents", scope="пилотные районы", valid_from="2024-01-01",
                            origin="curated", sources=("seed",))
    before, after = modes_on("2023-06-01", [general, pilot]), modes_on("2024-06-01", [general, pilot])
    assert before["levels"][1]["variants"] == []
    d = after["levels"][1]
    assert d["selection"] == "appointment" and d["since"] == "2023-01-01"
    assert [(v["selection"], v["scope"], v["since"]) for v in d["variants"]] == \
        [("direct_election", "пилотные районы", "2024-01-01")]


def test_delegation_is_not_a_mode():
    dele = AppointmentRule(id="d", level="rural", kind="delegation", delegated_to="president",
                           valid_from="2007-05-21", origin="text", rank=0, basis=(basis(),))
    ans = modes_on("2010-01-01", [dele])["levels"][3]
    assert ans["selection"] == "unknown" and ans["basis"] == []
    assert ans["delegated_by"][0]["path"] == "Статья 87, пункт 4"


def test_resolved_segments_never_overlap_and_cover_the_domain():
    rules = [text("region", "1995-08-30", "1998-10-07", nomination="prime_minister"),
             text("region", "1993-12-10", "2001-05-08", rank=2),
             cur("region", "1991-01-01", "1993-12-10", selection="soviet", selector="local_soviet")]
    segs, conflicts = resolve(rules)
    assert conflicts == []
    region = segs["region"]
    assert region[0].start == "1991-01-01" and region[-1].end == "2027-01-01"
    assert all(a.end == b.start for a, b in zip(region, region[1:]))
    assert [s.rule.selection if s.rule else None for s in region] == ["soviet", "appointment", "appointment",
                                                                        "appointment", None]


def test_bad_date_is_a_value_error():
    with pytest.raises(ModesError, match="not an ISO date"):
        modes_on("2024-13-01", [])
    with pytest.raises(ValueError):
        modes_matrix([], 2020, 2010)


def test_matrix_rows_are_contiguous():
    rows = modes_matrix([text("rural", "2013-04-24", "2018-01-01")], 2010, 2020)
    rural = [r for r in rows if r["level"] == "rural"]
    assert [(r["start"], r["end"], r["selection"]) for r in rural] == [
        ("2010-01-01", "2013-04-24", "unknown"), ("2013-04-24", "2018-01-01", "appointment"),
        ("2018-01-01", "2021-01-01", "unknown")]


def test_save_and_load_rules(tmp_path):
    rules = [text("region", "2007-05-21", None, consent="maslikhat"), cur("rural", "2018-01-01", None)]
    path = save_rules(rules, tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == 1
    assert load_rules(tmp_path) == rules
    with pytest.raises(ModesError):
        load_rules(tmp_path / "missing")


def test_curated_records_become_rules():
    from corpus.curated import Basis as CBasis, CuratedRule
    from kg.model import Act, Edition, EditionMeta, Provision

    act = Act(id="law-1993-4100", code="104184", type="law", title="З", date="1993-12-10")
    ed = Edition(EditionMeta(act.id, "1996-01-26"), "З", (Provision("art_2", "article", "2", None, "Статья 2"),))
    recs = [CuratedRule("r1", "region", "appointment", "president", "1993-12-10", ("tolkynbek-2024",),
                        valid_to="1995-08-30",
                        basis=(CBasis(act.id, "1996-01-26", "Статья 2"), CBasis(act.id, "1996-01-26", "Статья 99"))),
            CuratedRule("p1", "district", "direct_election", "residents", "2024-01-01", ("kaliev-serikbaeva-2025",),
                        kind="variant", scope="пилот", end_unknown=True, valid_to="2025-01-01")]
    r1, p1 = curated_rules(recs, {act.id: act}, [ed])
    assert (r1.origin, r1.kind, r1.id, r1.valid_to) == ("curated", "general", "curated.r1", "1995-08-30")
    assert r1.sources[0].startswith("Толқынбек Жәнібек Толқынбекұлы Совершенствование")
    # a basis is kept only where the provision exists in the editions
    assert [(b.path, b.eid) for b in r1.basis] == [("Статья 2", "art_2")]
    assert r1.basis[0].id.endswith("/law/1993/104184/rus@1996-01-26/art_2")
    assert (p1.kind, p1.scope, p1.valid_to_basis) == ("variant", "пилот", "curated_end_unknown")
    assert (p1.end_unknown, p1.until_precision, r1.end_unknown, r1.until_precision) == (True, "attested", False, "day")
    # without editions nothing can be checked: every cited provision is kept
    [r1_all] = curated_rules(recs[:1], {act.id: act})
    assert [b.eid for b in r1_all.basis] == ["art_2", "art_99"]


def test_curated_dating_precision_and_end_pass_through(tmp_path):
    from corpus.curated import CuratedRule

    recs = [CuratedRule("sov", "rural", "soviet", "local_soviet", "1991-01-01", ("tolkynbek-2024",),
                        valid_to="1992-02-07", valid_from_precision="year", dating="From the year of the law."),
            CuratedRule("exp", "district", "indirect_election", "maslikhat_deputies", "2004-12-06",
                        ("tolkynbek-2024",), kind="variant", scope="эксперимент", valid_to="2005-09-01",
                        end_unknown=True, dating="Until the month of the elections."),
            CuratedRule("att", "region", "appointment", "president", "1996-01-01", ("tolkynbek-2024",),
                        valid_to="1997-01-01", end_unknown=True)]
    rules = curated_rules(recs)
    assert load_rules(save_rules(rules, tmp_path).parent) == rules
    rural = modes_on("1991-06-01", rules)["levels"][3]
    assert (rural["since"], rural["since_precision"], rural["until"], rural["until_precision"], rural["dating"]) == \
        ("1991-01-01", "year", "1992-02-07", "day", "From the year of the law.")
    assert rural["end_unknown"] is False
    [v] = modes_on("2005-03-01", rules)["levels"][1]["variants"]
    assert (v["until"], v["until_precision"], v["end_unknown"], v["dating"]) == \
        ("2005-09-01", "attested", True, "Until the month of the elections.")
    assert modes_on("2005-09-01", rules)["levels"][1]["variants"] == []
    # a general rule only attested until a day, followed by nothing known
    region = modes_on("1996-06-01", rules)["levels"][0]
    assert (region["until"], region["until_precision"], region["end_unknown"]) == ("1997-01-01", "attested", True)
    assert "неизвестна" in period_ru(region) and "неизвестна" in period_ru(v)
    assert modes_on("1997-01-01", rules)["levels"][0]["selection"] == "unknown"
    rows = [r for r in modes_matrix(rules, 1991, 2010) if r["level"] == "district" and r["variants"]]
    assert rows and all(x["end_unknown"] and x["until_precision"] == "attested" for r in rows for x in r["variants"])


def test_attested_end_is_a_known_end_when_another_rule_follows():
    first = cur("region", "1996-01-01", "1997-01-01", end_unknown=True)
    nxt = cur("region", "1997-01-01", None, selector="higher_akim")
    ans = modes_on("1996-06-01", [first, nxt])["levels"][0]
    assert (ans["until"], ans["until_precision"], ans["end_unknown"]) == ("1997-01-01", "day", False)


@pytest.mark.parametrize("eid", ["art_87/point_4", "art_23-1/point_4/sub_2", "annex_1/chp_2/point_9", "point_2",
                                 "sec_8/art_89", "art_6/point_1/sub_4-1"])
def test_path_to_eid_inverts_provision_path(eid):
    from kg.model import provision_path
    from kg.modes import path_to_eid

    assert path_to_eid(provision_path(eid)) == eid


def test_unknown_selector_disagrees_with_nothing():
    assert conflicts_of([text("district", "2011-01-01", "2014-01-01", selector="higher_akim"),
                         cur("district", "2011-05-19", "2013-06-13", selector="unknown")]) == []


def test_attach_sources_to_text_rules_by_table_row():
    from corpus.curated import TextRuleSources

    pilot = AppointmentRule(id="p", level="district", kind="variant", origin="text", pattern="law148-32-elected",
                            selection="direct_election", selector="residents", basis=(basis(),))
    other = replace_rule(pilot, id="o", pattern="law148-32-1-appointed", kind="general")
    link = TextRuleSources("law148-32-elected", "district", ("tolkynbek-2024", "district-elections-commentary"))
    got = attach_sources([pilot, other], [link])
    assert [len(r.sources) for r in got] == [2, 0]
    assert got[0].sources[0].startswith("Толқынбек") and got[0].sources[1].startswith("[Комментарий о первых")
    with pytest.raises(ModesError, match="no row 'no-such-row'"):
        attach_sources([pilot], [TextRuleSources("no-such-row", "district", ("tolkynbek-2024",))])
    with pytest.raises(ModesError, match="no rule for level 'rural'"):
        attach_sources([pilot], [TextRuleSources("law148-32-elected", "rural", ("tolkynbek-2024",))])


def test_text_rule_sources_are_validated(tmp_path):
    from corpus.curated import CuratedDataError, load_text_rule_sources

    f = tmp_path / "rules.yaml"
    f.write_text("rules: []\ntext_rule_sources:\n  - pattern: law148-32-elected\n    level: district\n"
                 "    sources: [tolkynbek-2024]\n    refs: [{source: kaliev-serikbaeva-2025, where: table 1}]\n",
                 encoding="utf-8")
    with pytest.raises(CuratedDataError, match="not among the entry's sources"):
        load_text_rule_sources(f)
    f.write_text("rules: []\n", encoding="utf-8")
    assert load_text_rule_sources(f) == ()


def test_curated_basis_missing_from_the_editions_fails_the_report():
    from corpus.curated import Basis as CBasis, CuratedRule
    from kg.model import Act, Edition, EditionMeta, Provision

    act = Act(id="law-1993-4100", code="104184", type="law", title="З", date="1993-12-10")
    ed = Edition(EditionMeta(act.id, "1996-01-26"), "З", (Provision("art_2", "article", "2", None, "Статья 2"),))
    rec = CuratedRule("r1", "region", "appointment", "president", "1993-12-10", ("tolkynbek-2024",),
                      valid_to="1995-08-30", basis=(CBasis(act.id, "1996-01-26", "Статья 98"),))
    rules, report = all_rules({act.id: act}, [ed], curated=[rec], links=())
    assert not report["ok"]
    assert report["unresolved_basis"] == [{"rule": "r1", "act": act.id, "edition": "1996-01-26", "path": "Статья 98"}]


def replace_rule(rule, **kw):
    from dataclasses import replace

    return replace(rule, **kw)


def _answers_are_complete(rules, days):
    """Every level answered on every day; unknown answers empty; the others with a basis or sources."""
    for day in days:
        ans = modes_on(day, rules)
        assert ans["date"] == day
        assert [x["level"] for x in ans["levels"]] == LEVELS
        for x in ans["levels"]:
            if x["selection"] == "unknown":
                assert (x["selector"], x["basis"], x["sources"], x["since"], x["until"]) == \
                    ("unknown", [], [], None, None), (day, x)
            else:
                assert x["basis"] or x["sources"], (day, x)
                assert x["since"] <= day and (x["until"] is None or day < x["until"]), (day, x)
                assert x["since_precision"] in ("day", "month", "year")
                assert x["end_unknown"] == (x["until_precision"] == "attested")
            for v in x["variants"]:
                assert v["basis"] or v["sources"], (day, v)
                assert v["since"] <= day and (v["until"] is None or day < v["until"]), (day, v)


def _sample_days(rules):
    """Every first of a month 1991-01..2026-12, the last day 2026-12-31, and every rule bound ±1 day."""
    days = set()
    d = dt.date(1991, 1, 1)
    while d.year <= 2026:
        days.add(d)
        d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    days.add(dt.date(2026, 12, 31))
    lo, hi = dt.date.fromisoformat(DOMAIN_START), dt.date.fromisoformat(DOMAIN_END)
    for r in rules:
        for bound in (r.valid_from, r.valid_to):
            if bound:
                b = dt.date.fromisoformat(bound)
                days.update(x for x in (b - dt.timedelta(days=1), b, b + dt.timedelta(days=1)) if lo <= x < hi)
    return sorted(x.isoformat() for x in days)


def test_curated_rules_alone_answer_every_level_every_day():
    rules = curated_rules()
    days = _sample_days(rules)
    assert days[0] == "1991-01-01" and days[-1] == "2026-12-31" and len(days) > 432
    _answers_are_complete(rules, days)


def _rdf(rules) -> Graph:
    g = Graph()
    add_rules(g, rules)
    return g


OVERLAP = """
SELECT ?a ?b WHERE {
  ?a a akn:AppointmentRule ; akn:level ?l ; akn:validFrom ?fa .
  ?b a akn:AppointmentRule ; akn:level ?l ; akn:validFrom ?fb .
  FILTER NOT EXISTS { ?a a akn:AppointmentVariant } FILTER NOT EXISTS { ?b a akn:AppointmentVariant }
  OPTIONAL { ?a akn:validTo ?ta } OPTIONAL { ?b akn:validTo ?tb }
  FILTER (STR(?a) < STR(?b) && (!BOUND(?tb) || ?fa < ?tb) && (!BOUND(?ta) || ?fb < ?ta))
}"""

NO_BASIS = """
SELECT ?r WHERE { ?r a akn:AppointmentRule .
  FILTER NOT EXISTS { ?r akn:basis ?b } FILTER NOT EXISTS { ?r dcterms:source ?s } }"""


def test_rdf_rules_do_not_overlap_and_have_a_basis_or_source():
    rules = [text("region", "1995-08-30", "1998-10-07", nomination="prime_minister"),
             text("region", "1993-12-10", "2001-05-08", rank=2),
             cur("region", "2000-01-01", "2008-01-01"),
             AppointmentRule(id="v", level="region", kind="variant", selection="direct_election",
                             selector="residents", scope="эксперимент", valid_from="2005-01-01",
                             valid_to="2006-01-01", origin="curated", sources=("s",))]
    g = _rdf(rules)
    assert list(g.query(sparql_prologue() + OVERLAP)) == []
    assert list(g.query(sparql_prologue() + NO_BASIS)) == []
    assert len(list(g.query(sparql_prologue() + "SELECT ?v WHERE { ?v a akn:AppointmentVariant }"))) == 1


def test_rdf_rules_keep_precision_dating_basis_and_attested_end():
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS, TIME

    from kg.namespaces import AKN
    from kg.rdf_rules import rule_iri

    soviet = cur("rural", "1991-01-01", "1992-02-07", selection="soviet", selector="local_soviet",
                 valid_from_precision="year", dating="From the year of the law.")
    law = AppointmentRule(id="law", level="rural", selection="appointment", selector="higher_akim",
                          valid_from="1993-12-10", valid_to="1995-08-30", origin="curated", sources=("s",),
                          basis=(basis("law-1993-4100", "1996-01-26", "Статья 48", "art_48"),))
    exp = AppointmentRule(id="exp", level="district", kind="variant", selection="indirect_election",
                          selector="maslikhat_deputies", scope="эксперимент", valid_from="2004-12-06",
                          valid_to="2005-09-01", end_unknown=True, origin="curated", sources=("s",))
    g = _rdf([soviet, law, exp])
    node = rule_iri("rural", "1991-01-01")
    begin = g.value(g.value(node, AKN.validity), TIME.hasBeginning)
    desc = g.value(begin, TIME.inDateTime)
    assert (g.value(desc, TIME.unitType), str(g.value(desc, TIME.year))) == (TIME.unitYear, "1991")
    assert Literal("Dating: From the year of the law.", lang="en") in set(g.objects(node, RDFS.comment))
    assert (rule_iri("rural", "1993-12-10"), AKN.basis, URIRef(law.basis[0].id)) in g
    [v] = g.subjects(AKN.scope, Literal("эксперимент", lang="ru"))
    assert any("неизвестна" in str(c) for c in g.objects(v, RDFS.comment))
    assert any("attested" in str(c) for c in g.objects(g.value(v, AKN.validity), RDFS.comment))


def test_rdf_conflicts_are_nodes():
    rules = [text("rural", "2013-04-24", "2018-01-01", selection="indirect_election", selector="maslikhat_deputies"),
             cur("rural", "2015-01-01", "2016-01-01", selection="appointment", selector="higher_akim")]
    g = _rdf(rules)
    assert len(list(g.query(sparql_prologue() + "SELECT ?c WHERE { ?c a akn:RuleConflict }"))) == 1


# ----------------------------------------------------------------------------- real corpus

@pytest.fixture(scope="module")
def real_text_rules(real_acts, real_editions):
    rules, report = all_rules(real_acts, real_editions, curated=[])
    return rules, report


def _every_month():
    d = dt.date(1991, 1, 1)
    while d.year <= 2026:
        yield d.isoformat()
        d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@pytest.mark.corpus
def test_real_modes_answer_every_level_every_month_with_a_basis(real_text_rules):
    rules, report = real_text_rules
    assert report["ok"], report["conflicts"]
    for day in _every_month():
        ans = modes_on(day, rules)
        assert [x["level"] for x in ans["levels"]] == LEVELS
        for x in ans["levels"]:
            if x["selection"] == "unknown":
                assert x["basis"] == [] and x["since"] is None
            else:
                assert x["basis"] or x["sources"], (day, x)
                assert x["since"] <= day


@pytest.mark.corpus
def test_real_modes_on_known_dates(real_text_rules):
    rules, _ = real_text_rules
    on = lambda d: {x["level"]: x for x in modes_on(d, rules)["levels"]}  # noqa: E731
    a = on("1996-06-01")
    assert (a["region"]["selector"], a["region"]["nomination"]) == ("president", "prime_minister")
    assert a["rural"]["selector"] == "higher_akim"
    b = on("2015-06-01")
    assert (b["rural"]["selection"], b["rural"]["min_candidates"]) == ("indirect_election", 2)
    assert b["rural"]["basis"][0]["act"] == "decree-2013-555"
    c = on("2024-06-01")
    assert (c["region"]["consent"], c["region"]["min_candidates"]) == ("maslikhat", 2)
    assert c["rural"]["selection"] == "direct_election"
    assert c["district"]["variants"] and c["district"]["variants"][0]["selection"] == "direct_election"
    d = on("2026-08-01")
    assert d["region"]["basis"][0]["act"] == "constitution-2026"


@pytest.mark.corpus
def test_real_rules_with_curated_data_do_not_conflict(real_acts, real_editions):
    rules, report = all_rules(real_acts, real_editions)
    assert report["curated_rules"] > 0
    assert report["ok"], json.dumps(report["conflicts"], ensure_ascii=False, indent=1)
    segs, _ = resolve(rules)
    for level in LEVELS:
        assert all(a.end == b.start for a, b in zip(segs[level], segs[level][1:]))


@pytest.mark.corpus
def test_real_modes_answer_every_level_on_every_sampled_day(real_acts, real_editions):
    rules, report = all_rules(real_acts, real_editions)
    assert report["ok"] and report["unresolved_basis"] == [], report
    _answers_are_complete(rules, _sample_days(rules))


@pytest.mark.corpus
def test_real_pilot_variant_carries_the_seeds_that_describe_it(real_acts, real_editions):
    rules, _ = all_rules(real_acts, real_editions)
    [pilot] = [r for r in rules if r.pattern == "law148-32-elected"]
    assert (pilot.origin, pilot.kind, pilot.valid_from) == ("text", "variant", "2023-01-01")
    assert [s[:12] for s in pilot.sources] == ["Толқынбек Жә", "[Комментарий"]
    assert not [r for r in rules if r.origin == "curated" and r.level == "district" and r.kind == "variant"
                and r.selection == "direct_election"], "the pilot must not be repeated as a curated rule"
    [v] = {x["level"]: x for x in modes_on("2024-06-01", rules)["levels"]}["district"]["variants"]
    assert v["basis"][0]["path"] == "Статья 32, пункт 1" and len(v["sources"]) == 2
    exp = {x["level"]: x for x in modes_on("2005-03-01", rules)["levels"]}["district"]
    assert exp["selection"] == "unknown"
    assert [(v["until"], v["until_precision"]) for v in exp["variants"]] == [("2005-09-01", "attested")]
    assert {x["level"]: x for x in modes_on("2008-01-01", rules)["levels"]}["district"]["variants"] == []
