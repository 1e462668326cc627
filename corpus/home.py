"""Where akimkg keeps what it builds: ``$AKIMKG_HOME`` (default ``./data``).

Layout::

    $AKIMKG_HOME/
      corpus/                 synced legal texts (``corpus sync``)
        manifest.json         editions, files and their sha256
        editions/<act>/<date>/rus.md, rus/*.md, meta.yaml
      builds/<build-id>/      one directory per successful build
      CURRENT                 the name of the build in use (replaced atomically)

>>> import os; os.environ["AKIMKG_HOME"] = "/tmp/akimkg-doctest"
>>> home().name
'akimkg-doctest'
>>> corpus_dir().relative_to(home()).as_posix()
'corpus'
"""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_SOURCE = "https://github.com/kazakhstan-law/codes"


def home() -> Path:
    """The artefacts directory, from ``AKIMKG_HOME`` or ``./data``."""
    return Path(os.environ.get("AKIMKG_HOME") or "data").expanduser().absolute()


def corpus_dir(base: Path | None = None) -> Path:
    return (base or home()) / "corpus"


def builds_dir(base: Path | None = None) -> Path:
    return (base or home()) / "builds"


def default_source() -> str:
    """The corpus source: ``AKIMKG_CORPUS_SOURCE`` or the public mirror."""
    return os.environ.get("AKIMKG_CORPUS_SOURCE") or DEFAULT_SOURCE
