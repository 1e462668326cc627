"""When each edition is in force: the one rule, shared by the graph and the search index.

An edition is in force from its own date, or from the act's ``in_force_from``
when that is later (the Constitution of 2026, worded on 15 March, in force
from 1 July); until the date of the next edition of the same act in the
corpus, or else the act's ``in_force_to``, whichever comes first, or
indefinitely. Ends are exclusive: ``end`` is the first day no longer in force.

>>> from kg.model import Act, EditionMeta
>>> acts = {"c": Act(id="c", code="1", type="constitution", title="К", in_force_to="2026-07-01"),
...         "n": Act(id="n", code="2", type="constitution", title="К", in_force_from="2026-07-01")}
>>> eds = [EditionMeta("c", "2022-09-17"), EditionMeta("c", "2023-01-01"), EditionMeta("n", "2026-03-15")]
>>> iv = edition_intervals(acts, eds)
>>> iv[("c", "2022-09-17")]
Interval(start='2022-09-17', end='2023-01-01', end_precision=None)
>>> iv[("c", "2023-01-01")].as_dict()
{'from': '2023-01-01', 'to': '2026-07-01'}
>>> iv[("n", "2026-03-15")].contains("2026-06-30"), iv[("n", "2026-03-15")].contains("2026-07-01")
(False, True)
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Union

from kg.model import Act, Edition, EditionMeta


@dataclass(frozen=True)
class Interval:
    """A half-open interval of dates ``[start, end)``; ``end`` None means open-ended.

    ``end_precision`` repeats the act's ``in_force_to_precision`` when the end
    comes from it ("year", "bound": the end is an upper bound, not the day).
    """

    start: str
    end: Optional[str] = None
    end_precision: Optional[str] = None

    def contains(self, date: str) -> bool:
        """True when ``date`` (ISO) lies in the interval.

        >>> Interval("2011-02-02", "2022-09-17").contains("2022-09-17")
        False
        >>> Interval("2023-01-01").contains("2099-01-01")
        True
        """
        return self.start <= date and (self.end is None or date < self.end)

    @property
    def empty(self) -> bool:
        """True when no day lies in the interval (an edition replaced before it took effect).

        >>> Interval("2026-07-01", "2026-07-01").empty
        True
        """
        return self.end is not None and self.end <= self.start

    def __iter__(self):
        """Unpacks as ``(start, end)``.

        >>> start, end = Interval("2011-03-24", "2014-11-07")
        >>> end
        '2014-11-07'
        """
        return iter((self.start, self.end))

    def as_dict(self) -> dict:
        """The ``in_force`` object of the search JSON: ``{"from": ..., "to": ...}``."""
        return {"from": self.start, "to": self.end}


_EditionLike = Union[Edition, EditionMeta]


def edition_intervals(acts: Union[Mapping[str, Act], Iterable[Act]],
                      editions: Iterable[_EditionLike]) -> dict[tuple[str, str], Interval]:
    """In-force interval of every edition, keyed by ``(act_id, edition date)``.

    ``editions`` are :class:`~kg.model.Edition` or :class:`~kg.model.EditionMeta`
    objects; ``acts`` a mapping act id -> :class:`~kg.model.Act` or an iterable
    of acts. An edition whose act is unknown uses its own dates only. The next
    edition is looked for among the editions of the same act and language.
    An edition superseded before its act took effect gets an empty interval
    (``start == end``), never an inverted one.
    """
    by_id = dict(acts) if isinstance(acts, Mapping) else {a.id: a for a in acts}
    dates: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ed in editions:
        meta = ed.meta if isinstance(ed, Edition) else ed
        dates[(meta.act_id, meta.language)].add(meta.date)
    out: dict[tuple[str, str], Interval] = {}
    for (act_id, _lang), ds in dates.items():
        act = by_id.get(act_id)
        ordered = sorted(ds)
        for i, date in enumerate(ordered):
            start = date
            if act is not None and act.in_force_from and act.in_force_from > start:
                start = act.in_force_from
            end: Optional[str] = ordered[i + 1] if i + 1 < len(ordered) else None
            precision = None
            if act is not None and act.in_force_to and (end is None or act.in_force_to < end):
                end = act.in_force_to
                precision = getattr(act, "in_force_to_precision", None)
            if end is not None and end < start:
                end = start
            out[(act_id, date)] = Interval(start, end, precision)
    return out


def interval_of(acts: Union[Mapping[str, Act], Iterable[Act]], editions: Iterable[_EditionLike],
                act_id: str, date: str) -> Optional[Interval]:
    """The interval of one edition, or None when there is no such edition.

    >>> from kg.model import Act, EditionMeta
    >>> interval_of([Act(id="a", code="7", type="law", title="З")], [EditionMeta("a", "2014-11-07")], "a", "2014-11-07")
    Interval(start='2014-11-07', end=None, end_precision=None)
    """
    return edition_intervals(acts, editions).get((act_id, date))
