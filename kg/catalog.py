"""The catalogue of acts and editions (``akimkg corpus list``).

Before a build it lists what the synced corpus holds; after a build each edition
also carries the counts of its parsed structure (articles, chapters, footnotes).
"""
from __future__ import annotations

import json
from pathlib import Path

from corpus.home import corpus_dir
from corpus.sync import CorpusError, read_manifest
from kg.artifacts import REPORT, current_build


def corpus_listing(home: Path) -> dict:
    """The ``corpus list --json`` document (see CONTRACTS.md)."""
    manifest = read_manifest(corpus_dir(home))
    if manifest is None:
        raise CorpusError(f"no synced corpus in {corpus_dir(home)}; run `akimkg corpus sync` first")
    from corpus.registry import load_registry

    registry = load_registry()
    counts: dict = {}
    build = current_build(home)
    if build is not None and (build / REPORT).exists():
        report = json.loads((build / REPORT).read_text(encoding="utf-8"))
        counts = {e["key"]: e for e in report.get("editions", [])}
    acts: dict[str, dict] = {}
    for e in manifest["editions"]:
        a = e["act"]
        reg = registry.get(a["id"])
        act = acts.setdefault(a["id"], {
            "id": a["id"], "title": (reg.title if reg else a["title"]),
            "type": a["type"], "date": a.get("date"), "number": a.get("number"),
            "code": a.get("code"), "url": a.get("url"),
            "in_force_from": a.get("in_force_from"), "in_force_to": a.get("in_force_to"),
            "in_registry": a.get("in_registry", True), "editions": [],
        })
        meta = e["meta"]
        c = counts.get(e["key"], {})
        act["editions"].append({
            "date": meta["date"], "language": meta.get("language", "rus"),
            "articles": c.get("articles"), "chapters": c.get("chapters"),
            "footnotes": c.get("footnotes"), "sections": c.get("sections"),
            "points": c.get("points"), "notes": c.get("notes"),
            "in_force": c.get("in_force"),
            "source": meta.get("source_url") or e.get("folder"),
            "date_basis": meta.get("date_basis"), "folder": e.get("folder"),
            "commit": e.get("commit"), "sha256": meta.get("sha256"),
            "files": e.get("files"),
        })
    for act in acts.values():
        act["editions"].sort(key=lambda ed: ed["date"])
    return {"acts": sorted(acts.values(), key=lambda a: (a.get("date") or "", a["id"])),
            "source": manifest.get("source"), "synced_at": manifest.get("synced_at")}
