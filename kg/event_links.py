"""Which provisions a reform event changed, read from the amendment footnotes.

A timeline event names the acts it concerns (``acts``: ids of ``sources.yaml``).
When such an act is an amending act (a law, constitutional law or decree with a
date, and a number when one is known), every footnote of the corpus that names
it (same type family, same date, same number when both give one) points at a
provision that act changed. The provision is linked in the first edition of
the corpus that carries the footnote, i.e. the first wording that includes
the change.

Computed once per build (``event_links.json``) so that ``timeline`` and the app
read it without parsing anything.

>>> from kg.model import ActRef, Amendment, Edition, EditionMeta, Provision
>>> ed = Edition(EditionMeta("constitution-1995", "2023-01-01"), "К",
...     provisions=(Provision("art_87", "article", "87", None, "Статья 87"),),
...     amendments=(Amendment("art_87", "amended", (ActRef("law", "2022-06-08", None),)),))
>>> refs = {"law-2022-06-08": {"type": "law", "date": "2022-06-08", "number": None}}
>>> provisions_changed_by(refs["law-2022-06-08"], [ed])
[{'act': 'constitution-1995', 'edition': '2023-01-01', 'eid': 'art_87', 'path': 'Статья 87', 'action': 'amended'}]
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

from kg.model import ActRef, Edition, provision_path

LINKS = "event_links.json"
_FAMILY = {"law": "law", "constitutional_law": "law", "decree": "decree", "resolution": "resolution"}


def _norm_number(n: Optional[str]) -> Optional[str]:
    if not n:
        return None
    return re.sub(r"[\s№N]+", "", str(n)).upper().split("-")[0] or None


def _matches(ref: ActRef, act: Mapping[str, Any]) -> bool:
    if not ref.date or ref.date != act.get("date"):
        return False
    fam_ref, fam_act = _FAMILY.get(ref.type), _FAMILY.get(act.get("type") or "")
    if fam_ref and fam_act and fam_ref != fam_act:
        return False
    a, b = _norm_number(ref.number), _norm_number(act.get("number"))
    return a is None or b is None or a == b


def provisions_changed_by(act: Mapping[str, Any], editions: Sequence[Edition]) -> list[dict]:
    """Provisions whose footnotes name ``act`` (a dict with type, date, number), first edition each."""
    found: dict[tuple[str, str], dict] = {}
    for ed in sorted(editions, key=lambda e: (e.act_id, e.date)):
        if act.get("date") and ed.date < act["date"]:
            continue
        for am in ed.amendments:
            if not am.target or not any(_matches(r, act) for r in am.acts):
                continue
            key = (ed.act_id, am.target)
            if key not in found:
                found[key] = {"act": ed.act_id, "edition": ed.date, "eid": am.target,
                              "path": provision_path(am.target), "action": am.action}
    return sorted(found.values(), key=lambda d: (d["act"], d["edition"], d["eid"]))


def event_links(editions: Sequence[Edition], records: Optional[Iterable[Any]] = None,
                sources: Optional[Mapping[str, Any]] = None,
                acts: Optional[Mapping[str, Any]] = None) -> dict[str, list[dict]]:
    """event id → provisions changed by the amending acts the event names.

    With ``acts`` (id → :class:`kg.model.Act`) each provision also gets its
    expression-level IRI as ``id``.
    """
    from kg.uri import act_work_iri, provision_iri

    from corpus.curated import load_sources, load_timeline

    sources = sources if sources is not None else load_sources()
    records = records if records is not None else load_timeline()
    out: dict[str, list[dict]] = {}
    for ev in records:
        linked: list[dict] = []
        for act_id in ev.acts:
            src = sources.get(act_id)
            if src is None or src.kind != "act" or src.in_corpus or not src.date:
                continue
            linked += provisions_changed_by({"type": src.type, "date": src.date, "number": src.number},
                                            editions)
        if acts:
            for d in linked:
                a = acts.get(d["act"])
                if a is not None:
                    d["id"] = provision_iri(act_work_iri(a), d["eid"], d["edition"])
        if linked:
            out[ev.id] = linked
    return out


def save_links(links: Mapping[str, list[dict]], build_dir: Path) -> Path:
    path = Path(build_dir) / LINKS
    path.write_text(json.dumps(links, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def load_links(build_dir: Optional[Path]) -> dict[str, list[dict]]:
    """The links of a build, or {} when there is no build or it predates them."""
    if build_dir is None:
        return {}
    path = Path(build_dir) / LINKS
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
