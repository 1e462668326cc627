"""Corpus sources and sync, on small git repositories made here in the mirror layout."""
from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from corpus.editions import to_editions
from corpus.metadata import MetadataError, front_matter, read_folder_meta
from corpus.registry import load_registry
from corpus.sources import SourceError, read_source
from corpus.sync import CorpusError, load_synced, sync

CONST_1995 = """---
source: https://zan.gov.kz/client/#!/doc/1/rus/29.08.1995
---

# Конституция Республики Казахстан

### Статья 1.

1. Первый пункт.
"""
CONST_2007_META = """act_code: '1'
version_date:
  rus: 2007-05-21
source:
  rus: https://zan.gov.kz/client/#!/doc/1/rus/21.05.2007
"""
CONST_2026 = """---
act_code: '223244'
title: Конституция Республики Казахстан
version_date: 2026-03-15
source: https://zan.gov.kz/client/#!/doc/223244/rus
---

# КОНСТИТУЦИЯ РЕСПУБЛИКИ КАЗАХСТАН

**Статья 1**

1. Новый текст.
"""
LAW_OLD = "03-laws/2001/0123-o-mestnom-7966"
LAW_NEW = "03-laws/20010123-o-mestnom-7966"
DECREE = "05-presidential/2013/0424-o-vyborakh-akimov-72186"
UNKNOWN = "03-laws/2020/0101-o-chem-to-999999"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def _commit(repo: Path, files: dict[str, str | None], message: str, date: str) -> None:
    for rel, text in files.items():
        path = repo / rel
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    env_date = f"{date}T12:00:00"
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t",
                    "commit", "-q", "-m", message, "--date", env_date],
                   check=True, capture_output=True,
                   env={"GIT_COMMITTER_DATE": env_date, "PATH": "/usr/bin:/bin"})


@pytest.fixture()
def mirror(tmp_path) -> Path:
    """A mirror-like history: constitution 1995 (2 editions) then 2026 at one path,
    a law under two folder layouts, a decree without metadata, an unregistered act."""
    repo = tmp_path / "codes"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {"README.md": "mirror\n"}, "readme", "1990-01-01")
    _commit(repo, {"00-constitution/rus.md": CONST_1995}, "c1995", "1995-08-29")
    _commit(repo, {"00-constitution/rus.md": CONST_1995.split("---\n", 2)[2].replace("Первый", "Изменённый"),
                   "00-constitution/meta.yaml": CONST_2007_META}, "c2007", "2007-05-21")
    _commit(repo, {f"{LAW_OLD}/meta.yaml": "act_code: '7966'\nversion_date:\n  rus: 2011-03-24\n",
                   f"{LAW_OLD}/rus.md": "# О местном\n\nСтатья 1. Понятия\n"}, "law2011", "2011-03-24")
    _commit(repo, {f"{DECREE}/rus.md": "# О выборах акимов\n\n1. Утвердить.\n"}, "decree", "2013-04-24")
    _commit(repo, {f"{LAW_NEW}/rus.md": "---\nsource: https://zan.gov.kz/client/#!/doc/7966/rus/23.12.2023\n"
                                        "---\n\n# О местном\n\n## Статья 1. Понятия\n",
                   f"{LAW_NEW}/rus/ch001.md": "## Глава 1\n"}, "law2023", "2023-12-23")
    _commit(repo, {"00-constitution/rus.md": CONST_2026, "00-constitution/meta.yaml": None}, "c2026", "2026-03-15")
    _commit(repo, {f"{UNKNOWN}/meta.yaml": "act_code: '999999'\nform: ЗАК\ntitle:\n  rus: О чём-то\n"
                                           "approved_on: 2020-01-01\nversion_date:\n  rus: 2020-01-01\n",
                   f"{UNKNOWN}/rus.md": "# О чём-то\n"}, "unknown", "2020-01-01")
    return repo


def _keys(editions):
    return [(e.act.id, e.meta.date) for e in editions]


def test_git_history_gives_editions_dated_by_metadata_not_commits(mirror):
    eds, problems = to_editions(read_source(str(mirror)))
    assert problems == []
    assert _keys(eds) == [
        ("constitution-1995", "1995-08-29"), ("constitution-1995", "2007-05-21"),
        ("constitution-2026", "2026-03-15"),
        ("decree-2013-555", "2013-04-24"),
        ("law-2001-148", "2011-03-24"), ("law-2001-148", "2023-12-23"),
        ("law-2020-999999", "2020-01-01"),
    ]
    by = {k: e for k, e in zip(_keys(eds), eds)}
    assert by[("constitution-1995", "1995-08-29")].meta.date_basis == "source_url"
    assert by[("constitution-1995", "2007-05-21")].meta.date_basis == "meta.yaml"
    assert by[("constitution-2026", "2026-03-15")].meta.date_basis == "front_matter"
    assert by[("decree-2013-555", "2013-04-24")].meta.date_basis == "registry"
    # the same act under two folder layouts is one act; parts of a split act are kept
    assert by[("law-2001-148", "2023-12-23")].meta.files == ("rus.md", "rus/ch001.md")
    # an act not in the registry is still read, typed from its metadata
    unknown = by[("law-2020-999999", "2020-01-01")].act
    assert (unknown.type, unknown.in_registry, unknown.title) == ("law", False, "О чём-то")


def test_bundle_and_directory_sources(mirror, tmp_path):
    bundle = tmp_path / "codes.bundle"
    _git(mirror, "bundle", "create", str(bundle), "--all")
    from_bundle, _ = to_editions(read_source(str(bundle)))
    from_repo, _ = to_editions(read_source(str(mirror)))
    assert _keys(from_bundle) == _keys(from_repo)
    # a directory holding one bundle is read as that bundle
    holder = tmp_path / "shared"
    holder.mkdir()
    (holder / "codes.bundle").write_bytes(bundle.read_bytes())
    assert _keys(to_editions(read_source(str(holder)))[0]) == _keys(from_repo)
    # a plain directory (a working tree without .git): one edition per act
    plain = tmp_path / "plain"
    subprocess.run(["git", "clone", "-q", str(mirror), str(plain)], check=True)
    subprocess.run(["rm", "-rf", str(plain / ".git")], check=True)
    keys = _keys(to_editions(read_source(str(plain)))[0])
    assert ("constitution-2026", "2026-03-15") in keys and ("constitution-1995", "1995-08-29") not in keys
    assert ("law-2001-148", "2011-03-24") in keys and ("law-2001-148", "2023-12-23") in keys


def test_bad_sources_raise_clear_errors(tmp_path):
    with pytest.raises(SourceError, match="not found"):
        read_source(str(tmp_path / "nope"))
    broken = tmp_path / "broken.bundle"
    broken.write_bytes(b"not a bundle")
    with pytest.raises(SourceError, match="cannot read"):
        read_source(str(broken))


def test_broken_metadata_is_reported_and_not_fatal(mirror):
    _commit(mirror, {f"{LAW_OLD}/meta.yaml": "act_code: [unclosed\n"}, "broken", "2024-01-01")
    eds, problems = to_editions(read_source(str(mirror)))
    assert any("meta.yaml" in str(p) and "broken YAML" in str(p) for p in problems)
    assert ("constitution-2026", "2026-03-15") in _keys(eds)


def test_front_matter_errors_name_the_line():
    with pytest.raises(MetadataError, match="line"):
        front_matter("---\ntitle: [x\n---\n")
    with pytest.raises(MetadataError, match="not closed"):
        front_matter("---\ntitle: x\n")
    with pytest.raises(MetadataError, match="rus.md"):
        read_folder_meta("00-constitution", None, "---\na: [\n---\n")


def test_sync_is_idempotent_and_reports_changes(mirror, tmp_path):
    home = tmp_path / "home" / "corpus"
    first = sync(str(mirror), home)
    assert len(first.added) == 7 and not first.changed and not first.unchanged
    manifest = json.loads((home / "manifest.json").read_text())
    for e in manifest["editions"]:
        for rel, sha in e["files"].items():
            assert hashlib.sha256((home / e["dir"] / rel).read_bytes()).hexdigest() == sha
    stamp = (home / "manifest.json").stat().st_mtime_ns
    second = sync(str(mirror), home)
    assert (second.added, second.changed, len(second.unchanged)) == ([], [], 7)
    assert (home / "manifest.json").stat().st_mtime_ns == stamp  # nothing rewritten
    _commit(mirror, {f"{DECREE}/rus.md": "# О выборах акимов\n\n1. Утвердить иначе.\n"}, "fix", "2024-02-01")
    third = sync(str(mirror), home)
    assert third.changed == ["decree-2013-555@2013-04-24"]
    eds, problems = load_synced(home)
    assert problems == [] and len(eds) == 7


def test_tampered_synced_file_is_detected(mirror, tmp_path):
    home = tmp_path / "corpus"
    sync(str(mirror), home)
    target = next(home.glob("editions/decree-2013-555/*/rus.md"))
    target.write_text("tampered", encoding="utf-8")
    _, problems = load_synced(home)
    assert any("sha256 mismatch" in str(p) for p in problems)
    # a sync repairs it
    sync(str(mirror), home)
    assert load_synced(home)[1] == []


def test_failed_sync_keeps_previous_corpus(mirror, tmp_path):
    home = tmp_path / "corpus"
    sync(str(mirror), home)
    with pytest.raises(SourceError):
        sync(str(tmp_path / "missing"), home)
    assert len(load_synced(home)[0]) == 7


def test_source_without_editions_keeps_previous_corpus(mirror, tmp_path):
    home = tmp_path / "corpus"
    sync(str(mirror), home)
    empty = tmp_path / "empty"
    (empty / "docs").mkdir(parents=True)
    (empty / "docs" / "README.md").write_text("nothing here", encoding="utf-8")
    with pytest.raises(SourceError, match="no edition found"):
        sync(str(empty), home)
    assert len(load_synced(home)[0]) == 7


def test_load_without_sync_says_what_to_do(tmp_path):
    with pytest.raises(CorpusError, match="corpus sync"):
        load_synced(tmp_path / "corpus")


def test_registry_facts():
    reg = load_registry()
    assert reg.get("constitution-1995").in_force_to == "2026-07-01"
    assert reg.get("constitution-2026").in_force_from == "2026-07-01"
    assert reg.resolve("148-II").id == "law-2001-148"
    assert reg.by_code("223244").id == "constitution-2026"


@pytest.mark.corpus
def test_real_bundle_gives_fifteen_editions_of_nine_acts(real_source_editions):
    keys = _keys(real_source_editions)
    assert len(keys) == 15
    assert len({a for a, _ in keys}) == 9
    assert [d for a, d in keys if a == "constitution-1995"] == [
        "1995-08-29", "2007-05-21", "2011-02-02", "2022-09-17", "2023-01-01"]
    assert [d for a, d in keys if a == "law-2001-148"] == ["2011-03-24", "2014-11-07", "2023-12-23"]
    assert ("constitution-2026", "2026-03-15") in keys
    assert ("decree-2013-704", "2021-12-13") in keys
    law = [e for e in real_source_editions if e.act.id == "law-2001-148"]
    assert {e.folder.split("/")[1] for e in law} == {"2001", "20010123-o-mestnom-gosudarstvennom-upravlenii-i-samoupravlenii-v-respubli-7966"}
