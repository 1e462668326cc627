"""Vectorised BM25F scoring of whoosh query trees with numpy.

whoosh scores documents one at a time in Python; a query whose words occur
in tens of thousands of provisions then takes a second, while the search
page needs the exact total and facet counts over *all* hits anyway. This
module evaluates the same query tree over whole posting lists at once: a
term yields its posting list with BM25F scores, a compound node adds or
takes the maximum of its children into arrays with one slot per document. Scores follow whoosh's own BM25F formula, boosts and lengths
(quantised as whoosh stores them), so rankings agree with
``whoosh.searching.Searcher.search`` (a test checks it), plus the
project's :class:`~search.ranking.CoordOr` and :class:`~search.ranking.BestOf`.

Posting lists, per-field document lengths and the documents matching each
phrase are read once and cached (an open searcher never changes).

>>> import tempfile, pathlib
>>> from whoosh import query as wq
>>> from search.index import build_index
>>> from search.query import Searcher
>>> from search.sample import sample_corpus
>>> d = pathlib.Path(tempfile.mkdtemp()) / "index"
>>> _ = build_index(*sample_corpus(), d)
>>> s = Searcher(d)
>>> top, scores, matched = FastScorer(s._searcher).top(wq.Term("lemma", "маслихат"), 3)
>>> matched.tolist() == sorted(s._searcher.docs_for_query(wq.Term("lemma", "маслихат")))
True
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Optional

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F

from search.ranking import BestOf, CoordOr

POSTINGS_CACHE = 4096   # posting lists kept in memory (term → ids, weights)
SPARSE_SHARE = 8        # combine sparsely while the parts hold fewer than 1/8 of all documents


def top_indices(scores: np.ndarray, n: int) -> np.ndarray:
    """Positions of the ``n`` largest scores (all of them when there are fewer), unordered.

    >>> sorted(top_indices(np.array([0.1, 0.9, 0.5, 0.7]), 2).tolist())
    [1, 3]
    """
    if len(scores) <= n:
        return np.arange(len(scores))
    return np.argpartition(-scores, n - 1)[:n]


def smooth(scores: np.ndarray, groups: np.ndarray, weight: float) -> np.ndarray:
    """Structural smoothing: each score plus ``weight`` × the best score of its group
    (``groups`` aligned with ``scores``; -1 for a document in no group).

    A point of an article whose other points answer the query is likelier to be part of
    the answer than an equally scored point elsewhere (hierarchical smoothing of element
    scores, as in XML retrieval: Ogilvie & Callan 2003). The best document of a group
    gains ``weight`` × its own score, so the order inside a group is kept.

    >>> smooth(np.array([4.0, 1.0, 1.0]), np.array([0, 0, 1]), 0.5).tolist()
    [6.0, 3.0, 1.5]
    """
    inside = groups >= 0
    if not weight or not inside.any():
        return scores
    codes, local = np.unique(groups[inside], return_inverse=True)
    best = np.zeros(len(codes), dtype=np.float64)
    np.maximum.at(best, local, scores[inside])
    out = scores.astype(np.float64, copy=True)
    out[inside] += weight * best[local]
    return out


class FastScorer:
    """Scores whoosh queries over all documents of an open whoosh searcher."""

    def __init__(self, searcher, weighting: Optional[BM25F] = None):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.n = self.reader.doc_count_all()
        w = weighting or searcher.weighting
        self.B = getattr(w, "B", 0.75)
        self.K1 = getattr(w, "K1", 1.2)
        self._field_B = getattr(w, "_field_B", {})
        self._postings: OrderedDict = OrderedDict()
        self._lengths: dict[str, np.ndarray] = {}
        self._docsets: OrderedDict = OrderedDict()

    # ------------------------------------------------------------ index data

    def postings(self, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        """Global document numbers and weights (term frequencies) of one term."""
        key = (fieldname, text)
        hit = self._postings.get(key)
        if hit is not None:
            self._postings.move_to_end(key)
            return hit
        ids: list = []
        weights: list = []
        for leaf, offset in self.reader.leaf_readers():
            if (fieldname, text) not in leaf:
                continue
            m = leaf.postings(fieldname, text)
            if hasattr(m, "_read_ids") and hasattr(m, "_next_block"):
                # whoosh 3 codec: read whole blocks instead of one posting at a time
                while m.is_active():
                    m._read_ids()
                    m._read_weights()
                    ids.extend(i + offset for i in m._ids[m._i:])
                    weights.extend(m._weights[m._i:])
                    m._next_block()
            else:
                while m.is_active():
                    ids.append(m.id() + offset)
                    weights.append(m.weight())
                    m.next()
        hit = (np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64))
        self._postings[key] = hit
        if len(self._postings) > POSTINGS_CACHE:
            self._postings.popitem(last=False)
        return hit

    def lengths(self, fieldname: str) -> np.ndarray:
        """Field length of every document, as whoosh stores it (quantised to a byte)."""
        arr = self._lengths.get(fieldname)
        if arr is None:
            arr = np.ones(self.n, dtype=np.float64)
            for leaf, offset in self.reader.leaf_readers():
                for d in range(leaf.doc_count_all()):
                    arr[offset + d] = leaf.doc_field_length(d, fieldname, 1) or 1
            self._lengths[fieldname] = arr
        return arr

    # ------------------------------------------------------------ evaluation
    #
    # Every node evaluates to a sparse result: sorted unique document numbers
    # and their scores (a posting list's worth of work, not the index's size).

    _EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))

    def _term(self, fieldname: str, text, boost: float):
        if fieldname not in self.searcher.schema:
            return self._EMPTY
        field = self.searcher.schema[fieldname]
        if isinstance(text, str):
            text = field.to_bytes(text)
        ids, tf = self.postings(fieldname, text)
        if not len(ids):
            return self._EMPTY
        if not field.scorable:
            return ids, tf * boost
        idf = self.searcher.idf(fieldname, text)
        avgfl = self.searcher.avg_field_length(fieldname) or 1
        B = self._field_B.get(fieldname, self.B)
        K1 = self.K1
        fl = self.lengths(fieldname)[ids]
        return ids, boost * idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))

    def _docs(self, q: wq.Query) -> np.ndarray:
        """Sorted documents matching a query whoosh has to check itself (phrases: positions), cached."""
        key = repr(q.with_boost(1.0)) if hasattr(q, "with_boost") else repr(q)
        ids = self._docsets.get(key)
        if ids is None:
            ids = np.unique(np.fromiter(self.searcher.docs_for_query(q), dtype=np.int64))
            self._docsets[key] = ids
            if len(self._docsets) > POSTINGS_CACHE:
                self._docsets.popitem(last=False)
        else:
            self._docsets.move_to_end(key)
        return ids

    # A result is sparse — sorted document numbers and their scores — or dense
    # — a match mask and scores with one slot per document. Leaves are sparse
    # (a posting list); compound nodes stay sparse while their parts are
    # small and accumulate into dense arrays in place otherwise. ``_dense``
    # turns either form into ``(scores, mask)``.

    def _dense(self, r):
        """``(scores, mask)`` over all documents."""
        if self._is_dense(r):
            mask, scores = r
            return scores, mask
        ids, scores = r
        dense = np.zeros(self.n, dtype=np.float64)
        mask = np.zeros(self.n, dtype=bool)
        dense[ids] = scores
        mask[ids] = True
        return dense, mask

    @staticmethod
    def _is_dense(r) -> bool:
        return r[0].dtype == bool

    def _combine(self, parts, how: str = "sum", count: bool = False):
        """Sum (or maximum) of the parts' scores over the union of their documents.

        Returns ``(result, counts)``: ``result`` is sparse when every part is
        sparse and they are small together, else dense; ``counts`` (when asked)
        tells how many parts match each document of ``result``.
        """
        sparse = [p for p in parts if not self._is_dense(p)]
        if len(sparse) == len(parts) and sum(len(p[0]) for p in parts) * SPARSE_SHARE <= self.n:
            parts = [p for p in parts if len(p[0])]
            if not parts:
                return self._EMPTY, np.zeros(0, dtype=np.int64)
            if len(parts) == 1:
                return parts[0], np.ones(len(parts[0][0]), dtype=np.int64)
            ids, inverse = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
            values = np.concatenate([p[1] for p in parts])
            if how == "sum":
                scores = np.bincount(inverse, weights=values, minlength=len(ids))
            else:
                scores = np.zeros(len(ids), dtype=np.float64)
                np.maximum.at(scores, inverse, values)
            counts = np.bincount(inverse, minlength=len(ids)) if count else None
            return (ids, scores), counts
        scores = np.zeros(self.n, dtype=np.float64)
        mask = np.zeros(self.n, dtype=bool)
        counts = np.zeros(self.n, dtype=np.int32) if count else None
        for r in parts:
            if self._is_dense(r):
                m, sc = r
                if how == "sum":
                    scores += sc
                else:
                    np.maximum(scores, np.where(m, sc, 0.0), out=scores)
                mask |= m
                if count:
                    counts += m
            else:
                ids, sc = r            # ids are unique within one part
                if how == "sum":
                    scores[ids] += sc
                else:
                    scores[ids] = np.maximum(scores[ids], sc)
                mask[ids] = True
                if count:
                    counts[ids] += 1
        return (mask, scores), counts

    def _contains(self, r, ids: np.ndarray) -> np.ndarray:
        """For each document number of ``ids``, whether result ``r`` matches it."""
        if self._is_dense(r):
            return r[0][ids]
        return np.isin(ids, r[0], assume_unique=True)

    def _keep(self, r, keep: np.ndarray, boost: float = 1.0):
        """``r`` restricted to the documents where ``keep`` (aligned with ``r``) is true."""
        first, scores = r
        if self._is_dense(r):
            mask = first & keep
            return mask, np.where(mask, scores * boost, 0.0)
        return first[keep], scores[keep] * boost

    @staticmethod
    def _scaled(r, factor):
        """``r`` with its scores multiplied (in place: results are never shared)."""
        if np.isscalar(factor) and factor == 1.0:
            return r
        np.multiply(r[1], factor, out=r[1])
        return r

    def evaluate(self, q: wq.Query):
        """The documents a query tree matches with their scores: ``(ids, scores)``
        sparse, or ``(mask, scores)`` dense over all documents (mask of dtype bool)."""
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return self._EMPTY
        if type(q) is wq.Term:
            return self._term(q.fieldname, q.text, q.boost)
        if isinstance(q, wq.Phrase):
            # the (few) documents with the phrase, scored by the sum of its words' scores there
            docs = self._docs(q)
            scores = np.zeros(len(docs), dtype=np.float64)
            if len(docs):
                for w in dict.fromkeys(q.words):
                    ids, sc = self._term(q.fieldname, w, 1.0)
                    pos = np.minimum(np.searchsorted(docs, ids), len(docs) - 1)
                    hit = docs[pos] == ids
                    scores[pos[hit]] += sc[hit]
            return docs, scores * q.boost
        if isinstance(q, CoordOr):
            r, counts = self._combine([self.evaluate(c) for c in q.subqueries], count=True)
            return self._scaled(r, (counts / max(1, len(q.subqueries))) ** q.power * q.boost)
        if isinstance(q, (BestOf, wq.DisjunctionMax)):
            r, _ = self._combine([self.evaluate(c) for c in q.subqueries], how="max")
            return self._scaled(r, q.boost)
        if isinstance(q, (wq.AndNot, wq.Require)):
            a, b = self.evaluate(q.a), self.evaluate(q.b)
            ids = np.flatnonzero(a[0]) if self._is_dense(a) else a[0]
            inside = self._contains(b, ids)
            keep_ids = ids[~inside] if isinstance(q, wq.AndNot) else ids[inside]
            if self._is_dense(a):
                return keep_ids, a[1][keep_ids]
            return self._keep(a, np.isin(a[0], keep_ids, assume_unique=True))
        if isinstance(q, wq.AndMaybe):
            sa, ma = self._dense(self.evaluate(q.a))
            sb, _ = self._dense(self.evaluate(q.b))
            return ma, np.where(ma, sa + sb, 0.0)
        if isinstance(q, wq.And):
            r, counts = self._combine([self.evaluate(c) for c in q.subqueries], count=True)
            return self._keep(r, counts == len(q.subqueries), q.boost)
        if isinstance(q, wq.Or):
            r, _ = self._combine([self.evaluate(c) for c in q.subqueries])
            return self._scaled(r, q.boost)
        if isinstance(q, wq.Not):
            _, m = self._dense(self.evaluate(q.query))
            return ~m, np.zeros(self.n, dtype=np.float64)
        if isinstance(q, wq.Every):
            return np.ones(self.n, dtype=bool), np.full(self.n, q.boost, dtype=np.float64)
        if isinstance(q, wq.MultiTerm):   # prefix, wildcard, fuzzy, ranges: the index terms they cover
            r, _ = self._combine([self._term(f, t, 1.0) for f, t in q.expanded_terms(self.reader)])
            return self._scaled(r, q.boost)
        ids = self._docs(q)
        return ids, np.full(len(ids), q.boost, dtype=np.float64)

    def top(self, q: wq.Query, k: int, allow: Optional[np.ndarray] = None,
            rescore: Optional[Callable[[np.ndarray, np.ndarray], np.ndarray]] = None):
        """``(top docnums best first, their scores, all matching docnums)``.

        ``rescore(ids, scores)`` may replace the scores of the matching (allowed) documents
        before the top k are taken (the ranking stages of :mod:`search.query`).
        """
        r = self.evaluate(q)
        if self._is_dense(r):
            mask, scores = r
            if allow is not None:
                mask = mask & allow
            matched = np.flatnonzero(mask)
            s = scores[matched]
        else:
            matched, s = r
        if allow is not None and len(matched) and not self._is_dense(r):
            keep = allow[matched]
            matched, s = matched[keep], s[keep]
        if not len(matched):
            return matched, s, matched
        if rescore is not None:
            s = rescore(matched, s)
        k = min(k, len(matched))
        part = np.argpartition(-s, k - 1)[:k] if k < len(matched) else np.arange(len(matched))
        # best score first; ties in document order, as whoosh does
        order = np.lexsort((matched[part], -s[part]))
        best = part[order]
        return matched[best], s[best], matched
