"""Query the provision index: parse, expand, filter by date/act/type/level, rank, highlight.

Query syntax (whoosh's, minus fields and ranges): words (any form: they are
lemmatised), ``"phrases"`` or «phrases», ``prefix*``, ``AND``/``OR``/``NOT``
(also ``И``/``ИЛИ``/``НЕ``), ``(groups)``, ``word^2`` boosts. Plain words are
OR-ed, documents matching more of them ranking higher; question words («кем»,
«какого», «чью») are dropped (:mod:`search.questionwords`).

``Searcher.search`` returns the ``search --json`` object of ``CONTRACTS.md``
plus ``facets`` (counts by act, act type and edition year over all hits),
``suggestion`` (did-you-mean, or None), ``page`` and ``pages``.

Every bad query raises :class:`QueryError` (a ``ValueError``) with a one-line message.

>>> check_query("  ")
Traceback (most recent call last):
...
search.query.QueryError: empty query
>>> check_query('выборы "акимов')
Traceback (most recent call last):
...
search.query.QueryError: unbalanced quotes in the query
>>> check_date("2023-02-30")
Traceback (most recent call last):
...
search.query.QueryError: impossible date '2023-02-30' (expected an existing day as YYYY-MM-DD)
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
from whoosh import collectors, scoring
from whoosh import index as windex
from whoosh import query as wq
from whoosh.qparser import (FieldsPlugin, OperatorsPlugin, OrGroup, QueryParser, RangePlugin,
                            SingleQuotePlugin)

from kg.model import ACT_TYPES
from search.analysis import ANALYZERS, STOP_WORDS, TOKEN_PATTERN, exact_tokens
from search.derivation import expand_derivations
from search.embedding import VECTORS, EmbeddingsError, idf, load_vectors, meaningful_words, text_vector
from search.index import META, SYNONYMS, IndexMissingError, current_generation
from search.questionwords import drop_question_words, question_forms, question_terms
from search.ranking import CoordOr
from search.rewrite import rewrite
from search.schema import EXACT, HEADINGS, MODES, VARIANTS
from search.snippets import FIELD_KINDS, snippet  # noqa: F401  (snippet: part of this module's API)
from search.scorer import FastScorer, smooth, top_indices
from search.synonyms import Synonyms, expand_query

MAX_QUERY_CHARS = 1000
ALL_EDITIONS = "all"     # as_of value that searches every edition
MAX_LIMIT = 100
BM25_B = 0.6            # BM25F length normalisation
BM25_K1 = 1.2           # BM25F term-frequency saturation
CONTEXT_BOOST = 0.3      # weight of the enclosing headings against the provision's own text
GROUP_FACTOR = 0.9       # whoosh OrGroup factor (replaced by the coordination factor below)
COORD_POWER = 1.0        # (matched clauses / clauses) ** power multiplies the score
HEADING_BOOST = 0.5      # an article whose own heading holds every clause: + this × their score there
HEADING_MIN_CLAUSES = 2  # ... when the query has at least this many clauses
RERANK_DEPTH = 1000      # the ranking stages after BM25F rescore this many best matches
STRUCTURE_WEIGHT = 0.5   # a document gains this × the best score in its article (search.scorer.smooth)
SEMANTIC_WEIGHT = 0.3    # share of the embedding cosine in the final score (search.embedding)
DROP_QUESTION_WORDS = True   # drop «кем», «какого», «чью»… from queries (search.questionwords)
_FILTER_CACHE = 64
_SUGGEST_CACHE = 4096     # words whose did-you-mean answer is remembered
FACETS = ("act", "type", "year")

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"'})
_OPERATOR_WORDS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "И", "ИЛИ", "НЕ"}


class QueryError(ValueError):
    """A query, filter or option the index cannot answer; the message is one line."""


def check_date(value: str, what: str = "date") -> str:
    """Return ``value`` if it is an existing ISO day, else raise QueryError.

    >>> check_date("2026-07-01")
    '2026-07-01'
    """
    if not isinstance(value, str) or not _DATE_RE.match(value.strip()):
        raise QueryError(f"impossible {what} {value!r} (expected an existing day as YYYY-MM-DD)")
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        raise QueryError(f"impossible {what} {value!r} (expected an existing day as YYYY-MM-DD)") from None
    return value.strip()


def check_query(text: str) -> str:
    """Normalise quotes and reject empty, over-long or unbalanced queries.

    >>> check_query("«глава администрации» (акимы OR маслихаты)")
    '"глава администрации" (акимы OR маслихаты)'
    >>> check_query("(акимы")
    Traceback (most recent call last):
    ...
    search.query.QueryError: unbalanced brackets in the query
    """
    if not isinstance(text, str) or not text.strip():
        raise QueryError("empty query")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")
    if text.count("«") != text.count("»"):
        raise QueryError("unbalanced quotes in the query")
    text = text.translate(_QUOTES).strip()
    if text.count('"') % 2:
        raise QueryError("unbalanced quotes in the query")
    depth = 0
    for i, part in enumerate(text.split('"')):
        if i % 2:          # inside a phrase: brackets are just characters
            continue
        for ch in part:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth < 0:
                    raise QueryError("unbalanced brackets in the query")
    if depth:
        raise QueryError("unbalanced brackets in the query")
    return text


class _Recorder(collectors.WrappingCollector):
    """Passes documents on to the wrapped collector and keeps every global docnum (for facets)."""

    def __init__(self, child):
        super().__init__(child)
        self.docnums: list[int] = []

    def collect(self, sub_docnum):
        self.docnums.append(self.offset + sub_docnum)
        return self.child.collect(sub_docnum)

    def collect_matches(self):
        for sub_docnum in self.matches():
            self.collect(sub_docnum)


def _parser(fieldname: str, schema) -> QueryParser:
    p = QueryParser(fieldname, schema, group=OrGroup.factory(GROUP_FACTOR))
    p.remove_plugin_class(FieldsPlugin)
    p.remove_plugin_class(RangePlugin)
    p.remove_plugin_class(SingleQuotePlugin)
    p.remove_plugin_class(OperatorsPlugin)
    p.add_plugin(OperatorsPlugin(
        And=r"(?<=\s)(?:AND|И)(?=\s)", Or=r"(?<=\s)(?:OR|ИЛИ)(?=\s)",
        AndNot=r"(?<=\s)ANDNOT(?=\s)", AndMaybe=r"(?<=\s)ANDMAYBE(?=\s)",
        Not=r"(^|(?<=(\s|[()])))(?:NOT|НЕ)(?=\s)", Require=r"(^|(?<=\s))REQUIRE(?=\s)"))
    return p


def _leaves_ok(q: wq.Query) -> bool:
    """True when the query still has something to match after analysis."""
    if q is None or q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        return False
    if isinstance(q, wq.Not):
        return False
    if isinstance(q, wq.CompoundQuery):
        return any(_leaves_ok(c) for c in q.subqueries)
    if isinstance(q, wq.AndNot):
        return _leaves_ok(q.a)
    return True


def _lift_negations(q: wq.Query) -> wq.Query:
    """Make ``a OR NOT b`` (whoosh: anything without b) mean ``a`` without ``b``, as users expect.

    >>> _lift_negations(wq.Or([wq.Term("t", "a"), wq.Not(wq.Term("t", "b"))]))
    AndNot((Or([Term('t', 'a')]), Term('t', 'b')))
    """
    if isinstance(q, wq.BinaryQuery):
        return q.__class__(_lift_negations(q.a), _lift_negations(q.b))
    if isinstance(q, wq.CompoundQuery):
        children = [_lift_negations(c) for c in q.subqueries]
        neg = [c.query for c in children if isinstance(c, wq.Not)]
        pos = [c for c in children if not isinstance(c, wq.Not)]
        new = copy.copy(q)
        if isinstance(q, wq.Or) and neg and pos:
            new.subqueries = pos
            return wq.AndNot(new, neg[0] if len(neg) == 1 else wq.Or(neg))
        new.subqueries = children
        return new
    return q


def _with_context(q: wq.Query, body: str, ctx: str, boost: float) -> wq.Query:
    """Search every term (and prefix) of ``body`` in the headings field ``ctx`` too, with a lower boost."""
    def leaf(node):
        if type(node) is wq.Term and node.fieldname == body:
            return wq.Or([node, wq.Term(ctx, node.text, boost=node.boost * boost)])
        if isinstance(node, wq.Prefix) and node.fieldname == body:
            return wq.Or([node, wq.Prefix(ctx, node.text, boost=node.boost * boost, constantscore=False)])
        return node

    return rewrite(q, leaf=leaf)


def _coordinate(q: wq.Query, power: float) -> wq.Query:
    """Score the top-level OR of the query's clauses with the coordination factor."""
    if type(q) is wq.Or and len(q.subqueries) > 1 and power:
        return CoordOr(q.subqueries, boost=q.boost, power=power)
    if isinstance(q, wq.AndNot):
        return wq.AndNot(_coordinate(q.a, power), q.b)
    return q


def _in_field(q: wq.Query, body: str, field: str) -> wq.Query:
    """``q`` with its leaves on ``body`` searched in ``field`` instead."""
    def leaf(node):
        if getattr(node, "fieldname", None) == body:
            node = copy.copy(node)
            node.fieldname = field
        return node

    return rewrite(q, leaf=leaf)


def _heading_bonus(q: wq.Query, body: str, head: str, boost: float) -> wq.Query:
    """Add a bonus for the articles whose own heading (field ``head``) holds every clause
    of the query: «права и обязанности депутата маслихата» should find «Статья 21. Права,
    обязанности и ответственность депутата маслихата» above the points that mention a
    deputy's rights in passing. The bonus is the clauses' score in the heading field
    times ``boost``, so it only reorders documents the query already matches.

    >>> from whoosh import query as wq
    >>> _heading_bonus(CoordOr([wq.Term("t", "a"), wq.Term("t", "b")]), "t", "h", 0.5)
    Or([CoordOr([Term('t', 'a'), Term('t', 'b')], power=...), And([Term('h', 'a'), Term('h', 'b')], boost=0.5)])
    """
    top = q.a if isinstance(q, wq.AndNot) else q
    clauses = list(top.subqueries) if isinstance(top, CoordOr) else [top]
    if not boost or len(clauses) < HEADING_MIN_CLAUSES:
        return q
    heads = [_in_field(c, body, head) for c in clauses]
    bonus = wq.And(heads, boost=boost) if len(heads) > 1 else heads[0].with_boost(heads[0].boost * boost)
    new = wq.Or([top, bonus])
    return wq.AndNot(new, q.b) if isinstance(q, wq.AndNot) else new


def _positive_terms(q: wq.Query, reader) -> dict[str, set[str]]:
    """Terms of the query that can make a document match (negated parts left out), prefixes expanded."""
    out: dict[str, set[str]] = {}

    def walk(node):
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a)
            return
        if node.is_leaf():
            try:
                terms = node.expanded_terms(reader, phrases=True)
            except Exception:  # a leaf kind without terms
                terms = []
            for fieldname, text in terms:
                if isinstance(text, bytes):
                    text = text.decode("utf-8")
                out.setdefault(fieldname, set()).add(text)
            return
        for child in node.children():
            walk(child)

    walk(q)
    return out


class Searcher:
    """Read-only access to a built index; cheap to keep open, safe to share between threads.

    >>> import tempfile, pathlib
    >>> from kg.model import Act, EditionMeta, Edition, Provision
    >>> from search.index import build_index
    >>> act = Act(id="law-x", code="7", type="law", title="О местном управлении", date="2001-01-23")
    >>> ed = Edition(EditionMeta("law-x", "2023-12-23"), "О местном управлении",
    ...              (Provision("art_1", "article", "1", None, "Статья 1. Акимы назначаются.", None, 0),))
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "index"
    >>> _ = build_index({"law-x": act}, [ed], d)
    >>> r = Searcher(d).search("аким")
    >>> r["total"], r["hits"][0]["path"], r["hits"][0]["snippet"]
    (1, 'Статья 1', 'Статья 1. <b>Акимы</b> назначаются.')
    """

    def __init__(self, index_dir: Path):
        index_dir = Path(index_dir)
        gen = current_generation(index_dir)
        if gen is None:
            raise IndexMissingError(f"no search index in {index_dir}; run `akimkg build` first")
        self.path = gen
        self._ix = windex.open_dir(str(gen), readonly=True)
        self._searcher = self._ix.searcher(weighting=scoring.BM25F(B=BM25_B, K1=BM25_K1))
        self.meta = json.loads((gen / META).read_text(encoding="utf-8"))
        syn_file = gen / SYNONYMS
        self.synonyms = Synonyms.from_json(syn_file.read_text(encoding="utf-8")) if syn_file.exists() else Synonyms({})
        self.acts: dict = self.meta.get("acts", {})
        self.variants: tuple[str, ...] = tuple(self.meta.get("variants", ("lemma",)))
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()
        self._filters: OrderedDict = OrderedDict()
        self._parsers = {}
        self._facet_columns = None
        self._fast = FastScorer(self._searcher)
        self._analyzers = {name: ANALYZERS[name]() for name in ANALYZERS}
        self._group_codes = None
        self._closest: dict[str, Optional[str]] = {}
        self._idfs: dict[str, float] = {}
        self._vectors = None
        self._words = None

    def close(self) -> None:
        self._searcher.close()
        self._ix.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def doc_count(self) -> int:
        return self._searcher.doc_count()

    # ----------------------------------------------------------------- checks

    def _check_options(self, as_of, acts, types, levels, limit, page, mode):
        if mode not in MODES:
            raise QueryError(f"unknown search mode {mode!r}; expected one of {', '.join(MODES)}")
        if mode != EXACT and mode not in self.variants:
            raise QueryError(f"this index was built without the {mode!r} analyzer "
                             f"(available: {', '.join(self.variants + (EXACT,))})")
        if as_of is None:
            as_of = dt.date.today().isoformat()
        elif as_of == ALL_EDITIONS:
            as_of = None
        else:
            as_of = check_date(as_of, "as-of date")
        unknown = [a for a in acts if a not in self.acts]
        if unknown:
            raise QueryError(f"unknown act id {unknown[0]!r}; known: {', '.join(sorted(self.acts))}")
        bad = [t for t in types if t not in ACT_TYPES]
        if bad:
            raise QueryError(f"unknown act type {bad[0]!r}; expected one of {', '.join(ACT_TYPES)}")
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise QueryError(f"limit must be an integer from 1 to {MAX_LIMIT}")
        if not isinstance(page, int) or page < 1:
            raise QueryError("page must be an integer from 1")
        return as_of

    # ----------------------------------------------------------------- parsing

    def parse(self, text: str, *, mode: str = "lemma", synonyms: bool = True,
              derivation: bool = True) -> wq.Query:
        """The whoosh query for a user query string (after :func:`check_query`)."""
        text = check_query(text)
        body, ctx = (EXACT, None) if mode == EXACT else VARIANTS[mode][:2]
        parser = self._parsers.get(body)
        if parser is None:
            parser = self._parsers[body] = _parser(body, self._ix.schema)
        try:
            q = parser.parse(text)
        except Exception as exc:  # whoosh raises assorted errors on odd syntax
            raise QueryError(f"cannot parse the query: {exc}") from None
        for leaf in q.leaves():
            if isinstance(leaf, wq.MultiTerm):
                # score prefixes and wildcards by the words they match, not as a constant
                leaf.constantscore = False
        if not _leaves_ok(q):
            words = [w for w in re.findall(r"\w+", text) if w not in _OPERATOR_WORDS]
            if words and all(w.lower() in STOP_WORDS for w in words):
                raise QueryError("the query has only stop words; add a meaningful word")
            if not words:
                raise QueryError("the query has no words to search for")
            raise QueryError("the query has nothing to search for besides negated words")
        q = _lift_negations(q)
        if DROP_QUESTION_WORDS:
            q = drop_question_words(q, body, question_terms(FIELD_KINDS[body]))
        if synonyms and mode == "lemma":
            q = expand_query(q, self.synonyms, body)
        if derivation and mode == "lemma":
            q = expand_derivations(q, body)
        q = _coordinate(q, COORD_POWER)
        head = HEADINGS.get(mode)
        if head is not None and head in self._ix.schema:
            q = _heading_bonus(q, body, head, HEADING_BOOST)
        if ctx is not None:
            q = _with_context(q, body, ctx, CONTEXT_BOOST)
        return q

    def _filter(self, as_of, acts, types, levels):
        key = (as_of, tuple(sorted(acts)), tuple(sorted(types)), tuple(sorted(levels)))
        if key in self._filters:
            self._filters.move_to_end(key)
            return self._filters[key]
        parts = []
        if as_of:
            parts.append(wq.TermRange("valid_from", None, as_of))
            parts.append(wq.TermRange("valid_to", as_of, None, startexcl=True))
        if acts:
            parts.append(wq.Or([wq.Term("act", a) for a in acts]))
        if types:
            parts.append(wq.Or([wq.Term("type", t) for t in types]))
        if levels:
            parts.append(wq.Or([wq.Term("levels", lv) for lv in levels]))
        docs = set(self._searcher.docs_for_query(wq.And(parts))) if parts else None
        self._filters[key] = docs
        if len(self._filters) > _FILTER_CACHE:
            self._filters.popitem(last=False)
        return docs

    # ----------------------------------------------------------------- did you mean

    def suggest(self, text: str) -> Optional[str]:
        """The query with unknown words replaced by the closest indexed forms, or None.

        A word is unknown when neither its form (``exact`` field) nor its
        lemma is in the index; candidates within edit distance 1, then 2,
        are ranked by frequency.
        """
        out, changed = text, False
        seen = set()
        for word, start, end in exact_tokens(text):
            if word in seen or len(word) < 4 or not word.isalpha() or word.upper() in _OPERATOR_WORDS:
                continue
            seen.add(word)
            best = self._closest_form(word)
            if best is None:
                continue
            original = text[start:end]
            if original[:1].isupper():
                best = best[:1].upper() + best[1:]
            out = out.replace(original, best, 1)
            changed = True
        return out if changed else None

    def _closest_form(self, word: str) -> Optional[str]:
        """The indexed form to suggest for an unknown word (None: the word is known, or nothing
        is close). Remembered per word: the index of an open searcher never changes."""
        if word in self._closest:
            return self._closest[word]
        reader = self._searcher.reader()
        best = None
        known = word in STOP_WORDS or reader.doc_frequency(EXACT, word)
        if not known and "lemma" in self.variants:
            lem = [x.text for x in self._analyzers["lemma"](word, mode="query")]
            known = bool(lem and reader.doc_frequency("lemma", lem[0]))
        if not known:
            for dist in (1, 2):
                cands = [c for c in reader.terms_within(EXACT, word, dist, prefix=2) if c != word]
                if cands:
                    best = max(cands, key=lambda c: (reader.doc_frequency(EXACT, c), c))
                    break
        with self._lock:
            if len(self._closest) >= _SUGGEST_CACHE:
                self._closest.pop(next(iter(self._closest)))
            self._closest[word] = best
        return best

    # ----------------------------------------------------------------- search

    def search(self, query: str, *, as_of: Optional[str] = None, acts: Sequence[str] = (),
               types: Sequence[str] = (), levels: Sequence[str] = (), limit: int = 10, page: int = 1,
               synonyms: bool = True, mode: str = "lemma", facets: bool = True,
               snippets: bool = True, engine: str = "numpy", derivation: bool = True,
               structure: bool = True, semantic: bool = True) -> dict:
        """Search provisions; see the module docstring for the syntax and the result.

        ``as_of`` keeps only editions in force on that day (default: today;
        ``"all"``: every edition, ``as_of`` None in the result). The score of a
        match is its BM25F score, plus the structural bonus of its article
        (``structure``), mixed with the cosine of its dense vector with the
        query's (``semantic``; not in ``exact`` mode, nor for an index built
        without vectors). ``engine`` ``"whoosh"`` scores through whoosh's
        collectors instead of the vectorised :class:`~search.scorer.FastScorer`:
        BM25F alone, the reference the tests compare the fast scorer with.
        """
        acts, types, levels = tuple(acts or ()), tuple(types or ()), tuple(levels or ())
        as_of = self._check_options(as_of, acts, types, levels, limit, page, mode)
        q = self.parse(query, mode=mode, synonyms=synonyms, derivation=derivation)
        with self._lock:
            hits, total, facet_counts = [], 0, {name: {} for name in FACETS}
            if engine == "whoosh":
                docnums, scores, total, matched = self._search_whoosh(q, as_of, acts, types, levels,
                                                                      page * limit, facets)
            else:
                allow = self._filter_mask(as_of, acts, types, levels)
                rerank = self._reranker(query, mode, structure, semantic)
                docnums, scores, matched = self._fast.top(q, page * limit, allow, rerank)
                total = len(matched)
            if facets and total:
                facet_counts = self._facet_counts(matched)
            terms = _positive_terms(q, self._searcher.reader()) if snippets and total else {}
            for docnum, score in list(zip(docnums, scores))[(page - 1) * limit: page * limit]:
                stored = self._searcher.stored_fields(int(docnum))
                hits.append(self._hit(stored, float(score), terms, snippets))
        pages = max(1, math.ceil(total / limit)) if total else 0
        return {
            "query": query, "as_of": as_of, "total": total, "hits": hits,
            "facets": facet_counts, "suggestion": self.suggest(check_query(query)),
            "page": page, "pages": pages, "mode": mode, "synonyms": bool(synonyms and mode == "lemma"),
        }

    def _search_whoosh(self, q, as_of, acts, types, levels, k, facets):
        """The same search through whoosh's own collectors (reference path, slower)."""
        flt = self._filter(as_of, acts, types, levels)
        if flt is not None and not flt:
            return [], [], 0, []
        # no block-quality skipping nor matcher replacement: every match is collected and counted
        top = collectors.TopCollector(limit=k, usequality=False, replace=0)
        recorder = _Recorder(top)
        collector = collectors.FilterCollector(recorder, allow=flt) if flt is not None else recorder
        self._searcher.search_with_collector(q, collector)
        results = collector.results()
        pairs = [(hit.docnum, hit.score) for hit in results[:k]]
        return [d for d, _ in pairs], [s for _, s in pairs], len(recorder.docnums), recorder.docnums

    def _filter_mask(self, as_of, acts, types, levels):
        """Boolean mask of the documents passing the filters (None: no filter), from cached columns."""
        if not (as_of or acts or types or levels):
            return None
        key = ("mask", as_of, tuple(sorted(acts)), tuple(sorted(types)), tuple(sorted(levels)))
        mask = self._filters.get(key)
        if mask is not None:
            self._filters.move_to_end(key)
            return mask
        cols = self._columns()
        mask = np.ones(self._fast.n, dtype=bool)
        if as_of:
            mask &= (cols["valid_from"] <= as_of) & (cols["valid_to"] > as_of)
        for name, wanted in (("act", acts), ("type", types)):
            if wanted:
                labels, codes = cols[name]
                mask &= np.isin(codes, [i for i, v in enumerate(labels) if v in set(wanted)])
        if levels:
            tagged = np.zeros(self._fast.n, dtype=bool)
            for lv in levels:
                tagged[self._fast.postings("levels", lv.encode("utf-8"))[0]] = True
            mask &= tagged
        self._filters[key] = mask
        if len(self._filters) > _FILTER_CACHE:
            self._filters.popitem(last=False)
        return mask

    def _groups(self) -> Optional[np.ndarray]:
        """The structural group number of every document (None for an index without them)."""
        if self._group_codes is None:
            reader = self._searcher.reader()
            if "group" not in self._ix.schema or not reader.has_column("group"):
                return None     # an index built before structural groups: no smoothing
            with self._load_lock:
                if self._group_codes is None:
                    keys = np.asarray(list(reader.column_reader("group")), dtype=object)
                    self._group_codes = np.unique(keys, return_inverse=True)[1].astype(np.int64)
        return self._group_codes

    def _doc_vectors(self) -> Optional[np.ndarray]:
        """The documents' dense vectors as float32 (None when the index has none or the
        word vectors they were made with are not installed here)."""
        if self._vectors is None:
            with self._load_lock:
                if self._vectors is None:
                    vectors = False
                    info = self.meta.get("embeddings") or {}
                    path = self.path / VECTORS
                    if info and path.exists():
                        try:
                            words = load_vectors()
                        except EmbeddingsError:
                            words = None
                        if words is not None and words.name == info.get("model"):
                            self._words = words
                            vectors = np.load(path).astype(np.float32)
                    self._vectors = vectors
        return self._vectors if self._vectors is not False else None

    def warm(self) -> None:
        """Load now what the first search would otherwise load (document vectors, word
        vectors, structural groups): the app calls it in a background thread."""
        self._doc_vectors()
        self._groups()

    def query_vector(self, text: str) -> Optional[np.ndarray]:
        """The dense vector of a query's words (operators, stop words, question words and
        negated words left out); None without document vectors or known words."""
        if self._doc_vectors() is None:
            return None
        words, negated = [], False
        for token in re.findall(TOKEN_PATTERN, text):
            if token in ("NOT", "НЕ", "ANDNOT"):
                negated = True
                continue
            if token not in _OPERATOR_WORDS and not negated:
                words.extend(w for w in meaningful_words(token) if w not in question_forms())
            negated = False
        return text_vector(words, self._words, self._idf)

    def _idf(self, word: str) -> float:
        """IDF of a form in the ``exact`` field, as the document vectors were weighted (memoised)."""
        value = self._idfs.get(word)
        if value is None:
            reader = self._searcher.reader()
            value = self._idfs[word] = idf(reader.doc_frequency(EXACT, word), reader.doc_count_all())
        return value

    def _reranker(self, query: str, mode: str, structure: bool, semantic: bool):
        """The ranking stages after BM25F, as a function of the matching documents and their
        BM25F scores (None when no stage applies).

        The best ``RERANK_DEPTH`` matches are rescored (the rest keep their BM25F score):
        first structural smoothing within their articles (:func:`search.scorer.smooth`),
        then the semantic mix: ``(1 − SEMANTIC_WEIGHT)`` × score / the best score +
        ``SEMANTIC_WEIGHT`` × the cosine of the document's vector with the query's, min–max
        scaled over the re-ranked documents (a convex combination of normalised scores,
        which Bruch, Gai & Ingber 2023 found more robust than rank fusion).
        """
        groups = self._groups() if structure and STRUCTURE_WEIGHT else None
        qvec = self.query_vector(query) if semantic and mode != EXACT and SEMANTIC_WEIGHT else None
        if groups is None and qvec is None:
            return None
        vectors = self._doc_vectors() if qvec is not None else None

        def rerank(ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
            head = top_indices(scores, RERANK_DEPTH)
            out = scores.astype(np.float64, copy=True)
            if groups is not None:
                out[head] = smooth(out[head], groups[ids[head]], STRUCTURE_WEIGHT)
            if qvec is not None:
                top = out[head].max()
                if top > 0:
                    out /= top
                cos = vectors[ids[head]] @ qvec
                lo, hi = float(cos.min()), float(cos.max())
                out *= 1.0 - SEMANTIC_WEIGHT
                if hi > lo:
                    out[head] += SEMANTIC_WEIGHT * (cos - lo) / (hi - lo)
            return out

        return rerank

    def _facet_counts(self, docnums) -> dict:
        """Counts by act, type and edition year of the matched documents, largest first."""
        codes = self._columns()
        docnums = np.asarray(docnums, dtype=np.int64)
        out = {}
        for name in FACETS:
            labels, values = codes[name]
            counts = np.bincount(values[docnums], minlength=len(labels))
            pairs = [(labels[i], int(c)) for i, c in enumerate(counts) if c]
            out[name] = dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0])))
        return out

    def _columns(self) -> dict:
        """Per-document values read once from whoosh's columns: facets as integer codes
        with their labels, the in-force interval as arrays of ISO dates."""
        if self._facet_columns is None:
            reader = self._searcher.reader()
            out = {}
            for name in FACETS:
                values = list(reader.column_reader(name))
                labels = sorted(set(values))
                index = {v: i for i, v in enumerate(labels)}
                out[name] = (labels, np.asarray([index[v] for v in values], dtype=np.int64))
            for name in ("valid_from", "valid_to"):
                out[name] = np.asarray(list(reader.column_reader(name)), dtype="U10")
            self._facet_columns = out
        return self._facet_columns

    def _hit(self, f: dict, score: float, terms, snippets: bool) -> dict:
        to = f.get("valid_to")
        return {
            "id": f["id"], "act": f["act"], "act_title": f.get("act_title", ""),
            "edition": f["edition"], "article": f.get("article") or None, "point": f.get("point") or None,
            "subpoint": f.get("subpoint") or None,
            "path": f.get("path", ""),
            "in_force": {"from": f.get("valid_from"), "to": None if not to or to.startswith("9999") else to},
            "score": round(float(score), 4),
            "snippet": snippet(f.get("text", ""), terms) if snippets else "",
            "type": f.get("type"), "eid": f.get("eid"), "work": f.get("work"),
            "levels": (f.get("levels") or "").split(), "institutions": (f.get("institutions") or "").split(),
        }
