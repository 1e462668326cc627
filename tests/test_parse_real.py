"""The structure parser on every edition of the real corpus (``../shared/corpus``).

Counts are compared with ``tests/expected_counts.py`` (counted by reading the
texts, independently of the parser); the layer, body and tree checks are the
ones of ``test_structure.py``.
"""
from __future__ import annotations

import re

import pytest

from expected_counts import EXPECTED, SPOT_CHECKS
from test_structure import FOOTNOTE_WORD_RE, check_body, check_layers, check_tree

from kg.structure import segment_files

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def parsed(real_sources, real_editions):
    """(act_id, date) -> (files, edition)."""
    out = {}
    for (act, meta, files), ed in zip(real_sources, real_editions):
        assert ed.meta == meta
        out[(act.id, meta.date)] = (files, ed)
    return out


def test_every_expected_edition_is_parsed(parsed):
    assert set(parsed) == set(EXPECTED)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_counts_match_a_careful_reading(parsed, key):
    _, ed = parsed[key]
    counts = ed.counts()
    assert {k: counts[k] for k in EXPECTED[key]} == EXPECTED[key]


@pytest.mark.parametrize("key", sorted(SPOT_CHECKS))
def test_spot_checks(parsed, key):
    _, ed = parsed[key]
    spot = SPOT_CHECKS[key]
    articles = {p.num for p in ed.by_kind("article")}
    assert set(spot.get("articles_present", ())) <= articles
    assert not set(spot.get("articles_absent", ())) & articles
    for art, n in spot.get("points", {}).items():
        points = [p.num for p in ed.by_kind("point") if p.parent == f"art_{art}"]
        assert len(points) == n, (art, points)
    assert set(spot.get("chapters_present", ())) <= {p.num for p in ed.by_kind("chapter")}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_every_footnote_becomes_one_amendment(parsed, key):
    files, ed = parsed[key]
    raw = "".join(b.decode("utf-8-sig") for rel, b in files.items() if rel.endswith(".md"))
    assert len(ed.amendments) == len(FOOTNOTE_WORD_RE.findall(raw))
    for a in ed.amendments:
        assert FOOTNOTE_WORD_RE.match(a.text), a
        if re.search(r"(?<!\w)от\s+\d{1,2}(?:\s+[а-я]+\s+|\.)\d", a.text):
            assert a.acts, a               # a requisite written in the footnote is read


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_layers_body_and_tree(parsed, key):
    files, ed = parsed[key]
    segments, _, _, _ = segment_files(files)
    assert check_layers(files, segments, ed) == []
    assert check_body(segments, ed) == []
    assert check_tree(ed) == []


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_no_errors_and_problems_are_located(parsed, key):
    files, ed = parsed[key]
    assert ed.title
    assert not [p for p in ed.problems if p.severity == "error"]
    for p in ed.problems:
        assert p.file in files and p.line > 0, p


def test_election_law_missing_parts(parsed):
    _, ed = parsed[("const-law-1995-2464", "2023-01-01")]
    assert ed.missing_parts == tuple(f"rus/{n}.md" for n in
                                     ("ch003", "ch005", "ch006", "ch008", "ch009-1", "ch011", "ch012", "ch015"))
    assert len([p for p in ed.problems if "missing" in p.message]) == 8


def test_law_148_2011_table_of_contents_is_not_body(parsed):
    _, ed = parsed[("law-2001-148", "2011-03-24")]
    first = ed.provisions[0]
    assert (first.eid, first.file) == ("preamble", "rus.md")
    assert first.line > 107                   # after the plain table of contents
    assert ed.title == "О местном государственном управлении и самоуправлении в Республике Казахстан"
    assert ed.get("art_2-1").heading == "Основы организации местного самоуправления"


def test_constitution_2011_section_list_is_not_body(parsed):
    _, ed = parsed[("constitution-1995", "2011-02-02")]
    sec1 = ed.get("sec_1")
    assert sec1.line == 49 and ed.get("art_84").status == "excluded"


def test_constitution_1995_articles_in_code_blocks(parsed):
    _, ed = parsed[("constitution-1995", "1995-08-29")]
    assert ed.get("art_35").parent == "sec_2" and ed.get("sec_9").num == "IX"
    assert [p.num for p in ed.by_kind("point") if p.parent == "art_58"] == ["1", "2", "3", "4", "5"]


def test_constitution_2026_bold_headings_and_act_footnote(parsed):
    _, ed = parsed[("constitution-2026", "2026-03-15")]
    assert ed.get("art_89").kind == "article" and ed.get("art_89/point_1") is not None
    first = ed.amendments[0]
    assert (first.target, first.action) == ("", "entry_into_force")


def test_constitution_2007_amendment_records(parsed):
    _, ed = parsed[("constitution-1995", "2007-05-21")]
    [a87] = [a for a in ed.amendments if a.target == "art_87"]
    assert a87.action == "amended"
    assert [r.key for r in a87.acts] == ["law|1998-10-07|284", "law|2007-05-21|254"]
    assert a87.effective == "вводится в действие со дня его официального опубликования"


def test_law_4100_code_block_footnotes_and_subdivisions(parsed):
    _, ed = parsed[("law-1993-4100", "1996-01-26")]
    [a9] = [a for a in ed.amendments if a.target == "art_9"]
    assert a9.acts[0].key == "decree|1996-01-26|2824"
    assert [p.eid for p in ed.by_kind("chapter")] == ["sec_2/chp_1", "sec_2/chp_2", "sec_4/chp_1", "sec_4/chp_2"]
    assert ed.get("art_41").parent == "sec_4/chp_1"


def test_decree_555_rules_are_an_annex(parsed):
    _, ed = parsed[("decree-2013-555", "2013-04-24")]
    assert [p.eid for p in ed.by_kind("point") if "/" not in p.eid] == [f"point_{i}" for i in range(1, 7)]
    annex = ed.get("annex_1")
    assert annex.heading.startswith("ПРАВИЛА избрания")
    assert ed.get("annex_1/point_7").parent == "annex_1/chp_2"


def test_law_148_2023_footnotes_on_points(parsed):
    _, ed = parsed[("law-2001-148", "2023-12-23")]
    targets = {a.target for a in ed.amendments}
    assert {"art_35/point_1/sub_4", "art_38/point_6", "art_23-1/point_4"} <= targets
    assert ed.get("art_18").status == "excluded"
    # the quoted wording inside point 3 of article 41 holds no points
    assert [p.num for p in ed.by_kind("point") if p.parent == "art_41"] == ["1", "2", "3", "4"]
