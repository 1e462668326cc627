"""Read-only SPARQL 1.1 over the graph, with a time limit, a row cap and three output formats.

Updates (INSERT, DELETE, LOAD, CLEAR, DROP...) are refused before anything
runs; a malformed query or one that runs out of time raises
:class:`SparqlError` (a :class:`ValueError`) with a one-line message. The
prefixes of :data:`kg.namespaces.PREFIXES` (eli, akn, org, prov, time, skos,
dcterms, qb, rdf, rdfs, owl, xsd, kz, akid) are predeclared.

>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph()
>>> _ = g.add((URIRef("https://w3id.org/akimkg/id/x"), RDFS.label, Literal("аким", lang="ru")))
>>> r = run_query(g, "SELECT ?s ?l WHERE { ?s rdfs:label ?l }")
>>> r.vars, len(r.rows), r.truncated
(['s', 'l'], 1, False)
>>> print(format_result(r, "csv"), end="")
s,l
https://w3id.org/akimkg/id/x,аким
>>> print(format_result(r, "table"), end="")
s      | l
-------+-----
akid:x | аким
(1 row)
>>> try:
...     run_query(g, "DELETE WHERE { ?s ?p ?o }")
... except SparqlError as exc:
...     print(exc)
updates are refused: the graph is read-only (found DELETE)
"""
from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS  # noqa: F401  (used in the doctest)

from kg.namespaces import PREFIXES

DEFAULT_TIMEOUT = 10.0     # seconds
DEFAULT_LIMIT = 10000      # rows (or triples)
FORMATS = ("json", "csv", "table")

_UPDATE_WORDS = re.compile(r"(?<![\w:?$<\"'-])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:-])",
                           re.IGNORECASE)
_NOISE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')


class SparqlError(ValueError):
    """A refused, malformed or failed query (one-line message)."""


class SparqlTimeout(SparqlError):
    """The query ran longer than its time limit."""


@dataclass
class QueryResult:
    """The answer to a query: ``kind`` is "select", "ask" or "graph" (CONSTRUCT/DESCRIBE)."""

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)       # rdflib terms or None (unbound)
    boolean: Optional[bool] = None
    triples: list[tuple] = field(default_factory=list)
    truncated: bool = False
    limit: int = DEFAULT_LIMIT
    seconds: float = 0.0

    def as_dicts(self) -> list[dict[str, Any]]:
        """SELECT rows as {variable: python value} (IRIs and literals as strings, numbers as numbers)."""
        return [{v: (None if t is None else t.toPython() if isinstance(t, Literal) else str(t))
                 for v, t in zip(self.vars, row)} for row in self.rows]


def check_read_only(query: str) -> None:
    """Raise :class:`SparqlError` if ``query`` is a SPARQL Update (or holds update keywords).

    >>> check_read_only('SELECT ?s WHERE { ?s <http://x/DELETE> "INSERT" } # DROP')
    >>> try:
    ...     check_read_only("PREFIX a: <http://a/> INSERT DATA { a:x a:y a:z }")
    ... except SparqlError as exc:
    ...     print(exc)
    updates are refused: the graph is read-only (found INSERT)
    """
    m = _UPDATE_WORDS.search(_NOISE.sub(" ", query))
    if m:
        raise SparqlError(f"updates are refused: the graph is read-only (found {m.group(1).upper()})")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _from_ox(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value if term.datatype is not None else None
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            dt = None
        return Literal(term.value, datatype=URIRef(dt) if dt else None)
    return Literal(str(term))


def _ox_store(target) -> Optional[ox.Store]:
    if isinstance(target, ox.Store):
        return target
    inner = getattr(getattr(target, "store", None), "_inner", None)
    return inner if isinstance(inner, ox.Store) else None


def _execute(target, query: str, limit: int) -> QueryResult:
    store = _ox_store(target)
    if store is not None:
        try:
            res = store.query(query, prefixes=PREFIXES)
        except (SyntaxError, ValueError) as exc:
            raise SparqlError(f"malformed query: {_one_line(exc)}") from None
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(res), limit=limit)
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            out = QueryResult("select", vars=names, limit=limit)
            for sol in res:
                if len(out.rows) >= limit:
                    out.truncated = True
                    break
                out.rows.append([_from_ox(sol[i]) for i in range(len(names))])
            return out
        out = QueryResult("graph", limit=limit)
        for t in res:
            if len(out.triples) >= limit:
                out.truncated = True
                break
            out.triples.append((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
        return out
    if not isinstance(target, Graph):
        raise SparqlError(f"cannot query a {type(target).__name__}")
    try:
        res = target.query(query, initNs=PREFIXES)
    except Exception as exc:  # rdflib raises pyparsing and other errors for bad queries
        raise SparqlError(f"malformed query: {_one_line(exc)}") from None
    if res.type == "ASK":
        return QueryResult("ask", boolean=bool(res.askAnswer), limit=limit)
    if res.type == "SELECT":
        names = [str(v) for v in res.vars]
        out = QueryResult("select", vars=names, limit=limit)
        for row in res:
            if len(out.rows) >= limit:
                out.truncated = True
                break
            out.rows.append(list(row))
        return out
    out = QueryResult("graph", limit=limit)
    for t in res.graph:
        if len(out.triples) >= limit:
            out.truncated = True
            break
        out.triples.append(t)
    return out


def run_query(target: Union[Graph, ox.Store], query: str, *, timeout: Optional[float] = DEFAULT_TIMEOUT,
              limit: Optional[int] = DEFAULT_LIMIT) -> QueryResult:
    """Run a read-only query on an rdflib graph (in memory or :func:`kg.store.load_graph`) or an Oxigraph store.

    ``timeout`` (seconds) bounds the whole evaluation: past it,
    :class:`SparqlTimeout` is raised and the query is abandoned in its worker
    thread. At most ``limit`` rows (or triples) are kept; ``truncated`` says
    whether there were more.
    """
    if not isinstance(query, str) or not query.strip():
        raise SparqlError("empty query")
    timeout = DEFAULT_TIMEOUT if timeout is None else float(timeout)
    limit = DEFAULT_LIMIT if limit is None else int(limit)
    if timeout <= 0 or limit <= 0:
        raise SparqlError("timeout and row limit must be positive")
    check_read_only(query)
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = _execute(target, query, limit)
        except BaseException as exc:  # handed to the caller
            box["error"] = exc

    t0 = time.perf_counter()
    worker = threading.Thread(target=work, name="sparql-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise SparqlTimeout(f"query timed out after {timeout:g} s")
    if "error" in box:
        err = box["error"]
        if isinstance(err, SparqlError):
            raise err
        raise SparqlError(f"query failed: {_one_line(err)}") from None
    result = box["result"]
    result.seconds = time.perf_counter() - t0
    return result


# ---------------------------------------------------------------- output

def _json_term(t) -> Optional[dict]:
    if t is None:
        return None
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    d = {"type": "literal", "value": str(t)}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype:
        d["datatype"] = str(t.datatype)
    return d


def compact(term) -> str:
    """An IRI as a prefixed name when a known prefix fits, other terms as their text.

    >>> compact(URIRef("http://data.europa.eu/eli/ontology#cites"))
    'eli:cites'
    """
    if term is None:
        return ""
    s = str(term)
    if isinstance(term, URIRef):
        best = max((ns for ns in PREFIXES.values() if s.startswith(ns)), key=len, default=None)
        if best is not None:
            prefix = next(p for p, ns in PREFIXES.items() if ns == best)
            return f"{prefix}:{s[len(best):]}"
    return s


def _table(header: list[str], rows: list[list[str]], width: int = 60) -> str:
    cells = [[(c if len(c) <= width else c[: width - 1] + "…").replace("\n", " ") for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    line = lambda r: " | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    out = [line(header), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells]
    return "\n".join(out) + "\n"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result: ``json`` (SPARQL 1.1 JSON results; N-Triples-like objects for graphs),
    ``csv`` (SPARQL 1.1 CSV) or ``table`` (aligned text with prefixed names)."""
    if fmt not in FORMATS:
        raise SparqlError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        header = ["subject", "predicate", "object"]
        rows = [list(t) for t in result.triples]
    else:
        header, rows = result.vars, result.rows
    if fmt == "json":
        if result.kind == "graph":
            data: dict = {"triples": [{k: _json_term(v) for k, v in zip(header, r)} for r in rows]}
        else:
            data = {"head": {"vars": header},
                    "results": {"bindings": [{v: _json_term(t) for v, t in zip(header, r) if t is not None}
                                             for r in rows]}}
        data["truncated"] = result.truncated
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if t is None else str(t) for t in r])
        return buf.getvalue()
    text = _table(header, [[compact(t) for t in r] for r in rows])
    n = len(rows)
    text += f"({n} row{'s' if n != 1 else ''}"
    text += f"; truncated at {result.limit})\n" if result.truncated else ")\n"
    return text


QUERIES_DIR = Path(__file__).resolve().parent / "queries"


def example_queries(directory: Optional[Path] = None) -> dict[str, str]:
    """The example queries shipped in ``kg/queries/*.rq``, by their ``# title:`` line.

    >>> qs = example_queries()
    >>> "Способы занятия должности акимов на дату" in qs
    True
    >>> list(qs)[0], all("SELECT" in q for q in qs.values())
    ('Способы занятия должности акимов на дату', True)
    """
    out = {}
    for path in sorted((directory or QUERIES_DIR).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.split(":", 1)[1].strip() if first.startswith("# title:") else path.stem
        out[title] = "\n".join(text.splitlines()[1:]) + "\n" if first.startswith("# title:") else text
    return out
