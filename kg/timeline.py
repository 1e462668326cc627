"""Reform events 1991–2026 from the curated timeline, as ``akimkg timeline --json`` gives them.

The events come from ``corpus/data/timeline.yaml`` through
:func:`corpus.curated.load_timeline`; this module only selects, orders and
shapes them (see the ``timeline`` JSON of ``../shared/CONTRACTS.md``).
``sources`` are citations of ``corpus/data/sources.yaml`` (title and authors
of a seed document, or the act); extra fields beyond the contract:
``source_ids``, ``title_en``, ``figures`` (each with its source),
``alternative_dates`` (another date another source gives, kept, not
averaged) and ``note``.

>>> from corpus.curated import TimelineEvent
>>> recs = [TimelineEvent("b", "2021-07-25", "day", "election", "Выборы сельских акимов", "Rural elections",
...                       ("rural",), (), ("tolkynbek-2024",)),
...         TimelineEvent("a", "1995-08-30", "day", "referendum", "Конституция", "Constitution", (),
...                       ("constitution-1995",), ("constitution-1995",))]
>>> [e["date"] for e in events(records=recs)]
['1995-08-30', '2021-07-25']
>>> [e["title"] for e in events(2000, 2025, levels=["rural"], records=recs)]
['Выборы сельских акимов']
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional, Sequence

from corpus.curated import LEVELS
from kg.uri import entity_iri

EVENT_TYPES = ("act", "amendment", "decree", "referendum", "election", "address", "other")


class TimelineError(ValueError):
    """Bad arguments to :func:`events` (a year range backwards, an unknown level or type)."""


def cite(source_ids: Iterable[str], sources: Optional[Mapping[str, Any]] = None) -> list[str]:
    """Citations of ``sources.yaml`` ids (an unknown id is kept as written).

    >>> cite(["kaliev-serikbaeva-2025"])[0].startswith("Калиев И. А., Серикбаева А. Т. Механизмы выборности")
    True
    """
    if sources is None:
        from corpus.curated import load_sources
        sources = load_sources()
    return [sources[s].citation if s in sources else s for s in source_ids]


def event_json(ev: Any, sources: Optional[Mapping[str, Any]] = None) -> dict:
    """One :class:`corpus.curated.TimelineEvent` in the contract shape."""
    out = {
        "id": entity_iri("event", ev.id), "date": ev.date, "date_precision": ev.date_precision,
        "type": ev.type, "title": ev.title, "levels": list(ev.levels), "acts": list(ev.acts),
        "sources": cite(ev.sources, sources), "source_ids": list(ev.sources), "title_en": ev.title_en,
    }
    if ev.figures:
        out["figures"] = [{"quantity": f.name, "value": f.value, "unit": f.unit, "qualifier": f.qualifier,
                           "as_of": f.as_of, "sources": cite([f.source], sources)} for f in ev.figures]
    if ev.alternative_dates:
        out["alternative_dates"] = [{"date": a.date, "date_precision": a.date_precision,
                                     "sources": cite([a.source], sources), "note": a.note}
                                    for a in ev.alternative_dates]
    if ev.note:
        out["note"] = ev.note
    return out


def events(from_year: Optional[int] = None, to_year: Optional[int] = None, levels: Sequence[str] = (),
           types: Sequence[str] = (), *, records: Optional[Iterable[Any]] = None,
           links: Optional[Mapping[str, list]] = None) -> list[dict]:
    """Events from ``from_year`` to ``to_year`` (both inclusive) in date order.

    ``levels`` keeps events concerning any of those levels; ``types`` keeps
    events of those types. ``records`` (:class:`corpus.curated.TimelineEvent` s)
    replace the curated file. ``links`` (event id → provisions, from
    :mod:`kg.event_links`, saved by the build) adds ``provisions`` to the events
    whose amending acts the corpus footnotes name.
    """
    if from_year is not None and to_year is not None and int(from_year) > int(to_year):
        raise TimelineError(f"the year range is backwards: {from_year} > {to_year}")
    bad = [lv for lv in levels if lv not in LEVELS]
    if bad:
        raise TimelineError(f"unknown level {bad[0]!r} (known: {', '.join(LEVELS)})")
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad:
        raise TimelineError(f"unknown event type {bad[0]!r} (known: {', '.join(EVENT_TYPES)})")
    if records is None:
        from corpus.curated import load_timeline
        records = load_timeline()
    from corpus.curated import load_sources
    sources = load_sources()
    out = []
    for rec in records:
        e = event_json(rec, sources)
        if links and links.get(rec.id):
            e["provisions"] = links[rec.id]
        year = int(e["date"][:4])
        if from_year is not None and year < int(from_year):
            continue
        if to_year is not None and year > int(to_year):
            continue
        if levels and not set(levels) & set(e["levels"]):
            continue
        if types and e["type"] not in types:
            continue
        out.append(e)
    out.sort(key=lambda e: (e["date"], e["id"]))
    return out
