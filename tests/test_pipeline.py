"""``akimkg build`` on damaged inputs: what is usable is built, a failed build changes nothing."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corpus.sync import sync
from kg import artifacts
from kg.pipeline import BuildError, build

pytestmark = pytest.mark.corpus


@pytest.fixture()
def home(tmp_path, real_source_path) -> Path:
    h = tmp_path / "home"
    sync(real_source_path, h / "corpus")
    return h


def _edition_file(home: Path, act: str, rel: str = "rus.md") -> Path:
    return next((home / "corpus" / "editions" / act).glob(f"*/{rel}"))


def test_build_report_counts_and_in_force_intervals(real_build, real_home):
    report = json.loads((artifacts.require_build(real_home) / artifacts.REPORT).read_text())
    eds = {e["key"]: e for e in report["editions"]}
    assert len(eds) == 15
    c2026 = eds["constitution-2026@2026-03-15"]
    assert c2026["in_force"] == {"from": "2026-07-01", "to": None}
    assert eds["constitution-1995@2023-01-01"]["in_force"] == {"from": "2023-01-01", "to": "2026-07-01"}
    assert eds["constitution-1995@2022-09-17"]["in_force"]["to"] == "2023-01-01"
    assert report["quality"]["ok"] is True
    # the missing parts of the election law are reported with file and line, not fatal
    assert any("ch003.md is listed in the table of parts but missing" in p for p in report["problems"])


def test_binary_and_cp1251_editions_do_not_stop_the_build(home):
    # one edition becomes binary junk, another is re-encoded in cp1251
    bad = _edition_file(home, "decree-2013-704")
    bad.write_bytes(b"\x00\x01\x02" * 500)
    cp = _edition_file(home, "law-1993-3600")
    cp.write_bytes(cp.read_text(encoding="utf-8").encode("cp1251"))
    result = build(home)
    problems = "\n".join(result["problems"])
    assert "decree-2013-704" in problems and "nothing usable" in problems
    assert "cp1251" in problems
    assert result["editions"] == 14          # all but the binary one
    listing = json.loads((artifacts.require_build(home) / artifacts.REPORT).read_text())
    keys = {e["key"] for e in listing["editions"]}
    assert "law-1993-3600@1993-12-10" in keys and "decree-2013-704@2021-12-13" not in keys


def test_failed_build_leaves_the_previous_build_in_place(home, monkeypatch):
    first = build(home)
    before = artifacts.require_build(home)
    assert before.name == first["build"]

    import kg.quality

    def failing(*a, **k):
        return {"ok": False, "failures": ["rule overlapping_general_rules: 1 violation (injected)"]}

    monkeypatch.setattr(kg.quality, "validate", failing)
    with pytest.raises(BuildError, match="validation"):
        build(home)
    assert artifacts.require_build(home) == before
    assert not list((home / "builds").glob("*.partial"))
    from search.query import Searcher

    assert Searcher(before / artifacts.INDEX).search("аким", as_of="2024-01-01")["total"] > 0


def test_nothing_usable_is_a_clear_error(home):
    for f in (home / "corpus" / "editions").rglob("*.md"):
        f.write_bytes(b"\x00" * 64)
    with pytest.raises(BuildError, match="no edition could be parsed"):
        build(home)
    assert artifacts.current_build(home) is None
