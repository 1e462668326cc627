"""Data-quality checks of the graph: the SPARQL rules of ``kg/rules/*.rq`` and the SHACL shapes of ``kg/shapes.ttl``.

Each rule is a SELECT returning ``?focus ?message`` for every violation; a
healthy graph gives none. :func:`validate` runs all of them plus pyshacl and
returns a report whose ``ok`` is False when anything is violated (the build
then fails and keeps the previous build).

>>> from rdflib import Graph, Literal, URIRef
>>> from kg.namespaces import AKN, RDF
>>> g = Graph()
>>> rule = URIRef("https://w3id.org/akimkg/id/rule/x")
>>> _ = g.add((rule, RDF.type, AKN.AppointmentRule))
>>> run_rules(g)["rule_has_basis_or_source"][0]["message"]
'appointment rule without a basis or a source'
>>> report = validate(g)
>>> report["ok"], report["rules"]["rule_has_basis_or_source"]
(False, 1)
"""
from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Optional, Union

import pyoxigraph as ox
from rdflib import Graph

from kg.namespaces import rebase
from kg.sparql import _ox_store, run_query
from kg.store import to_oxigraph

RULES_DIR = Path(__file__).resolve().parent / "rules"
SHAPES = Path(__file__).resolve().parent / "shapes.ttl"
MAX_EXAMPLES = 5


def rule_queries(directory: Optional[Path] = None) -> dict[str, str]:
    """The data-quality rules: file stem -> query text (rebased to the IRI base in use).

    >>> "provision_in_one_edition" in rule_queries()
    True
    """
    d = Path(directory or RULES_DIR)
    return {p.stem: rebase(p.read_text(encoding="utf-8")) for p in sorted(d.glob("*.rq"))}


@functools.lru_cache(maxsize=2)
def _shapes(path: str, base_key: str) -> Graph:
    return Graph().parse(data=rebase(Path(path).read_text(encoding="utf-8")), format="turtle")


def shapes_graph(path: Optional[Path] = None) -> Graph:
    """The SHACL shapes (``kg/shapes.ttl``) as a graph."""
    return _shapes(str(Path(path or SHAPES)), rebase(""))


def _queryable(graph: Union[Graph, ox.Store]) -> Union[Graph, ox.Store]:
    """An Oxigraph store holding ``graph``: the graph's own when it has one, else an in-memory copy.

    Oxigraph answers the aggregate rules in milliseconds where rdflib's engine takes seconds.
    """
    store = _ox_store(graph)
    return store if store is not None else to_oxigraph(graph)


def run_rules(graph: Union[Graph, ox.Store], rules: Optional[dict[str, str]] = None) -> dict[str, list[dict]]:
    """Run every rule; rule name -> list of violations ``{"focus": IRI, "message": str}``."""
    target = _queryable(graph)
    out: dict[str, list[dict]] = {}
    for name, query in (rules or rule_queries()).items():
        res = run_query(target, query, timeout=300, limit=10000)
        out[name] = [{"focus": str(r.get("focus")), "message": str(r.get("message"))} for r in res.as_dicts()]
    return out


def run_shacl(graph: Graph, shapes: Optional[Graph] = None) -> dict:
    """Validate ``graph`` against the SHACL shapes with pyshacl.

    Returns ``{"conforms": bool, "results": n, "messages": [first messages]}``.
    """
    from pyshacl import validate as shacl_validate
    from rdflib.namespace import SH

    if _ox_store(graph) is not None:      # pyshacl walks the graph triple by triple: copy it in memory
        mem = Graph()
        for t in graph.triples((None, None, None)):
            mem.add(t)
        graph = mem
    # inplace: no copy of the data graph (no inference, no SHACL rules: nothing is written to it)
    conforms, report, _text = shacl_validate(graph, shacl_graph=shapes or shapes_graph(), inference="none",
                                             abort_on_first=False, allow_warnings=True, inplace=True)
    messages = []
    results = list(report.subjects(predicate=None, object=SH.ValidationResult))
    for res in results[:50]:
        focus = report.value(res, SH.focusNode)
        msg = report.value(res, SH.resultMessage)
        path = report.value(res, SH.resultPath)
        messages.append(f"{msg or 'SHACL violation'} (focus {focus}" + (f", path {path})" if path else ")"))
    return {"conforms": bool(conforms), "results": len(results), "messages": sorted(messages)[:MAX_EXAMPLES * 4]}


def validate(graph: Union[Graph, ox.Store], *, rule_report: Optional[dict] = None, shacl: bool = True,
             store: Optional[ox.Store] = None) -> dict:
    """All checks: SPARQL rules, SHACL shapes and the rule merge report of :func:`kg.modes.all_rules`.

    ``store``, when given, is the same graph already in Oxigraph (the persisted
    one): the SPARQL rules run on it instead of on a fresh in-memory copy.

    Returns ``{"ok", "failures": [one line each], "rules": {name: count},
    "examples": {name: [messages]}, "shacl": {...}, "seconds"}``.
    """
    t0 = time.perf_counter()
    violations = run_rules(store if store is not None else graph)
    failures: list[str] = []
    for name, vs in violations.items():
        if vs:
            first = vs[0]
            failures.append(f"{name}: {len(vs)} violation(s), e.g. {first['message']} ({first['focus']})")
    report: dict = {"rules": {n: len(v) for n, v in violations.items()},
                    "examples": {n: [f"{x['message']} ({x['focus']})" for x in v[:MAX_EXAMPLES]]
                                 for n, v in violations.items() if v}}
    if shacl and isinstance(graph, Graph):
        sh = run_shacl(graph)
        report["shacl"] = sh
        if not sh["conforms"]:
            failures.append(f"shacl: {sh['results']} result(s), e.g. " + (sh["messages"][0] if sh["messages"] else "?"))
    if rule_report and not rule_report.get("ok", True) and not violations.get("no_rule_conflicts"):
        for c in rule_report.get("conflicts", [])[:MAX_EXAMPLES] or [{"message": "rule merge reported conflicts"}]:
            failures.append(f"rule conflict: {c.get('message', c) if isinstance(c, dict) else c}")
    report["ok"] = not failures
    report["failures"] = failures
    report["seconds"] = round(time.perf_counter() - t0, 3)
    return report


def report_text(report: dict) -> str:
    """A readable summary of :func:`validate`'s report.

    >>> print(report_text({"ok": True, "rules": {"a": 0}, "failures": [], "seconds": 0.1}), end="")
    validation: ok (1 rules, 0.1 s)
    """
    head = f"validation: {'ok' if report['ok'] else 'FAILED'} ({len(report['rules'])} rules, {report['seconds']} s)\n"
    return head + "".join(f"  {f}\n" for f in report["failures"])
