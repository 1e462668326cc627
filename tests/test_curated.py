"""The curated data files load, validate, cover what the issue asks for, and reject broken input."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest

from corpus import curated
from corpus.curated import (
    CuratedDataError, general_overlaps, load_appointment_rules, load_elections, load_sources, load_timeline,
)

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).resolve().parent / "fixtures" / "curated"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def sources():
    return load_sources()


@pytest.fixture(scope="module")
def events():
    return {e.id: e for e in load_timeline()}


@pytest.fixture(scope="module")
def datasets():
    return {d.id: d for d in load_elections()}


@pytest.fixture(scope="module")
def rules():
    return load_appointment_rules()


# ----------------------------------------------------------------------------- the real files

def test_sources_cover_seeds_and_corpus_acts(sources):
    seeds = {s.file: s.id for s in sources.values() if s.kind == "seed"}
    assert seeds == {
        "000_f987537c3aac4190.txt": "decentralisation-commentary",
        "001_b392c08a5615a30e.txt": "district-elections-commentary",
        "002_f8977ca9637630d5.txt": "rural-elections-five-years-2025",
        "003_b595d13ab36c4a44.txt": "tolkynbek-2024",
        "004_2344756716f0e94a.txt": "kaliev-serikbaeva-2025",
    }
    in_corpus = {s.id: s.editions for s in sources.values() if s.in_corpus}
    assert in_corpus == {
        "constitution-1995": ("1995-08-29", "2007-05-21", "2011-02-02", "2022-09-17", "2023-01-01"),
        "constitution-2026": ("2026-03-15",),
        "law-1993-3800": ("1993-12-09",), "law-1993-3600": ("1993-12-10",), "law-1993-4100": ("1996-01-26",),
        "law-2001-148": ("2011-03-24", "2014-11-07", "2023-12-23"),
        "const-law-1995-2464": ("2023-01-01",),
        "decree-2013-555": ("2013-04-24",), "decree-2013-704": ("2021-12-13",),
    }
    # acts outside the corpus are only what some other source says of them
    for s in sources.values():
        if s.kind == "act" and not s.in_corpus:
            assert s.stated_by and all(x in sources for x in s.stated_by), s.id


def test_every_fact_cites_known_sources(sources, events, datasets, rules):
    for e in events.values():
        assert e.sources and set(e.sources) <= set(sources), e.id
        assert all(f.source in sources for f in e.figures), e.id
        assert all(sources[a].kind == "act" for a in e.acts), e.id
    for d in datasets.values():
        assert d.observations, d.id
        for o in d.observations:
            assert o.source in sources and o.ref, (d.id, o)
    for r in rules:
        assert r.sources and set(r.sources) <= set(sources), r.id


def test_timeline_is_in_date_order_and_within_the_domain(events):
    dates = [e.date for e in load_timeline()]
    assert dates == sorted(dates)
    assert dates[0] >= "1991-01-01" and dates[-1] <= "2026-12-31"


# Each requirement of the issue: event id -> (date, precision, type).
REQUIRED_EVENTS = {
    "law-local-soviets-1991": ("1991-01-01", "year", "act"),
    "heads-of-administration-1992": ("1992-02-07", "day", "decree"),
    "laws-transition-1992": ("1992-01-01", "year", "act"),
    "constitution-1993": ("1993-01-01", "year", "act"),
    "law-3800-1993": ("1993-12-09", "day", "act"),
    "law-3600-1993": ("1993-12-10", "day", "act"),
    "law-4100-1993": ("1993-12-10", "day", "act"),
    "constitution-1995-referendum": ("1995-08-30", "day", "referendum"),
    "constitution-amendment-1998": ("1998-10-07", "day", "amendment"),
    "law-148-2001": ("2001-01-23", "day", "act"),
    "rural-election-rules-2001": ("2001-06-23", "day", "decree"),
    "district-experiment-decree-2004": ("2004-12-06", "day", "decree"),
    "district-experiment-elections-2005": ("2005-08-01", "month", "election"),
    "constitution-amendment-2007": ("2007-05-21", "day", "amendment"),
    "law-148-renamed-2009": ("2009-02-09", "day", "amendment"),
    "constitution-amendment-2011": ("2011-02-02", "day", "amendment"),
    "local-self-government-concept-2012": ("2012-11-28", "day", "decree"),
    "decree-555-2013": ("2013-04-24", "day", "decree"),
    "indirect-rural-elections-2013": ("2013-01-01", "year", "election"),
    "constitution-amendment-2017": ("2017-03-10", "day", "amendment"),
    "indirect-rural-elections-2017": ("2017-01-01", "year", "election"),
    "rural-budgets-2018": ("2018-01-01", "year", "other"),
    "constitution-amendment-2019": ("2019-03-23", "day", "amendment"),
    "akim-election-laws-2021": ("2021-05-24", "day", "act"),
    "rural-direct-elections-2021": ("2021-07-25", "day", "election"),
    "constitutional-referendum-2022": ("2022-01-01", "year", "referendum"),
    "constitution-amendment-2022-06": ("2022-06-08", "day", "amendment"),
    "maslikhat-elections-2023": ("2023-01-01", "year", "election"),
    "district-pilot-basis-2023": ("2023-01-01", "day", "act"),
    "district-direct-elections-first": ("2024-01-01", "year", "election"),
    "constitution-2026-referendum": ("2026-03-15", "day", "referendum"),
    "constitution-2026-in-force": ("2026-07-01", "day", "act"),
}


@pytest.mark.parametrize("event_id", sorted(REQUIRED_EVENTS))
def test_required_event_present(events, event_id):
    assert event_id in events, f"missing event {event_id}"
    e = events[event_id]
    assert (e.date, e.date_precision, e.type) == REQUIRED_EVENTS[event_id]


def test_required_events_carry_their_acts_and_details(events):
    assert "law-2009-126" in events["law-148-renamed-2009"].acts
    assert "decree-2012-438" in events["local-self-government-concept-2012"].acts
    assert {"law-1993-3800"} <= set(events["law-3800-1993"].acts)
    assert events["constitution-2026-referendum"].in_force == "2026-07-01"
    assert events["indirect-rural-elections-2017"].inferred
    # the conflicts are kept, each with its source
    alt = {(a.date, a.source) for a in events["akim-election-laws-2021"].alternative_dates}
    assert ("2021-05-25", "tolkynbek-2024") in alt
    alt = {(a.date, a.source) for a in events["district-direct-elections-first"].alternative_dates}
    assert alt == {("2025-01-01", "kaliev-serikbaeva-2025")}
    figs = {(f.value, f.source) for f in events["rural-direct-elections-2021"].figures}
    assert {(729, "rural-elections-five-years-2025"), (730, "tolkynbek-2024")} <= figs


# ----------------------------------------------------------------------------- elections

OBLASTS = ["Акмолинская", "Актюбинская", "Алматинская", "Атырауская", "ВКО", "Жамбылская", "ЗКО",
           "Карагандинская", "Костанайская", "Кызылординская", "Мангыстауская", "Павлодарская", "СКО",
           "Туркестанская"]


def _grid(ds):
    return {o.cell: o for o in ds.observations}


def test_table1_is_complete_with_its_own_totals(datasets):
    ds = datasets["rural-2021-by-party"]
    grid = _grid(ds)
    rows = OBLASTS + ["ВСЕГО", "Доля %"]
    assert len(ds.columns) == 8 and set(grid) == {(r, c) for r in rows for c in ds.columns}
    assert grid[("ВСЕГО", "Количество во акимов")].value == 730
    assert grid[("Доля %", "Ауыл")].value == 4.3 and grid[("Доля %", "Ауыл")].unit == "percent"
    # the printed totals are kept even where they differ from the sum of the rows
    amanat = sum(grid[(r, "Аманат")].value for r in OBLASTS)
    assert (amanat, grid[("ВСЕГО", "Аманат")].value) == (562, 563)
    adal = sum(grid[(r, "Адал")].value for r in OBLASTS)
    assert (adal, grid[("ВСЕГО", "Адал")].value) == (14, 15)
    row_sums = {r: sum(grid[(r, c)].value for c in ds.columns[1:]) - grid[(r, ds.columns[0])].value for r in OBLASTS}
    assert {r: d for r, d in row_sums.items() if d} == {"Жамбылская": -1, "Костанайская": -2, "СКО": 1}


def test_table2_keeps_dashes_as_missing(datasets):
    ds = datasets["rural-2021-composition"]
    grid = _grid(ds)
    assert set(grid) == {(r, c) for r in OBLASTS for c in ds.columns}
    dash = grid[("ВКО", "Избранных повторно")]
    assert dash.value is None and dash.raw == "-"
    assert grid[("Акмолинская", "Средний возраст")].value == 46.8
    assert grid[("СКО", "Женщин")].value == 19
    assert sum(o.value is None for o in ds.observations) == 26


def test_conflicting_national_figures_are_both_kept(datasets):
    obs = datasets["rural-2021-totals"].observations
    by = defaultdict(set)
    for o in obs:
        by[o.indicator].add((o.value, o.qualifier, o.source))
    assert by["candidates_nominated"] == {(2582, None, "tolkynbek-2024"),
                                          (2000, "more_than", "rural-elections-five-years-2025")}
    assert (729, None, "rural-elections-five-years-2025") in by["settlements"]
    assert (730, None, "tolkynbek-2024") in by["electoral_districts"]


def test_observations_link_to_timeline_events(datasets, events):
    for d in datasets.values():
        assert d.election in events
        assert all(o.election in events for o in d.observations)


@pytest.mark.corpus
def test_tables_match_the_seed_cell_by_cell(datasets):
    """Tables 1–2 of the master's project, read from the seed itself."""
    seed = SEEDS / "003_b595d13ab36c4a44.txt"
    if not seed.exists():
        pytest.fail(f"the seed documents are missing: {seed}")
    lines = seed.read_text(encoding="utf-8").splitlines()
    for title, ds_id in (("Таблица 1", "rural-2021-by-party"), ("Таблица 2", "rural-2021-composition")):
        start = next(i for i, l in enumerate(lines) if l.strip() == title)
        head = next(i for i in range(start, len(lines)) if lines[i].startswith("Область\t"))
        header = lines[head].split("\t")[1:]
        grid = _grid(datasets[ds_id])
        n = 0
        for line in lines[head + 1:]:
            if "\t" not in line:
                break
            cells = [c.replace("<b>", "").replace("</b>", "").strip() for c in line.split("\t")]
            for col, raw in zip(header, cells[1:]):
                assert grid[(cells[0], col)].raw == raw, (title, cells[0], col)
                n += 1
        assert n == len(grid)


# ----------------------------------------------------------------------------- rules

def test_no_two_general_rules_of_a_level_overlap(rules):
    assert general_overlaps(rules) == []


def test_rules_cover_the_periods_asked_for(rules):
    def at(level, date):
        return [r for r in rules if r.level == level and r.kind == "general" and r.covers(date)]

    for level in curated.LEVELS:
        assert [r.selection for r in at(level, "1991-06-01")] == ["soviet"]
        assert [r.selector for r in at(level, "1994-06-01")] == (["president"] if level == "region" else ["higher_akim"])
        assert at(level, "1992-06-01") == []            # heads of administration, appointer unknown: no rule
    assert [(r.selection, r.selector) for r in at("rural", "2015-01-01")] == [("indirect_election", "maslikhat_deputies")]
    assert [(r.selection, r.selector) for r in at("rural", "2021-07-25")] == [("direct_election", "residents")]
    assert [(r.selection, r.consent) for r in at("district", "2018-01-01")] == [("appointment", "maslikhat")]
    exp = next(r for r in rules if r.id == "district-experiment-2005")
    assert (exp.kind, exp.selection, exp.min_candidates, exp.end_unknown) == ("variant", "indirect_election", 2, True)
    assert exp.covers("2005-08-15") and not exp.covers("2006-01-01")


def test_basis_points_to_corpus_editions(rules, sources):
    cited = [(b.act, b.edition) for r in rules for b in r.basis]
    assert ("law-1993-4100", "1996-01-26") in cited and ("decree-2013-555", "2013-04-24") in cited
    for act, edition in cited:
        assert edition in sources[act].editions


@pytest.mark.corpus
def test_curated_rules_agree_with_the_texts(real_acts, real_editions, rules):
    """Where an act of the corpus states a rule, the curated rule must not contradict it."""
    from kg.modes import all_rules

    _, report = all_rules(real_acts, real_editions, curated=rules)
    mine = [c for c in report["conflicts"] if any(r.startswith("curated.") for r in c["rules"])]
    assert mine == []


# ----------------------------------------------------------------------------- dates read from footnotes

def _spellings(iso: str) -> set[str]:
    d = dt.date.fromisoformat(iso)
    months = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря"]
    return {d.strftime("%d.%m.%Y"), f"{d.day} {months[d.month - 1]} {d.year}"}


@pytest.mark.corpus
@pytest.mark.parametrize("event_id,act_id", [
    ("constitution-amendment-1998", "constitution-1995"),
    ("constitution-amendment-2007", "constitution-1995"),
    ("constitution-amendment-2011", "constitution-1995"),
    ("constitution-amendment-2017", "constitution-1995"),
    ("constitution-amendment-2019", "constitution-1995"),
    ("constitution-amendment-2022-06", "constitution-1995"),
    ("constitution-amendment-2022-09", "constitution-1995"),
    ("law-148-renamed-2009", "law-2001-148"),
    ("maslikhat-consent-law-2013", "law-2001-148"),
    ("law-148-articles-32-36-2017", "law-2001-148"),
    ("akim-election-laws-2021", "const-law-1995-2464"),
    ("election-laws-2022-11", "const-law-1995-2464"),
])
def test_amendment_dates_are_those_of_the_footnotes(real_editions, events, event_id, act_id):
    footnotes = " ".join(a.text for ed in real_editions if ed.act_id == act_id for a in ed.amendments)
    footnotes = re.sub(r"\s+", " ", footnotes)
    assert any(s in footnotes for s in _spellings(events[event_id].date)), event_id


# ----------------------------------------------------------------------------- broken input

BROKEN_CASES = [
    (load_sources, "sources_bad_kind.yaml", ["source 'some-book'", "unknown kind 'book'"]),
    (load_sources, "sources_unknown_stated_by.yaml", ["source 'decree-x'", "stated_by 'nowhere-2020'"]),
    (load_timeline, "timeline_bad_date.yaml", ["event 'first-elections'", "not a valid date"]),
    (load_timeline, "timeline_month_not_first.yaml", ["event 'experiment'", "first day of its month"]),
    (load_timeline, "timeline_missing_sources.yaml", ["event 'unsourced-event'", "missing sources"]),
    (load_timeline, "timeline_unknown_source.yaml", ["event 'rumoured-event'", "'a-blog-post' is not in sources.yaml"]),
    (load_timeline, "timeline_bad_level.yaml", ["event 'oblast-event'", "unknown levels code 'oblast'"]),
    (load_timeline, "timeline_flow_comma.yaml", ["event 'figures-event' figure 1", "unknown field(s)"]),
    (load_appointment_rules, "rules_reversed.yaml", ["rule 'backwards-rule'", "not before valid_to"]),
    (load_appointment_rules, "rules_overlap.yaml", ["rule 'direct-period'", "overlaps rule 'indirect-period'"]),
    (load_appointment_rules, "rules_bad_code.yaml", ["rule 'elected-by-people'", "unknown selection 'popular_vote'"]),
    (load_appointment_rules, "rules_bad_basis.yaml", ["rule 'wrong-edition' basis 1", "not an edition of decree-2013-555"]),
    (load_appointment_rules, "rules_variant_without_scope.yaml", ["rule 'pilot-somewhere'", "needs its scope"]),
    (load_elections, "elections_bad_unit.yaml", ["observation 1", "unit 'percent' differs"]),
    (load_elections, "elections_unknown_election.yaml", ["dataset 'future-table'", "'elections-of-2030' is not an event"]),
    (load_elections, "elections_unknown_indicator.yaml", ["observation 1", "'turnout' is not a measure"]),
]


@pytest.mark.parametrize("loader,name,expected", BROKEN_CASES, ids=[c[1] for c in BROKEN_CASES])
def test_broken_file_gives_a_clear_error(loader, name, expected):
    with pytest.raises(CuratedDataError) as info:
        loader(BROKEN / name)
    message = str(info.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    for part in expected:
        assert part in message
    assert isinstance(info.value, ValueError)


def test_a_valid_small_file_loads():
    rules = load_appointment_rules(BROKEN / "rules_ok.yaml")
    assert [(r.id, r.valid_from, r.valid_to) for r in rules] == [
        ("indirect-period", "2013-04-24", "2021-05-24"), ("direct-period", "2021-05-24", None)]


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(CuratedDataError, match="not found"):
        load_timeline(tmp_path / "timeline.yaml")
