"""Appointment rules read from the texts (kg.appointment).

Fixture texts are short paraphrases written for these tests, in the corpus's
shape (articles, points, «Сноска» footnotes); the corpus tests read the real
editions.
"""
from __future__ import annotations

import pytest

from kg.appointment import PATTERNS, AppointmentRule, amendment_dates, text_rules, wording_span
from kg.model import Act, Amendment, Edition, EditionMeta, Provision

CONST = Act(id="constitution-1995", code="1", type="constitution", title="Конституция", date="1995-08-30",
            in_force_to="2026-07-01")
DECREE = Act(id="decree-2013-555", code="72186", type="decree", title="Указ", date="2013-04-24",
             in_force_to="2018-01-01", in_force_to_precision="year")

# Point 4 of art. 87 in three wordings, split into short lines.
P4_1995 = ("4. Акимы областей, городов республиканского значения и столицы назначаются на должность\n"
           "Президентом Республики по представлению Премьер-Министра.\n"
           "Акимы иных административно-территориальных единиц назначаются вышестоящими акимами.")
P4_2007 = ("4. Акимы областей, городов республиканского значения и столицы назначаются на должность\n"
           "Президентом Республики с согласия маслихатов.\n"
           "Акимы иных административно-территориальных единиц назначаются или избираются на должность\n"
           "в порядке, определяемом Президентом Республики Казахстан.")
P4_2022 = ("4. Акимы областей, городов республиканского значения и столицы назначаются на должность\n"
           "Президентом Республики с согласия депутатов маслихатов области.\n\n"
           "   Президент Республики предлагает не менее двух кандидатур.")


def _ed(act: Act, date: str, p4: str, footnote: str = "") -> Edition:
    provs = (Provision("art_87", "article", "87", None, "Статья 87", None, 1),
             Provision("art_87/point_4", "point", "4", None, p4, "art_87", 2))
    amends = (Amendment(target="art_87", action="amended", text=footnote),) if footnote else ()
    return Edition(EditionMeta(act.id, date), "Конституция", provs, amends)


EDITIONS = [
    _ed(CONST, "1995-08-29", P4_1995),
    _ed(CONST, "2007-05-21", P4_2007, "Сноска. Статья 87 с изменениями, внесенными Законами РК от 7 октября 1998 г."
                                      " N 284; от 21 мая 2007 г. N 254."),
    _ed(CONST, "2011-02-02", P4_2007, "Сноска. Статья 87 с изменениями, внесенными Законами РК от 7 октября 1998 г."
                                      " N 284; от 21 мая 2007 г. N 254."),
    _ed(CONST, "2022-09-17", P4_2022, "Сноска. Статья 87 с изменениями, внесенными законами РК от 07.10.1998 № 284-I;"
                                      " от 21.05.2007 № 254-III; от 10.03.2017 № 51-VI;"
                                      " от 08.06.2022 (вводится в действие с 08.06.2022)."),
]


def _general(rules, level):
    return [r for r in rules if r.level == level and r.kind == "general"]


def test_region_rules_follow_the_wordings_and_their_footnotes():
    rules = text_rules({CONST.id: CONST}, EDITIONS)
    got = [(r.selection, r.selector, r.consent, r.nomination, r.min_candidates, r.valid_from, r.valid_to)
           for r in _general(rules, "region")]
    assert got == [
        # original wording: from the act's adoption to the first amendment listed after it
        ("appointment", "president", None, "prime_minister", None, "1995-08-30", "1998-10-07"),
        # same rule in 2007 and 2011: one span, from the latest amendment before 2007
        # to the first amendment after 2011 named in the 2022 footnote
        ("appointment", "president", "maslikhat", None, None, "2007-05-21", "2017-03-10"),
        # explicit effective date of the footnote; the act ends on 2026-07-01
        ("appointment", "president", "maslikhat", None, 2, "2022-06-08", "2026-07-01"),
    ]
    spans = {r.valid_from: (r.valid_from_basis, r.valid_to_basis) for r in _general(rules, "region")}
    assert spans["1995-08-30"] == ("act_adopted", "amendment_adopted")
    assert spans["2022-06-08"] == ("amendment_effective", "act_in_force_to")


def test_rules_carry_their_basis_in_every_edition():
    rules = text_rules({CONST.id: CONST}, EDITIONS)
    consent = next(r for r in _general(rules, "region") if r.valid_from == "2007-05-21")
    assert [(b.edition, b.path) for b in consent.basis] == [("2007-05-21", "Статья 87, пункт 4"),
                                                            ("2011-02-02", "Статья 87, пункт 4")]
    assert consent.basis[0].id.endswith("/constitution/1995/1/rus@2007-05-21/art_87/point_4")
    assert consent.origin == "text" and consent.rank == 0


def test_other_levels_appointed_then_delegated():
    rules = text_rules({CONST.id: CONST}, EDITIONS)
    for level in ("district", "district_in_city", "rural"):
        assert [(r.selector, r.valid_from) for r in _general(rules, level)] == [("higher_akim", "1995-08-30")]
        dele = [r for r in rules if r.level == level and r.kind == "delegation"]
        assert [(r.delegated_to, r.valid_from, r.selection) for r in dele] == [("president", "2007-05-21", "unknown")]


def test_no_rule_from_a_provision_that_states_none():
    ed = _ed(CONST, "1995-08-29", "4. Компетенция местных исполнительных органов устанавливается законом.")
    assert text_rules({CONST.id: CONST}, [ed]) == []


def test_lookalike_latin_letters_do_not_hide_a_rule():
    # Latin «p» and «o» inside Russian words, as in some mirror files
    text = P4_1995.replace("назначаются", "назначаютcя").replace("Президентом", "Пpезидентом")
    assert text != P4_1995
    ed = _ed(CONST, "1995-08-29", text)
    assert [r.nomination for r in _general(text_rules({CONST.id: CONST}, [ed]), "region")] == ["prime_minister"]


def test_decree_indirect_rural_election_with_modifier_and_bounded_end():
    provs = (
        Provision("annex_1", "annex", "1", None, "УТВЕРЖДЕНЫ Указом", None, 1),
        Provision("annex_1/point_3", "point", "3", None,
                  "3. Косвенное избирательное право состоит в избрании указанных акимов выборщиками –\n"
                  "гражданами Республики Казахстан, являющимися депутатами маслихатов района.", "annex_1", 2),
        Provision("annex_1/point_13", "point", "13", None,
                  "13. Выдвижение кандидатов в акимы осуществляется акимом района (города)\n"
                  "на альтернативной основе (то есть не менее двух кандидатов на должность акима).", "annex_1", 3),
    )
    ed = Edition(EditionMeta(DECREE.id, "2013-04-24"), "Указ", provs)
    [rule] = text_rules({DECREE.id: DECREE}, [ed])
    assert (rule.level, rule.selection, rule.selector, rule.min_candidates, rule.nominator) == \
        ("rural", "indirect_election", "maslikhat_deputies", 2, "higher_akim")
    assert (rule.valid_from, rule.valid_to, rule.valid_to_basis) == ("2013-04-24", "2018-01-01",
                                                                     "act_in_force_to_year")
    assert [b.path for b in rule.basis] == [provs[1].path, provs[2].path]
    assert [b.eid for b in rule.basis] == ["annex_1/point_3", "annex_1/point_13"]


def test_wording_span_falls_back_to_edition_dates_without_footnotes():
    eds = [_ed(CONST, "1995-08-29", P4_1995), _ed(CONST, "2007-05-21", P4_2007)]
    assert wording_span(CONST, eds, 0, 0, "art_87/point_4") == ("1995-08-30", "act_adopted", "2007-05-21", "edition")
    assert wording_span(CONST, eds, 1, 1, "art_87/point_4") == ("2007-05-21", "edition", "2026-07-01",
                                                                "act_in_force_to")


@pytest.mark.parametrize("text,expected", [
    ("от 7 октября 1998 г. N 284 (вводится в действие со дня опубликования)", [("1998-10-07", "adopted")]),
    ("от 05.11.2022 № 157-VII (вводится в действие с 01.01.2023)", [("2023-01-01", "effective")]),
    ("Статья исключена.", []),
    ("от 31 мартобря 2020 № 1", []),
])
def test_amendment_dates(text, expected):
    assert amendment_dates(text) == expected


def test_pattern_table_is_well_formed():
    names = [p.name for p in PATTERNS]
    assert len(names) == len(set(names))
    for p in PATTERNS:
        assert p.kind in ("general", "variant", "delegation", "modifier", "dismissal")
        assert set(p.levels) <= {"region", "district", "district_in_city", "rural"}


def test_rule_round_trips_through_a_dict():
    rules = text_rules({CONST.id: CONST}, EDITIONS)
    assert [AppointmentRule.from_dict(r.to_dict()) for r in rules] == rules


# ----------------------------------------------------------------------------- real corpus

@pytest.fixture(scope="module")
def real_rules(real_acts, real_editions):
    return text_rules(real_acts, real_editions)


def _find(rules, level, kind, start):
    found = [r for r in rules if r.level == level and r.kind == kind and r.valid_from == start]
    assert found, f"no {kind} rule for {level} from {start}"
    return found[0]


@pytest.mark.corpus
def test_real_constitution_art_87_in_each_edition(real_rules):
    r1995 = _find(real_rules, "region", "general", "1995-08-30")
    assert (r1995.selector, r1995.nomination, r1995.consent) == ("president", "prime_minister", None)
    assert r1995.basis[0].act == "constitution-1995" and r1995.basis[0].path == "Статья 87, пункт 4"
    r2007 = next(r for r in real_rules if r.pattern == "const1995-87-4-consent")
    assert (r2007.valid_from, r2007.consent) == ("2007-05-21", "maslikhat")
    assert [b.edition for b in r2007.basis] == ["2007-05-21", "2011-02-02"]
    r2022 = _find(real_rules, "region", "general", "2022-06-08")
    assert (r2022.min_candidates, r2022.valid_to) == (2, "2026-07-01")


@pytest.mark.corpus
def test_real_constitution_2026_art_89(real_rules):
    r = _find(real_rules, "region", "general", "2026-07-01")
    assert (r.selection, r.selector, r.consent, r.min_candidates) == ("appointment", "president", "maslikhat", 2)
    assert r.basis[0].act == "constitution-2026" and r.basis[0].path == "Статья 89, пункт 4"


@pytest.mark.corpus
def test_real_law_148_and_decree_555(real_rules):
    rural = _find(real_rules, "rural", "general", "2023-01-01")
    assert (rural.selection, rural.selector) == ("direct_election", "residents")
    assert {b.path for b in rural.basis} >= {"Статья 36, пункт 1", "Статья 36-2"}
    district = _find(real_rules, "district", "general", "2023-01-01")
    assert (district.selection, district.selector, district.consent) == ("appointment", "higher_akim", "maslikhat")
    pilot = _find(real_rules, "district", "variant", "2023-01-01")
    assert pilot.selection == "direct_election" and "пилот" in pilot.scope
    assert any(b.act == "const-law-1995-2464" for b in pilot.basis)
    decree = _find(real_rules, "rural", "general", "2013-04-24")
    assert (decree.selection, decree.min_candidates, decree.valid_to) == ("indirect_election", 2, "2018-01-01")
    law4100 = _find(real_rules, "region", "general", "1993-12-10")
    assert (law4100.basis[0].act, law4100.valid_to) == ("law-1993-4100", "2001-05-08")


@pytest.mark.corpus
def test_real_basis_points_to_existing_provisions(real_rules, real_editions):
    have = {(e.act_id, e.date, p.eid) for e in real_editions for p in e.provisions}
    for r in real_rules:
        assert r.basis, r.id
        for b in r.basis:
            assert (b.act, b.edition, b.eid) in have, (r.id, b)


def test_basis_iri_is_the_graph_iri_of_the_provision_edition():
    from kg.appointment import provision_edition_iri
    from kg.rdf_documents import provision_iri_for

    for act, eid, date in ((CONST, "art_87/point_4", "2022-09-17"), (DECREE, "annex_1/point_3", "2013-04-24")):
        assert provision_edition_iri(act, act.id, eid, date) == str(provision_iri_for(act, eid, date))
    assert provision_edition_iri(None, "law-x", "art_1", "2020-01-01").endswith("/id/act/law-x/rus@2020-01-01/art_1")


def test_modes_and_timeline_do_not_load_rdflib(tmp_path):
    """``akimkg timeline`` and answering ``modes`` from saved rules stay free of rdflib (start-up time)."""
    import subprocess
    import sys

    from kg.modes import save_rules

    save_rules(text_rules({CONST.id: CONST}, EDITIONS), tmp_path)
    code = ("import contextlib, io, sys\n"
            "from kg.cli import main\n"
            "from kg.modes import load_rules, modes_on\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['timeline', '--json']) == 0\n"
            f"modes_on('2010-01-01', load_rules({str(tmp_path)!r}))\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rdflib', 'pyshacl', 'oxrdflib')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_until_precision_of_a_rule():
    assert AppointmentRule(id="d", level="rural", valid_to="2018-01-01",
                           valid_to_basis="act_in_force_to_year").until_precision == "year"
    assert AppointmentRule(id="b", level="rural", valid_to="2001-05-08",
                           valid_to_basis="act_in_force_to_bound").until_precision == "bound"
    assert AppointmentRule(id="a", level="rural", valid_to="2005-09-01", valid_to_basis="curated_end_unknown",
                           end_unknown=True).until_precision == "attested"
    assert AppointmentRule(id="o", level="rural").until_precision is None
