"""Editions → search documents: one per provision at article and point level.

A document unit is an article, a point (with its subpoints), a subpoint
directly under an article (the numbered definitions «1) … 2) …» of an
article without points), a preamble, or a loose text block outside any article; its text is its own text plus the text
of its descendants that are not units themselves (the unnumbered parts of an
article, the subpoints of a point). Headings of the enclosing chapter and
article go into a separate context field, so a point of «Статья 33. Аким»
is found by «аким» without repeating the heading in every point's text. An
item of an article's list (a subpoint unit) also gets the article's own
text — its heading and lead-in, «Руководитель аппарата акима области:» — as
context: that is whose item it is. Provisions marked excluded are left out.

The in-force interval of each edition comes from :func:`kg.validity.edition_intervals`,
the project's single rule for it.

>>> from kg.model import Act, EditionMeta, Edition, Provision
>>> act = Act(id="law-x", code="7", type="law", title="О местном управлении", date="2001-01-23")
>>> ed = Edition(EditionMeta("law-x", "2023-12-23"), "О местном управлении", (
...     Provision("chp_1", "chapter", "1", "Общие положения", "Глава 1. Общие положения", None, 0),
...     Provision("art_3", "article", "3", "Аким", "Статья 3. Аким", "chp_1", 1),
...     Provision("art_3/point_1", "point", "1", None, "1. Аким назначается.", "art_3", 2),
... ))
>>> docs = list(edition_documents(act, ed, ("2023-12-23", None)))
>>> [(d["eid"], d["path"], d["point"], d["context"]) for d in docs]
[('art_3', 'Статья 3', '', 'Общие положения'), ('art_3/point_1', 'Статья 3, пункт 1', '1', 'Общие положения. Аким')]
>>> docs[1]["id"]
'https://w3id.org/akimkg/eli/kz/law/2001/7/rus@2023-12-23/art_3/point_1'
>>> ed2 = Edition(EditionMeta("law-x", "2023-12-23"), "О местном управлении", (
...     Provision("art_4", "article", "4", "Компетенция акима", "Статья 4. Компетенция акима", None, 0),
...     Provision("art_4/text_1", "text", None, None, "Аким района:", "art_4", 1),
...     Provision("art_4/sub_1", "subpoint", "1", None, "1) созывает сход;", "art_4", 2),
... ))
>>> [d["context"] for d in edition_documents(act, ed2, ("2023-12-23", None))][-1]
'Статья 4. Компетенция акима Аким района:'
"""
from __future__ import annotations

import re
from typing import Iterator, Mapping, Optional, Sequence

from kg.model import Act, Edition, Provision
from kg.uri import act_work_iri, provision_iri
from kg.validity import edition_intervals as _kg_edition_intervals

_SPACES = re.compile(r"\s+")
UNIT_KINDS = frozenset({"article", "point", "preamble"})
OPEN_END = "9999-12-31"   # stored "to" of an open interval, so that date ranges compare as strings


def edition_intervals(acts: Mapping[str, Act], editions: Sequence[Edition]
                      ) -> dict[tuple[str, str], tuple[str, Optional[str]]]:
    """``(act_id, edition date) -> (from, to)`` (``to`` None when open), per the rule in :mod:`kg.validity`.

    >>> from kg.model import Act, EditionMeta, Edition
    >>> acts = {"c": Act(id="c", code="1", type="constitution", title="К", in_force_to="2026-07-01")}
    >>> eds = [Edition(EditionMeta("c", "2022-09-17"), "К"), Edition(EditionMeta("c", "2023-01-01"), "К")]
    >>> edition_intervals(acts, eds)
    {('c', '2022-09-17'): ('2022-09-17', '2023-01-01'), ('c', '2023-01-01'): ('2023-01-01', '2026-07-01')}
    """
    return {k: (v.start, v.end) for k, v in _kg_edition_intervals(acts, editions).items()}


def _has_unit_ancestor(p: Provision, units: set[str], by_eid: Mapping[str, Provision]) -> bool:
    eid = p.parent
    while eid:
        if eid in units:
            return True
        anc = by_eid.get(eid)
        eid = anc.parent if anc is not None else None
    return False


def units_of(edition: Edition) -> list[tuple[Provision, str]]:
    """The document units of an edition with their full text, in document order."""
    provs = sorted(edition.provisions, key=lambda p: p.order)
    by_eid = {p.eid: p for p in provs}
    units: set[str] = set()
    for p in provs:
        if p.status == "excluded":
            continue
        parent = by_eid.get(p.parent) if p.parent else None
        if (p.kind in UNIT_KINDS
                or (p.kind == "subpoint" and parent is not None and parent.kind == "article")
                or (p.kind == "text" and not _has_unit_ancestor(p, units, by_eid))):
            units.add(p.eid)
    texts: dict[str, list[str]] = {eid: [] for eid in units}
    for p in provs:
        owner = p.eid
        while owner and owner not in units:
            parent = by_eid.get(owner)
            owner = parent.parent if parent is not None else None
        if owner is not None and p.status != "excluded":
            texts[owner].append(p.text)
    return [(by_eid[eid], "\n".join(t for t in texts[eid] if t)) for eid in
            sorted(units, key=lambda e: by_eid[e].order)]


def _context(p: Provision, by_eid: Mapping[str, Provision]) -> str:
    heads = []
    eid = p.parent
    while eid:
        anc = by_eid.get(eid)
        if anc is None:
            break
        if anc.heading:
            heads.append(anc.heading.strip())
        eid = anc.parent
    return ". ".join(reversed(heads))


def edition_documents(act: Act, edition: Edition, interval: tuple[str, Optional[str]],
                      tags: Optional[Mapping[str, Mapping[str, Sequence[str]]]] = None) -> Iterator[dict]:
    """The index documents of one edition (plain dicts of field values)."""
    work = act_work_iri(act)
    by_eid = {p.eid: p for p in edition.provisions}
    start, end = interval
    act_year = (act.date or "")[:4]
    units = units_of(edition)
    unit_text = {p.eid: text for p, text in units}
    for p, text in units:
        if not text.strip():
            continue
        iri = provision_iri(work, p.eid, edition.date)
        t = (tags or {}).get(iri, {})
        context = _context(p, by_eid)
        if p.kind == "subpoint" and p.parent in unit_text:
            # an item of an article's list: the article's heading and lead-in say whose item it is
            context = ". ".join(x for x in (_context(by_eid[p.parent], by_eid),
                                            _SPACES.sub(" ", unit_text[p.parent]).strip()) if x)
        yield {
            "id": iri,
            "work": provision_iri(work, p.eid),
            "act": act.id,
            "act_title": act.short_title or act.title or edition.title,
            "type": act.type,
            "edition": edition.date,
            "year": edition.date[:4],
            "act_year": act_year,
            "eid": p.eid,
            "kind": p.kind,
            "article": p.article or "",
            "point": p.point or "",
            "subpoint": p.subpoint or "",
            "path": p.path,
            "valid_from": start,
            "valid_to": end or OPEN_END,
            "levels": " ".join(t.get("levels", ())),
            "institutions": " ".join(t.get("institutions", ())),
            "text": text,
            "context": context,
            # an article with text of its own (not only a heading over its points)
            "heading": (p.heading or "").strip() if p.kind == "article" and "\n" in text.strip() else "",
            "order": p.order,
        }


def documents(acts: Mapping[str, Act], editions: Sequence[Edition],
              tags: Optional[Mapping[str, Mapping[str, Sequence[str]]]] = None) -> Iterator[dict]:
    """All index documents of a corpus; editions whose act is unknown raise ValueError."""
    intervals = edition_intervals(acts, editions)
    for ed in editions:
        act = acts.get(ed.act_id)
        if act is None:
            raise ValueError(f"edition {ed.act_id}@{ed.date}: unknown act id {ed.act_id!r}")
        yield from edition_documents(act, ed, intervals[(ed.act_id, ed.date)], tags)
