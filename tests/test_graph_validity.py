"""The in-force interval of each edition (kg.validity)."""
from __future__ import annotations

from graph_fixtures import ACTS, editions
from kg.model import Act, Edition, EditionMeta
from kg.validity import Interval, edition_intervals, interval_of


def test_intervals_of_the_fixture_editions():
    iv = edition_intervals(ACTS, editions())
    assert iv[("constitution-1995", "2011-02-02")] == Interval("2011-02-02", "2022-09-17")
    assert iv[("constitution-1995", "2022-09-17")] == Interval("2022-09-17", "2026-07-01")   # the act lapsed
    assert iv[("constitution-2026", "2026-03-15")] == Interval("2026-07-01", None)           # later entry into force
    assert iv[("law-2001-148", "2023-12-23")] == Interval("2023-12-23", "2026-08-01")
    assert iv[("law-2001-148", "2026-08-01")] == Interval("2026-08-01", None)
    assert len(iv) == 7


def test_every_date_of_an_act_is_covered_once():
    iv = edition_intervals(ACTS, editions())
    law = sorted((k[1], v) for k, v in iv.items() if k[0] == "law-2001-148")
    for (_, a), (_, b) in zip(law, law[1:]):
        assert a.end == b.start
    for day in ("2011-03-24", "2020-01-01", "2026-07-31", "2030-01-01"):
        assert sum(v.contains(day) for _, v in law) == 1
    assert not any(v.contains("2011-03-23") for _, v in law)


def test_act_repealed_before_the_next_edition():
    act = Act(id="a", code="1", type="law", title="З", in_force_to="2001-05-08", in_force_to_precision="bound")
    iv = edition_intervals({"a": act}, [EditionMeta("a", "1996-01-26"), EditionMeta("a", "2005-01-01")])
    assert iv[("a", "1996-01-26")] == Interval("1996-01-26", "2001-05-08", "bound")
    # an edition after the act lapsed is never in force: empty, not inverted
    late = iv[("a", "2005-01-01")]
    assert late.empty and late.start == late.end == "2005-01-01"


def test_edition_superseded_before_the_act_takes_effect():
    act = Act(id="n", code="2", type="constitution", title="К", in_force_from="2026-07-01")
    iv = edition_intervals([act], [EditionMeta("n", "2026-03-15"), EditionMeta("n", "2026-05-01")])
    assert iv[("n", "2026-03-15")].empty
    assert iv[("n", "2026-05-01")] == Interval("2026-07-01", None)


def test_unknown_act_languages_and_parsed_editions():
    eds = [Edition(meta=EditionMeta("x", "2010-01-01"), title="t"), EditionMeta("x", "2012-01-01"),
           EditionMeta("x", "2011-01-01", language="kaz")]
    iv = edition_intervals({}, eds)
    assert iv[("x", "2010-01-01")] == Interval("2010-01-01", "2012-01-01")   # the Kazakh edition is not "next"
    assert iv[("x", "2011-01-01")].end is None
    start, end = iv[("x", "2010-01-01")]
    assert (start, end) == ("2010-01-01", "2012-01-01")
    assert iv[("x", "2010-01-01")].as_dict() == {"from": "2010-01-01", "to": "2012-01-01"}
    assert interval_of({}, eds, "x", "1999-01-01") is None
