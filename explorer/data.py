"""The built artefacts, loaded once per build and shared by every session.

Each loader is a ``st.cache_resource`` keyed by the build directory, so a new
build (a new directory named by ``$AKIMKG_HOME/CURRENT``) is picked up on the
next rerun while the old one stays in memory until evicted. The heavy parts
(search index, RDF graph, network) load only when a page first needs them.

>>> import tempfile, pathlib
>>> current_build_dir(pathlib.Path(tempfile.mkdtemp())) is None
True
"""
from __future__ import annotations

import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import streamlit as st

from corpus.home import home as akimkg_home
from kg import artifacts
from kg.model import Act, Edition


@dataclass
class Build:
    """Acts, parsed editions and the build report of one build directory."""

    home: Path
    path: Path
    acts: dict[str, Act]
    editions: list[Edition]
    report: dict = field(default_factory=dict)
    _by_act: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for ed in sorted(self.editions, key=lambda e: e.date):
            self._by_act.setdefault(ed.act_id, []).append(ed)

    @property
    def id(self) -> str:
        return self.report.get("build") or self.path.name

    def act_ids(self) -> list[str]:
        """Acts with at least one edition, oldest first."""
        return sorted(self._by_act, key=lambda a: (self.acts[a].date or "", a))

    def editions_of(self, act_id: str) -> list[Edition]:
        return list(self._by_act.get(act_id, ()))

    def edition(self, act_id: str, date: Optional[str]) -> Optional[Edition]:
        eds = self._by_act.get(act_id, [])
        return next((e for e in eds if e.date == date), eds[-1] if eds else None)

    def interval(self, act_id: str, date: str) -> tuple[str, Optional[str]]:
        """When an edition is in force, ``(from, to)`` (``to`` exclusive, None when open)."""
        iv = self._intervals().get((act_id, date))
        return (iv.start, iv.end) if iv else (date, None)

    def _intervals(self) -> dict:
        if "intervals" not in self.__dict__:
            from kg.validity import edition_intervals

            self.__dict__["intervals"] = edition_intervals(self.acts, self.editions)
        return self.__dict__["intervals"]


def current_build_dir(home: Optional[Path] = None) -> Optional[Path]:
    """The build in use under ``$AKIMKG_HOME`` (or ``home``), or None before the first build."""
    return artifacts.current_build(Path(home) if home else akimkg_home())


@st.cache_resource(show_spinner="Загрузка данных…", max_entries=2)
def load_build(path: str) -> Build:
    """Acts, editions and report of a build directory (cached per directory)."""
    p = Path(path)
    with open(p / artifacts.EDITIONS, "rb") as fh:
        acts, editions = pickle.load(fh)
    report_file = p / artifacts.REPORT
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.exists() else {}
    return Build(home=p.parent.parent, path=p, acts=dict(acts), editions=list(editions), report=report)


def current() -> Optional[Build]:
    """The current build, loaded (cached), or None when nothing is built yet."""
    path = current_build_dir()
    return load_build(str(path)) if path is not None else None


@st.cache_resource(show_spinner="Открываю поисковый индекс…", max_entries=2)
def searcher(path: str):
    """The search index of a build (``search.query.Searcher``)."""
    import threading

    from search.query import Searcher

    s = Searcher(Path(path) / artifacts.INDEX)
    # the word and document vectors load in the background, not in the first search
    threading.Thread(target=s.warm, name="akimkg-searcher-warm", daemon=True).start()
    return s


@st.cache_resource(show_spinner="Загружаю граф…", max_entries=1)
def graph(path: str):
    """The RDF graph of a build (``kg.store.load_graph``)."""
    from kg.store import load_graph

    return load_graph(Path(path))


@st.cache_resource(show_spinner=False, max_entries=2)
def rules(path: str) -> list:
    """The appointment rules of a build (``kg.modes.load_rules``)."""
    from kg.modes import load_rules

    return load_rules(Path(path))


@st.cache_resource(show_spinner=False, max_entries=2)
def event_links(path: str) -> dict:
    """Provisions changed by each timeline event's amending acts (``event_links.json``)."""
    from kg.event_links import load_links

    return load_links(Path(path))


def build_now(progress: Callable[[float, str], None]) -> dict:
    """Sync the corpus when it is missing, then build; ``progress(fraction, text)`` reports."""
    from corpus.home import corpus_dir, default_source
    from corpus.sync import read_manifest, sync
    from kg.pipeline import build

    home = akimkg_home()
    if read_manifest(corpus_dir(home)) is None:
        progress(0.0, "Загрузка текстов актов…")
        sync(default_source(), corpus_dir(home),
             progress=lambda done, total: progress(0.3 * done / max(total, 1), "Загрузка текстов актов…"))
    progress(0.3, "Сборка графа и индекса…")
    result = build(home, progress=lambda done, total: progress(0.3 + 0.7 * done / max(total, 1),
                                                                "Сборка графа и индекса…"))
    progress(1.0, "Готово")
    return result


@st.cache_resource(show_spinner=False, max_entries=2)
def resolver(path: str):
    """Cross-reference resolver over every act and eid of a build (``kg.crossrefs.Resolver``)."""
    from kg.crossrefs import Resolver

    b = load_build(path)
    eids: dict[str, set] = {}
    for ed in b.editions:
        eids.setdefault(ed.act_id, set()).update(p.eid for p in ed.provisions)
    return Resolver(b.acts, eids)
