"""A networkx projection of who appoints, elects, consents to, dismisses and reports to whom.

Nodes are the institutions and posts of :mod:`kg.institutions` (key, label,
kind, type, level) and, when powers are given, power nodes. Edges of a
:class:`networkx.MultiDiGraph`, keyed by their relation:

* ``appoints`` / ``elects`` — the selector of a rule to the akim of its level;
* ``consents_to`` — the maslikhat whose consent an appointment needs;
* ``nominates`` — the Prime Minister (or the higher akim) proposing candidates;
* ``dismisses`` — who may remove the akim (dismissal rules of the texts);
* ``reports_to`` — the catalogue's ``org:reportsTo`` (akim to the higher akim,
  the region's akim to the President);
* ``has_power`` — a body or post to a power it holds.

Edge attributes: ``relation``, ``level``, ``valid_from``, ``valid_to``,
``basis`` (citations joined by «; »), ``selection``, ``origin``, ``variant``.
Every attribute is a string, an int or a bool (empty string for unknown), so
:func:`networkx.write_graphml` accepts the graph as is.

>>> from kg.appointment import AppointmentRule
>>> r = AppointmentRule(id="x", level="rural", selection="indirect_election", selector="maslikhat_deputies",
...                     valid_from="2013-04-24", valid_to="2018-01-01", origin="text", rank=3)
>>> g = build_network([r], date="2015-01-01")
>>> sorted((u, v, k) for u, v, k in g.edges(keys=True) if k != "reports_to")
[('maslikhat-district', 'akim-rural', 'elects')]
>>> len(build_network([r], date="2020-01-01").edges(keys=True)) == len(build_network([], date="2020-01-01").edges())
True
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

import networkx as nx

from kg.appointment import LEVELS, AppointmentRule, Basis
from kg.institutions import CATALOGUE, Institution
from kg.rdf_rules import consent_institution, selector_institution

RELATIONS = ("appoints", "elects", "consents_to", "nominates", "dismisses", "reports_to", "has_power")
_MAX = "9999-12-31"


class NetworkError(ValueError):
    """Bad input to :func:`build_network`."""


def _s(v: Any) -> str:
    return "" if v is None else str(v)


def _valid_on(start: Optional[str], end: Optional[str], date: Optional[str]) -> bool:
    if date is None:
        return True
    return (not start or start <= date) and (not end or date < end)


def _cite(basis: Iterable[Basis]) -> str:
    return "; ".join(f"{b.act} (ред. {b.edition}) {b.path}" for b in basis)


def _add_inst(g: nx.MultiDiGraph, inst: Institution) -> None:
    g.add_node(inst.key, label=inst.label_ru, label_en=inst.label_en, kind=inst.kind, type=inst.type,
               level=_s(inst.level), valid_from=_s(inst.valid_from), valid_to=_s(inst.valid_to), node="institution")


def _edge(g: nx.MultiDiGraph, u: str, v: str, relation: str, rule: Optional[AppointmentRule],
          start: Optional[str], end: Optional[str], variant: bool = False) -> None:
    for n in (u, v):
        if n not in g:
            g.add_node(n, label=n, kind="", type="", level="", valid_from="", valid_to="", node="institution")
    key = relation if not variant else f"{relation}:variant:{rule.id if rule else ''}"
    # the same relation over several periods: keep one edge per period
    if g.has_edge(u, v, key):
        key = f"{key}:{start}"
    g.add_edge(u, v, key=key, relation=relation,
               level=_s(rule.level if rule else g.nodes[v].get("level")),
               valid_from=_s(start), valid_to="" if end in (None, _MAX) else _s(end),
               basis=_cite(rule.basis) if rule else "", sources="; ".join(rule.sources) if rule else "",
               selection=_s(rule.selection) if rule else "", origin=_s(rule.origin) if rule else "catalogue",
               scope=_s(rule.scope) if rule else "", variant=bool(variant))


def _rule_edges(g: nx.MultiDiGraph, r: AppointmentRule, start, end, variant=False) -> None:
    post = f"akim-{r.level}"
    who = selector_institution(r.selector, r.level)
    if who:
        _edge(g, who, post, "appoints" if r.selection == "appointment" else "elects", r, start, end, variant)
    c = consent_institution(r.consent, r.level)
    if c:
        _edge(g, c, post, "consents_to", r, start, end, variant)
    if r.nomination == "prime_minister":
        _edge(g, "prime_minister", post, "nominates", r, start, end, variant)
    if r.nominator:
        n = selector_institution(r.nominator, r.level)
        if n:
            _edge(g, n, post, "nominates", r, start, end, variant)


def rules_from_graph(graph) -> list[AppointmentRule]:
    """Appointment rules back from an RDF graph written by :func:`kg.rdf_rules.add_rules`.

    The merged general rules and variants come back as rules (``origin`` as
    stored, basis IRIs as :class:`~kg.appointment.Basis` with the IRI only);
    dismissal rules come back from ``akn:dismisses`` without dates.
    """
    from rdflib.namespace import RDF
    from kg.namespaces import AKN

    def code(node) -> Optional[str]:
        return None if node is None else str(node).rstrip("/").rsplit("/", 1)[-1]

    out: list[AppointmentRule] = []
    for node in set(graph.subjects(RDF.type, AKN.AppointmentRule)):
        variant = (node, RDF.type, AKN.AppointmentVariant) in graph
        vf, vt = graph.value(node, AKN.validFrom), graph.value(node, AKN.validTo)
        mc = graph.value(node, AKN.minCandidates)
        scope = graph.value(node, AKN.scope)
        out.append(AppointmentRule(
            id=str(node), level=code(graph.value(node, AKN.level)), kind="variant" if variant else "general",
            selection=code(graph.value(node, AKN.selection)) or "unknown",
            selector=code(graph.value(node, AKN.selector)) or "unknown",
            consent=code(graph.value(node, AKN.consent)), nomination=code(graph.value(node, AKN.nomination)),
            min_candidates=int(mc) if mc is not None else None, scope=str(scope) if scope else None,
            valid_from=str(vf) if vf else None, valid_to=str(vt) if vt else None,
            origin=str(graph.value(node, AKN.origin) or "text"),
            basis=tuple(Basis("", "", "", str(b)) for b in graph.objects(node, AKN.basis))))
    from kg.institutions import institution_iri
    by_iri = {institution_iri(i.key): i.key for i in CATALOGUE}
    for s, o in graph.subject_objects(AKN.dismisses):
        who, post = by_iri.get(str(s)), by_iri.get(str(o))
        if who and post and post.startswith("akim-"):
            sel = "president" if who == "president" else "higher_akim"
            out.append(AppointmentRule(id=f"dismiss:{who}:{post}", level=post[5:], kind="dismissal", selector=sel))
    return out


def build_network(graph_or_rules: Union[Sequence[AppointmentRule], Any], date: Optional[str] = None,
                  levels: Sequence[str] = (), powers: Optional[Iterable[Any]] = None) -> nx.MultiDiGraph:
    """The institution/post/power network, optionally on one date and for some levels.

    ``graph_or_rules`` is a list of rules (text and curated, as
    :func:`kg.modes.all_rules` gives them) or an rdflib graph built with
    :mod:`kg.rdf_rules`. Rules are merged as ``modes`` merges them, so one
    edge per relation and period. ``powers`` (:class:`kg.powers.Power`) add
    ``has_power`` edges to power nodes; from a graph, its ``akn:Power`` nodes
    are used.
    """
    from kg.modes import resolve

    bad = [lv for lv in levels if lv not in LEVELS]
    if bad:
        raise NetworkError(f"unknown level {bad[0]!r} (known: {', '.join(LEVELS)})")
    if date is not None:
        import datetime as dt
        try:
            dt.date.fromisoformat(str(date))
        except ValueError:
            raise NetworkError(f"not an ISO date (YYYY-MM-DD): {date!r}") from None
    graph_powers = None
    if hasattr(graph_or_rules, "triples"):          # an rdflib graph
        rules = rules_from_graph(graph_or_rules)
        if powers is None:
            graph_powers = _powers_from_graph(graph_or_rules)
    else:
        rules = list(graph_or_rules)
    want = set(levels) or set(LEVELS)
    g = nx.MultiDiGraph(date=_s(date), levels=",".join(sorted(want)))
    for inst in CATALOGUE:
        if (inst.level is None or inst.level in want) and _valid_on(inst.valid_from, inst.valid_to, date):
            _add_inst(g, inst)
    for inst in CATALOGUE:
        if inst.reports_to and inst.key in g and inst.reports_to in g:
            _edge(g, inst.key, inst.reports_to, "reports_to", None, inst.valid_from, inst.valid_to)
    general = [r for r in rules if r.kind in ("general", "variant", "delegation")]
    segs, _ = resolve(general, "1991-01-01", _MAX, levels=[lv for lv in LEVELS if lv in want])
    for level, ss in segs.items():
        for seg in ss:
            if seg.rule is not None and _valid_on(seg.start, seg.end, date):
                _rule_edges(g, seg.rule, seg.start, seg.end)
            for v in seg.variants:
                if _valid_on(v.valid_from, v.valid_to, date) and _valid_on(seg.start, seg.end, date):
                    _rule_edges(g, v, v.valid_from, v.valid_to, variant=True)
    for r in rules:
        if r.kind == "dismissal" and r.level in want and _valid_on(r.valid_from, r.valid_to, date):
            who = selector_institution(r.selector, r.level)
            if who:
                _edge(g, who, f"akim-{r.level}", "dismisses", r, r.valid_from, r.valid_to)
    if powers is not None:
        _add_powers(g, powers, date, want)
    elif graph_powers:
        for node_id, attrs, holders in graph_powers:
            if not _valid_on(attrs["valid_from"] or None, attrs["valid_to"] or None, date):
                continue
            if attrs["level"] and not set(attrs["level"].split(",")) & want:
                continue
            g.add_node(node_id, **attrs)
            for h in holders:
                if h in g:
                    g.add_edge(h, node_id, key=f"has_power:{node_id}", relation="has_power",
                               level=attrs["level"], valid_from=attrs["valid_from"], valid_to=attrs["valid_to"],
                               basis=attrs["basis"], sources="", selection="", origin="text", scope="",
                               variant=False)
    return g


def _add_powers(g: nx.MultiDiGraph, powers: Iterable[Any], date: Optional[str], want: set) -> None:
    for p in powers:
        if not _valid_on(p.valid_from, p.valid_to, date) or not set(p.levels) & want:
            continue
        node = f"power:{p.key}"
        if node not in g:
            g.add_node(node, label=p.text[:200], kind="power", type=p.category, level=",".join(p.levels),
                       valid_from=_s(p.valid_from), valid_to=_s(p.valid_to), node="power")
        for inst in p.institutions:
            if inst in g:
                key = f"has_power:{p.act}:{p.edition}"
                if not g.has_edge(inst, node, key):
                    g.add_edge(inst, node, key=key, relation="has_power", level=",".join(p.levels),
                               valid_from=_s(p.valid_from), valid_to=_s(p.valid_to),
                               basis=f"{p.act} (ред. {p.edition}) {p.path}", sources="", selection="",
                               origin="text", scope="", variant=False)


def _powers_from_graph(graph) -> list[tuple[str, dict, list[str]]]:
    from rdflib.namespace import DCTERMS, RDF
    from kg.institutions import institution_iri
    from kg.namespaces import AKN

    by_iri = {institution_iri(i.key): i.key for i in CATALOGUE}
    out = []
    for node in graph.subjects(RDF.type, AKN.Power):
        key = graph.value(node, DCTERMS.identifier)
        levels = sorted(str(lv).rsplit("/", 1)[-1] for lv in graph.objects(node, AKN.level))
        vf, vt = graph.value(node, AKN.validFrom), graph.value(node, AKN.validTo)
        cat = graph.value(node, AKN.powerCategory)
        attrs = {"label": str(graph.value(node, RDF.value) or "")[:200], "kind": "power",
                 "type": str(cat).rsplit("/", 1)[-1] if cat else "", "level": ",".join(levels),
                 "valid_from": _s(vf), "valid_to": _s(vt), "node": "power",
                 "basis": "; ".join(str(b) for b in graph.objects(node, AKN.basis))}
        holders = [by_iri[str(h)] for h in graph.objects(node, AKN.heldBy) if str(h) in by_iri]
        out.append((f"power:{key or node}", attrs, holders))
    return out


def write_graphml(g: nx.MultiDiGraph, path: Union[str, Path]) -> Path:
    """Write the network as GraphML (every attribute is GraphML-safe by construction)."""
    path = Path(path)
    nx.write_graphml(g, path)
    return path
