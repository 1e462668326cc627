"""Rewriting parsed query trees while leaving their negated parts alone.

Synonyms, derivational relatives and the headings field all add
alternatives to what a query asks for; none of them may widen what it
excludes (``аким NOT президент`` must not start excluding «глава
государства»). :func:`rewrite` rebuilds a tree bottom-up, calling ``leaf``
on leaf queries and ``children`` on the new child list of every compound
query, and returns negated subtrees untouched.

>>> from whoosh import query as wq
>>> upper = lambda q: wq.Term(q.fieldname, q.text.upper()) if type(q) is wq.Term else q
>>> rewrite(wq.AndNot(wq.Or([wq.Term("f", "a"), wq.Term("f", "b")]), wq.Term("f", "c")), leaf=upper)
AndNot((Or([Term('f', 'A'), Term('f', 'B')]), Term('f', 'c')))
"""
from __future__ import annotations

from typing import Callable, Optional

from whoosh import query as wq

Leaf = Callable[[wq.Query], wq.Query]
Children = Callable[[list, wq.Query], list]


def rewrite(q: wq.Query, leaf: Optional[Leaf] = None, children: Optional[Children] = None) -> wq.Query:
    """A rebuilt copy of ``q`` (see the module docstring)."""
    if isinstance(q, wq.Not):
        return q
    if isinstance(q, wq.AndNot):
        return wq.AndNot(rewrite(q.a, leaf, children), q.b)
    if isinstance(q, wq.BinaryQuery):
        return q.__class__(rewrite(q.a, leaf, children), rewrite(q.b, leaf, children))
    if isinstance(q, wq.CompoundQuery):
        kids = [rewrite(c, leaf, children) for c in q.subqueries]
        if children is not None:
            kids = children(kids, q)
        new = q.__class__.__new__(q.__class__)
        new.__dict__.update(q.__dict__)
        new.subqueries = kids
        return new
    return leaf(q) if leaf is not None else q
