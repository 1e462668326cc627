"""From act-folder snapshots to dated editions of known acts.

Rules (issue 2):

* an edition is dated by its metadata (``meta.yaml``, then front matter, then
  the official source URL), or by the registry where the files carry none,
  never by a commit date;
* the act is identified by its document code (metadata ``act_code``, the
  source URL, or the trailing number of the folder), so the same act under two
  folder layouts is one act and one folder holding two acts over time
  (``00-constitution``: 1995, then 2026) yields two acts;
* acts absent from the registry are still read, typed from their metadata.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from corpus.metadata import MetadataError, act_type_from, read_folder_meta
from corpus.registry import Registry, load_registry
from corpus.sources import Snapshot
from kg.model import Act, EditionMeta, Problem


@dataclass(frozen=True)
class SourceEdition:
    """An edition as read from a source, before parsing."""

    act: Act
    meta: EditionMeta
    files: tuple[tuple[str, bytes], ...]
    folder: str = ""
    commit: Optional[str] = None

    @property
    def file_map(self) -> dict[str, bytes]:
        return dict(self.files)

    def sha256s(self) -> dict[str, str]:
        return {rel: hashlib.sha256(data).hexdigest() for rel, data in self.files}


def edition_hash(files: Sequence[tuple[str, bytes]]) -> str:
    """One sha256 over the edition's files (paths and contents), independent of their order.

    >>> a = edition_hash([("rus.md", b"x"), ("rus/ch001.md", b"y")])
    >>> a == edition_hash([("rus/ch001.md", b"y"), ("rus.md", b"x")]), len(a)
    (True, 64)
    >>> a == edition_hash([("rus.md", b"x"), ("rus/ch001.md", b"z")])
    False
    """
    h = hashlib.sha256()
    for rel, data in sorted(files):
        h.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def _decode_loose(data: Optional[bytes]) -> str:
    if data is None:
        return ""
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def _unregistered_act(code: Optional[str], folder: str, fm) -> Act:
    kind = act_type_from(fm.form, folder)
    year = (fm.approved_on or fm.date or "0000")[:4]
    ident = f"{kind.replace('_', '-')}-{year}-{code or folder.rsplit('/', 1)[-1]}"
    return Act(id=ident, code=code, type=kind, title=fm.title or folder.rsplit("/", 1)[-1],
               date=fm.approved_on, url=fm.source_url, in_registry=False,
               sources=(f"mirror metadata of {folder}",))


def to_editions(snapshots: Sequence[Snapshot], registry: Optional[Registry] = None
                ) -> tuple[list[SourceEdition], list[Problem]]:
    """Date and identify every snapshot; drop repeats; report what can't be used."""
    registry = registry or load_registry()
    problems: list[Problem] = []
    chosen: dict[tuple[str, str, str], SourceEdition] = {}
    for snap in sorted(snapshots, key=lambda s: (s.order, s.folder)):
        rus = snap.file("rus.md")
        meta_yaml = snap.file("meta.yaml")
        try:
            fm = read_folder_meta(snap.folder, None if meta_yaml is None else _decode_loose(meta_yaml),
                                  _decode_loose(rus))
        except MetadataError as exc:
            problems.append(Problem(snap.folder, 0, f"{exc}; metadata ignored"))
            from corpus.metadata import FolderMeta, folder_code
            fm = FolderMeta(code=folder_code(snap.folder))
        act = registry.by_code(fm.code) if fm.code else None
        entry = registry.entry(act.id) if act else None
        date, basis = fm.date, fm.date_basis
        if not date and entry and entry.edition_date:
            date, basis = entry.edition_date, "registry"
        if act is None:
            act = _unregistered_act(fm.code, snap.folder, fm)
        if not date:
            problems.append(Problem(f"{snap.folder}/rus.md", 1,
                                    "no edition date in meta.yaml, front matter, source URL or registry; "
                                    "edition skipped", "error"))
            continue
        meta = EditionMeta(act_id=act.id, date=date, language=fm.language or "rus",
                           source_url=fm.source_url, date_basis=basis,
                           files=tuple(rel for rel, _ in snap.files if rel != "meta.yaml"),
                           sha256=edition_hash(snap.files), caused_by=fm.caused_by)
        ed = SourceEdition(act=act, meta=meta, files=snap.files, folder=snap.folder, commit=snap.commit)
        key = (act.id, date, meta.language)
        prev = chosen.get(key)
        if prev is not None and prev.meta.sha256 != meta.sha256:
            problems.append(Problem(f"{snap.folder}/rus.md", 1,
                                    f"{act.id} edition {date} appears twice with different texts "
                                    f"(folders {prev.folder} and {snap.folder}); the later one is kept"))
        if prev is None or prev.meta.sha256 != meta.sha256:
            chosen[key] = ed
    eds = sorted(chosen.values(), key=lambda e: (e.act.id, e.meta.date))
    return eds, problems


def acts_of(editions: Sequence[SourceEdition], registry: Optional[Registry] = None) -> dict[str, Act]:
    """Every act with at least one edition, plus its registry facts."""
    out: dict[str, Act] = {}
    for ed in editions:
        out.setdefault(ed.act.id, ed.act)
    return out


def with_meta(ed: SourceEdition, **changes) -> SourceEdition:
    return replace(ed, meta=replace(ed.meta, **changes))
