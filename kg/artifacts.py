"""The build directory: one directory per build, swapped in atomically.

A build is written into ``builds/<id>.partial`` and, only once every step has
succeeded, renamed to ``builds/<id>``; then ``CURRENT`` (a one-line file naming
the build) is replaced with ``os.replace``. Readers (CLI, app) open whatever
``CURRENT`` names, so a failed or interrupted build never disturbs them.

>>> import tempfile, pathlib
>>> home = pathlib.Path(tempfile.mkdtemp())
>>> current_build(home) is None
True
>>> with new_build(home) as b:
...     _ = (b / "graph.txt").write_text("ok")
>>> current_build(home).joinpath("graph.txt").read_text()
'ok'
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from corpus.home import builds_dir

CURRENT = "CURRENT"
KEEP = 2  # builds kept on disk: the current one and the one before

# Names of the artefacts inside a build directory.
GRAPH = "graph"            # persisted RDF store (kg.store decides the format inside)
INDEX = "index"            # whoosh index directory
EDITIONS = "editions.pickle"   # parsed acts and editions for the document reader
RULES = "rules.json"       # appointment rules for `modes`
REPORT = "report.json"     # counts, problems, timings, validation
NETWORK = "network.pickle"


class NoBuildError(ValueError):
    """Nothing has been built yet."""


def current_build(home: Path) -> Optional[Path]:
    """The directory of the build in use, or None."""
    marker = Path(home) / CURRENT
    try:
        name = marker.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = builds_dir(Path(home)) / name
    return path if name and path.is_dir() else None


def require_build(home: Path) -> Path:
    path = current_build(home)
    if path is None:
        raise NoBuildError(f"no build in {home}; run `akimkg corpus sync` and `akimkg build` first")
    return path


@contextmanager
def new_build(home: Path) -> Iterator[Path]:
    """Yield a fresh partial build directory; publish it only if the block succeeds."""
    home = Path(home)
    root = builds_dir(home)
    root.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    partial = root / f"{stamp}.partial"
    partial.mkdir()
    try:
        yield partial
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    final = root / stamp
    os.replace(partial, final)
    tmp = home / (CURRENT + ".tmp")
    tmp.write_text(stamp + "\n", encoding="utf-8")
    os.replace(tmp, home / CURRENT)
    _prune(root, keep=stamp)


def _prune(root: Path, keep: str) -> None:
    done = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.endswith(".partial")),
                  key=lambda p: p.name)
    for old in done[:-KEEP]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
