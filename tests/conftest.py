"""Shared fixtures: the real corpus (``../shared/corpus``), synced and parsed once per session.

The real corpus is read from ``AKIMKG_CORPUS_SOURCE`` when set, else from
``../shared/corpus`` beside the repository. Tests marked ``corpus`` FAIL (they
are not skipped) when it is missing: a skipped integration check would pass
for the wrong reason.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def corpus_source() -> str:
    env = os.environ.get("AKIMKG_CORPUS_SOURCE")
    if env:
        return env
    return str(ROOT.parent / "shared" / "corpus")


@pytest.fixture(scope="session")
def real_source_path() -> str:
    src = corpus_source()
    if "://" in src:
        return src
    if not Path(src).exists():
        pytest.fail(f"the real corpus is missing: {src} (set AKIMKG_CORPUS_SOURCE)")
    return str(Path(src).resolve())


@pytest.fixture(scope="session")
def real_home(tmp_path_factory, real_source_path) -> Path:
    """An ``AKIMKG_HOME`` with the real corpus synced into it."""
    from corpus.sync import sync

    home = tmp_path_factory.mktemp("akimkg-home")
    report = sync(real_source_path, home / "corpus")
    assert report.added, "the real corpus gave no editions"
    return home


@pytest.fixture(scope="session")
def real_source_editions(real_home):
    """The synced editions as :class:`corpus.editions.SourceEdition` s."""
    from corpus.sync import load_synced

    eds, problems = load_synced(real_home / "corpus")
    assert not [p for p in problems if p.severity == "error"], problems
    return eds


@pytest.fixture(scope="session")
def real_sources(real_source_editions):
    """``(act, meta, files)`` per real edition, files keyed by relative path."""
    return [(e.act, e.meta, e.file_map) for e in real_source_editions]


@pytest.fixture(scope="session")
def real_acts(real_source_editions):
    """act id -> :class:`kg.model.Act` for every act with an edition."""
    return {e.act.id: e.act for e in real_source_editions}


@pytest.fixture(scope="session")
def real_editions(real_source_editions):
    """Every real edition parsed by :func:`kg.structure.parse_edition`."""
    from kg.structure import parse_edition

    return [parse_edition(e.meta, e.file_map) for e in real_source_editions]


@pytest.fixture(scope="session")
def real_build(real_home, real_source_editions):
    """A full ``akimkg build`` of the real corpus into ``real_home`` (graph, rules, index)."""
    from kg.pipeline import build

    result = build(real_home)
    return result
