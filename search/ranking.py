"""Ranking: an OR that rewards provisions matching more of the query's concepts, and a best-of OR.

Plain BM25 sums term scores, so a provision repeating one frequent word
(«аким» appears in every other point of the law) can outrank the one that
says everything the query asks. :class:`CoordOr` multiplies the summed score
by the share of the query's clauses (concepts: a word with its synonyms and
its heading twin, a phrase) that the provision matches, raised to
``power``, the classic coordination factor.

:class:`BestOf` scores a provision by its best-matching alternative (a word
and its synonyms): whoosh's own ``DisjunctionMax`` matcher takes the maximum
over its sub-matchers even when one of them is positioned on another
document, which inflates scores.

>>> from whoosh.query import Term
>>> q = CoordOr([Term("t", "аким"), Term("t", "назначать")], power=2.0)
>>> q
CoordOr([Term('t', 'аким'), Term('t', 'назначать')], power=2.0)
"""
from __future__ import annotations

from whoosh import matching
from whoosh import query as wq

DEFAULT_POWER = 2.0


class CoordOr(wq.Or):
    """OR of clauses scored ``sum(scores) * (matched clauses / clauses) ** power``."""

    JOINT = " OR "

    def __init__(self, subqueries, boost=1.0, power: float = DEFAULT_POWER, minmatch=0, scale=None):
        super().__init__(subqueries, boost=boost, minmatch=minmatch)
        self.power = power

    def __repr__(self):
        return f"{self.__class__.__name__}({self.subqueries!r}, power={self.power})"

    def __eq__(self, other):
        return (other is not None and self.__class__ is other.__class__
                and self.subqueries == other.subqueries and self.power == other.power
                and self.boost == other.boost)

    def __hash__(self):
        return hash((self.__class__.__name__, tuple(self.subqueries), self.power, self.boost))

    def normalize(self):
        subs = [q.normalize() for q in self.subqueries]
        subs = [q for q in subs if q is not wq.NullQuery]
        if not subs:
            return wq.NullQuery
        if len(subs) == 1:
            return subs[0].with_boost(subs[0].boost * self.boost) if self.boost != 1 else subs[0]
        return self.__class__(subs, boost=self.boost, power=self.power)

    def with_boost(self, boost):
        return self.__class__(self.subqueries, boost=boost, power=self.power)

    def apply(self, fn):
        return self.__class__([fn(q) for q in self.subqueries], boost=self.boost, power=self.power)

    def matcher(self, searcher, context=None):
        subs = [q.matcher(searcher, context) for q in self.subqueries]
        return CoordMatcher(subs, len(self.subqueries), self.power, self.boost)


class BestOf(wq.Or):
    """OR of alternatives scored by the best one matching the document."""

    JOINT = " | "

    def __init__(self, subqueries, boost=1.0, minmatch=0, scale=None):
        super().__init__(subqueries, boost=boost, minmatch=minmatch)

    def __repr__(self):
        return f"{self.__class__.__name__}({self.subqueries!r})"

    def normalize(self):
        subs = [q.normalize() for q in self.subqueries]
        subs = [q for q in subs if q is not wq.NullQuery]
        if not subs:
            return wq.NullQuery
        return self.__class__(subs, boost=self.boost) if len(subs) > 1 else subs[0]

    def with_boost(self, boost):
        return self.__class__(self.subqueries, boost=boost)

    def apply(self, fn):
        return self.__class__([fn(q) for q in self.subqueries], boost=self.boost)

    def matcher(self, searcher, context=None):
        subs = [q.matcher(searcher, context) for q in self.subqueries]
        return BestMatcher(subs, self.boost)


class _NaryUnion(matching.Matcher):
    """Union of any number of child matchers (no block-quality skipping).

    The current document id is cached: whoosh calls ``id()`` far more often
    than it moves the matcher.
    """

    def __init__(self, children, boost: float = 1.0):
        self._all = list(children)
        self._boost = boost
        self._refresh([c for c in self._all if c.is_active()])

    def _refresh(self, active) -> None:
        self._active = active
        self._id = min(c.id() for c in active) if active else None

    def is_active(self):
        return bool(self._active)

    def reset(self):
        for c in self._all:
            c.reset()
        self._refresh([c for c in self._all if c.is_active()])

    def copy(self):
        new = self.__class__.__new__(self.__class__)
        new.__dict__.update(self.__dict__)
        new._all = [c.copy() for c in self._all]
        new._refresh([c for c in new._all if c.is_active()])
        return new

    def children(self):
        return list(self._active)

    def supports_block_quality(self):
        return False

    def max_quality(self):
        # no bound is known: a wrapping matcher asking for one must never skip this one
        return float("inf")

    def block_quality(self):
        return float("inf")

    def replace(self, minquality=0):
        return self if self._active else matching.NullMatcher()

    def supports(self, astype):
        return all(c.supports(astype) for c in self._active)

    def id(self):
        return self._id

    def _current(self):
        current = self._id
        return [c for c in self._active if c.id() == current]

    def next(self):
        current = self._id
        for c in self._active:
            if c.id() == current:
                c.next()
        self._refresh([c for c in self._active if c.is_active()])

    def skip_to(self, target):
        for c in self._active:
            if c.id() < target:
                c.skip_to(target)
        self._refresh([c for c in self._active if c.is_active()])

    def weight(self):
        return sum(c.weight() for c in self._current())

    def matching_terms(self, id=None):
        if id is None or id == self._id:
            for c in self._current():
                yield from c.matching_terms()
        else:
            for c in self._active:
                if c.id() == id:
                    yield from c.matching_terms(id)

    def spans(self):
        out = []
        for c in self._current():
            out.extend(c.spans())
        return sorted(set(out))


class CoordMatcher(_NaryUnion):
    """Sum of the matching children's scores times the coordination factor."""

    def __init__(self, children, clauses: int, power: float, boost: float = 1.0):
        super().__init__(children, boost)
        self._clauses = max(1, clauses)
        self._power = power

    def score(self):
        current = self._id
        total, matched = 0.0, 0
        for c in self._active:
            if c.id() == current:
                total += c.score()
                matched += 1
        return self._boost * total * (matched / self._clauses) ** self._power


class BestMatcher(_NaryUnion):
    """The best score among the children positioned on the current document."""

    def score(self):
        current = self._id
        return self._boost * max(c.score() for c in self._active if c.id() == current)
