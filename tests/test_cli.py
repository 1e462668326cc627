"""The command line as a user runs it: a real process, real exit codes, real output."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(home: Path, *args: str, check_code: int | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "AKIMKG_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("AKIMKG_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env,
                          cwd=str(home.parent), timeout=600)
    if check_code is not None:
        assert proc.returncode == check_code, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    return proc


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


@pytest.mark.parametrize("args, needle", [
    (("frobnicate",), "invalid choice"),
    (("modes", "--date", "2021-02-30"), "not a date"),
    (("search",), "required"),
    (("timeline", "--from", "20x1"), "not a year"),
    (("timeline", "--from", "2020", "--to", "2010"), "after"),
    (("export", "--format", "xls", "--out", "x"), "invalid choice"),
    (("search", "аким", "--limit", "0"), "--limit"),
])
def test_bad_usage_exits_2_with_one_line(tmp_path, args, needle):
    proc = run(tmp_path / "home", *args, check_code=2)
    assert needle in one_line_error(proc)


def test_commands_before_sync_or_build_say_what_to_do(tmp_path):
    home = tmp_path / "home"
    assert "corpus sync" in one_line_error(run(home, "corpus", "list", check_code=2))
    for args in (("search", "аким"), ("modes",), ("sparql", "SELECT * WHERE {?s ?p ?o}"),
                 ("export", "--format", "ttl", "--out", str(tmp_path / "x.ttl"))):
        assert "akimkg build" in one_line_error(run(home, *args, check_code=2))
    assert "corpus sync" in one_line_error(run(home, "build", check_code=2))


def test_sync_from_a_missing_source_exits_2(tmp_path):
    proc = run(tmp_path / "home", "corpus", "sync", "--source", str(tmp_path / "nowhere"), check_code=2)
    assert "not found" in one_line_error(proc)


@pytest.mark.corpus
def test_end_to_end_on_the_real_corpus(tmp_path, real_source_path):
    """sync → list → build → search / modes / timeline / sparql / export, as the contracts fix them."""
    home = tmp_path / "home"
    first = json.loads(run(home, "corpus", "sync", "--source", real_source_path, "--json", check_code=0).stdout)
    assert len(first["added"]) == 15
    again = json.loads(run(home, "corpus", "sync", "--source", real_source_path, "--json", check_code=0).stdout)
    assert (again["added"], again["changed"], len(again["unchanged"])) == ([], [], 15)

    run(home, "build", check_code=0)
    listing = json.loads(run(home, "corpus", "list", "--json", check_code=0).stdout)
    acts = {a["id"]: a for a in listing["acts"]}
    assert len(acts) == 9
    c2023 = next(e for e in acts["constitution-1995"]["editions"] if e["date"] == "2023-01-01")
    assert c2023["articles"] > 0 and c2023["footnotes"] > 0 and c2023["language"] == "rus"

    hits = json.loads(run(home, "search", "избрание акимов", "--as-of", "2024-01-01", "--json",
                          check_code=0).stdout)
    assert hits["as_of"] == "2024-01-01" and hits["total"] > 0
    for h in hits["hits"]:
        assert set(h) >= {"id", "act", "act_title", "edition", "article", "point", "path", "in_force", "score",
                          "snippet"}
        assert h["in_force"]["from"] <= "2024-01-01" and (h["in_force"]["to"] is None
                                                          or h["in_force"]["to"] > "2024-01-01")
    assert all(h["citation"].endswith(f"(ред. от {'.'.join(reversed(h['edition'].split('-')))})")
               for h in hits["hits"])
    by_alias = json.loads(run(home, "search", "выборщики", "--act", "555", "--as-of", "2014-01-01", "--json",
                              check_code=0).stdout)
    assert by_alias["total"] > 0 and {h["act"] for h in by_alias["hits"]} == {"decree-2013-555"}
    assert by_alias["hits"][0]["citation"].startswith("п. ")
    assert "Указа Президента Республики Казахстан от 24 апреля 2013 года № 555" in by_alias["hits"][0]["citation"]
    assert "unknown act" in one_line_error(run(home, "search", "аким", "--act", "no-such-act", check_code=2)).lower()
    one_line_error(run(home, "search", '"незакрытая кавычка', check_code=2))

    modes = json.loads(run(home, "modes", "--date", "2023-01-01", "--json", check_code=0).stdout)
    levels = {lv["level"]: lv for lv in modes["levels"]}
    assert set(levels) == {"region", "district", "district_in_city", "rural"}
    assert levels["region"]["selection"] == "appointment" and levels["region"]["selector"] == "president"
    assert levels["region"]["basis"], "the region rule must carry its legal basis"

    timeline = json.loads(run(home, "timeline", "--from", "2021", "--to", "2022", "--json", check_code=0).stdout)
    assert timeline["events"] and all("2021" <= e["date"][:4] <= "2022" for e in timeline["events"])
    assert all(e["sources"] for e in timeline["events"])

    count = run(home, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json", check_code=0)
    assert json.loads(count.stdout)
    assert one_line_error(run(home, "sparql", "DELETE WHERE { ?s ?p ?o }", check_code=2))
    assert one_line_error(run(home, "sparql", "SELECT WHERE {", check_code=2))

    for fmt, name in (("ttl", "g.ttl"), ("nt", "g.nt"), ("jsonld", "g.jsonld"), ("graphml", "g.graphml")):
        run(home, "export", "--format", fmt, "--out", str(tmp_path / name), check_code=0)
        assert (tmp_path / name).stat().st_size > 1000
