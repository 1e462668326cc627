"""``akimkg corpus sync``: copy the editions of a source into ``$AKIMKG_HOME``.

The synced corpus is a directory of editions plus ``manifest.json`` with the
act facts, edition metadata and a sha256 per file. Sync is idempotent: a second
run with the same source reports every edition unchanged and rewrites nothing.
A failed sync leaves the previous corpus in place (the new one is written
beside it and swapped in by renames).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from corpus.editions import SourceEdition, to_editions
from corpus.home import corpus_dir
from corpus.registry import Registry, load_registry
from corpus.sources import read_source
from kg.model import Act, EditionMeta, Problem

MANIFEST = "manifest.json"
FORMAT = 1


class CorpusError(ValueError):
    """No usable synced corpus (not synced yet, or damaged)."""


@dataclass
class SyncReport:
    source: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def wrote(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def as_dict(self) -> dict:
        return {"source": self.source, "added": self.added, "changed": self.changed,
                "unchanged": self.unchanged, "removed": self.removed,
                "problems": [str(p) for p in self.problems]}


def _edition_key(act_id: str, date: str, language: str = "rus") -> str:
    return f"{act_id}@{date}" + ("" if language == "rus" else f"/{language}")


def _rel_dir(ed_act: str, date: str, language: str) -> str:
    return f"editions/{ed_act}/{date}" + ("" if language == "rus" else f"-{language}")


def _check_text(ed: SourceEdition) -> list[Problem]:
    out = []
    for rel, data in ed.files:
        where = f"{ed.folder}/{rel}"
        if not data.strip():
            out.append(Problem(where, 1, "empty file"))
        elif b"\0" in data:
            out.append(Problem(where, 1, "binary content (NUL bytes)", "error"))
        else:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                out.append(Problem(where, line, "not valid UTF-8"))
    return out


def read_manifest(root: Path) -> Optional[dict]:
    path = root / MANIFEST
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{path}: damaged manifest ({exc}); run `akimkg corpus sync` again") from exc


def sync(source: str, home_corpus: Optional[Path] = None, registry: Optional[Registry] = None,
         progress: Optional[Callable[[int, int], None]] = None) -> SyncReport:
    """Read ``source`` and make ``home_corpus`` hold exactly its editions."""
    root = Path(home_corpus) if home_corpus else corpus_dir()
    registry = registry or load_registry()
    if "://" not in source and Path(source).exists():
        source = str(Path(source).resolve())  # the manifest names the source unambiguously
    snapshots = read_source(source, progress=progress)
    editions, problems = to_editions(snapshots, registry)
    if not editions:
        from corpus.sources import SourceError

        detail = f" ({problems[0]})" if problems else ""
        raise SourceError(f"no edition found in {source}: expected act folders with rus.md in the "
                          f"mirror layout{detail}; the previous corpus is kept")
    report = SyncReport(source=source, problems=problems)
    for ed in editions:
        report.problems.extend(_check_text(ed))
    old = read_manifest(root) if root.exists() else None
    old_eds = {e["key"]: e for e in (old or {}).get("editions", [])}
    new_entries = []
    for ed in editions:
        key = _edition_key(ed.act.id, ed.meta.date, ed.meta.language)
        entry = {
            "key": key, "dir": _rel_dir(ed.act.id, ed.meta.date, ed.meta.language),
            "folder": ed.folder, "commit": ed.commit,
            "act": dataclasses.asdict(ed.act), "meta": dataclasses.asdict(ed.meta),
            "files": ed.sha256s(),
        }
        entry = json.loads(json.dumps(entry, ensure_ascii=False))  # compare as stored
        new_entries.append(entry)
        prev = old_eds.get(key)
        if prev is None:
            report.added.append(key)
        elif prev.get("files") != entry["files"] or prev.get("act") != entry["act"] \
                or prev.get("meta") != entry["meta"]:
            report.changed.append(key)
        else:
            report.unchanged.append(key)
    new_keys = {e["key"] for e in new_entries}
    report.removed = sorted(k for k in old_eds if k not in new_keys)
    if old is not None and not report.wrote and _verify(root, old) == []:
        return report
    manifest = {"format": FORMAT, "source": source,
                "synced_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "editions": new_entries}
    _write_atomically(root, editions, new_entries, manifest)
    return report


def _write_atomically(root: Path, editions, entries, manifest) -> None:
    root.parent.mkdir(parents=True, exist_ok=True)
    tmp = root.with_name(root.name + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    for ed, entry in zip(editions, entries):
        d = tmp / entry["dir"]
        for rel, data in ed.files:
            path = d / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    old = root.with_name(root.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if root.exists():
        os.replace(root, old)
    os.replace(tmp, root)
    shutil.rmtree(old, ignore_errors=True)


def _verify(root: Path, manifest: dict) -> list[Problem]:
    """Files whose content no longer matches the manifest's sha256."""
    out = []
    for e in manifest.get("editions", []):
        for rel, sha in e["files"].items():
            path = root / e["dir"] / rel
            try:
                got = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                out.append(Problem(f"{e['dir']}/{rel}", 0, "missing from the synced corpus", "error"))
                continue
            if got != sha:
                out.append(Problem(f"{e['dir']}/{rel}", 0, "changed since sync (sha256 mismatch)", "error"))
    return out


def _act_from(d: dict) -> Act:
    d = dict(d)
    d["aliases"] = tuple(d.get("aliases") or ())
    d["sources"] = tuple(d.get("sources") or ())
    known = {f.name for f in dataclasses.fields(Act)}
    return Act(**{k: v for k, v in d.items() if k in known})


def _meta_from(d: dict) -> EditionMeta:
    d = dict(d)
    d["files"] = tuple(d.get("files") or ())
    known = {f.name for f in dataclasses.fields(EditionMeta)}
    return EditionMeta(**{k: v for k, v in d.items() if k in known})


def load_synced(home_corpus: Optional[Path] = None, registry: Optional[Registry] = None
                ) -> tuple[list[SourceEdition], list[Problem]]:
    """The synced editions, with act facts refreshed from the current registry.

    Files that changed or vanished since the sync are reported; the edition is
    still returned with what is readable.
    """
    root = Path(home_corpus) if home_corpus else corpus_dir()
    manifest = read_manifest(root)
    if manifest is None:
        raise CorpusError(f"no synced corpus in {root}; run `akimkg corpus sync` first")
    registry = registry or load_registry()
    problems = _verify(root, manifest)
    out = []
    for e in manifest.get("editions", []):
        act = registry.get(e["act"]["id"]) or _act_from(e["act"])
        files = []
        for rel in sorted(e["files"]):
            path = root / e["dir"] / rel
            if path.exists():
                files.append((rel, path.read_bytes()))
        out.append(SourceEdition(act=act, meta=_meta_from(e["meta"]), files=tuple(files),
                                 folder=e.get("folder", ""), commit=e.get("commit")))
    return out, problems
