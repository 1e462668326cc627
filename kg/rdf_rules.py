"""Triples for local government: institutions, appointment rules, powers, timeline, election statistics.

Each public ``add_*`` function takes a graph and adds one kind of node;
:func:`graph_extras` bundles them as the ``extra`` callables of
:func:`kg.graph.build_graph` (each called with the graph). Every derived node
points to the provision edition it was read from (``akn:basis``, a
sub-property of ``prov:wasDerivedFrom``) or to its sources
(``dcterms:source``), and to the build (``prov:wasGeneratedBy``).

What is written:

* institutions and posts (W3C ORG): ``org:Organization`` / ``org:Post``,
  ``org:postIn``, ``org:subOrganizationOf``, ``org:reportsTo``, labels in
  Russian, Kazakh and English, ``akn:level``, ``akn:institutionType``;
* appointment rules: one ``akn:AppointmentRule`` per level and stretch of
  time of the merged answer (:func:`kg.modes.resolve`), so general rules never
  overlap; variants as ``akn:AppointmentVariant``; disagreements as
  ``akn:RuleConflict``; the relations ``akn:appoints``, ``akn:elects``,
  ``akn:consentsTo``, ``akn:nominates``, ``akn:dismisses`` between the posts
  and bodies the rules name; a start known to the year or month only as an
  OWL-Time ``time:DateTimeDescription``, an end the sources only attest and
  the curated ``dating`` as comments (see ``docs/modes.md``);
* powers: one ``akn:Power`` per item of an enumeration in one edition,
  ``dcterms:identifier`` being the stable key across editions;
* timeline events (``akn:TimelineEvent``) with figures (``akn:Figure``) and
  election statistics as RDF Data Cube observations.

>>> from rdflib import Graph
>>> g = Graph()
>>> add_institutions(g)
>>> from kg.namespaces import ORG
>>> (URIRef(institution_iri("akim-rural")), ORG.postIn, URIRef(institution_iri("akimat-rural"))) in g
True
"""
from __future__ import annotations

import hashlib
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, QB, RDF, RDFS, SKOS, XSD

from kg.appointment import AppointmentRule
from kg.institutions import CATALOGUE, Institution, institution_iri, key_for
from kg.namespaces import AKN, TIME
from kg.rdf_helpers import add_validity, date_literal, derive
from kg.rdf_documents import act_iri
from kg.timeline import cite
from kg.uri import entity_iri
from kg.vocab import codes, concept

_MAX = "9999-12-31"


def _known(scheme: str, code: Optional[str]) -> Optional[URIRef]:
    """Concept IRI when the code is in the scheme, else None (never a stray concept)."""
    if code is None or code not in codes(scheme):
        return None
    return concept(scheme, code)


# ----------------------------------------------------------------------------- institutions

def add_institutions(g: Graph, institutions: Iterable[Institution] = CATALOGUE) -> None:
    """The catalogue of :mod:`kg.institutions` as ORG organizations and posts."""
    for inst in institutions:
        node = URIRef(inst.iri)
        g.add((node, RDF.type, ORG.Post if inst.kind == "post" else ORG.Organization))
        for text, lang in ((inst.label_ru, "ru"), (inst.label_en, "en"), (inst.label_kk, "kk")):
            if text:
                g.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
                g.add((node, RDFS.label, Literal(text, lang=lang)))
        for alt in inst.alt_labels_ru:
            g.add((node, SKOS.altLabel, Literal(alt, lang="ru")))
        if inst.level:
            g.add((node, AKN.level, concept("level", inst.level)))
        itype = _known("institution_type", inst.type)
        if itype is not None:
            g.add((node, AKN.institutionType, itype))
        if inst.post_in:
            g.add((node, ORG.postIn, URIRef(institution_iri(inst.post_in))))
        if inst.sub_organization_of:
            g.add((node, ORG.subOrganizationOf, URIRef(institution_iri(inst.sub_organization_of))))
        if inst.reports_to:
            g.add((node, ORG.reportsTo, URIRef(institution_iri(inst.reports_to))))
        if inst.valid_from or inst.valid_to:
            add_validity(g, node, inst.valid_from, inst.valid_to)
        for b in inst.basis:
            g.add((node, DCTERMS.source, Literal(b, lang="ru")))


# ----------------------------------------------------------------------------- rules

#: The institution a selector code stands for at a level (who appoints or elects).
def selector_institution(selector: str, level: str) -> Optional[str]:
    """Catalogue key of the body or post a selector code names for a level.

    >>> selector_institution("higher_akim", "rural"), selector_institution("maslikhat_deputies", "rural")
    ('akim-district', 'maslikhat-district')
    """
    higher = {"region": None, "district": "region", "district_in_city": "region", "rural": "district"}[level]
    if selector == "president":
        return "president"
    if selector == "higher_akim":
        return f"akim-{higher}" if higher else None
    if selector == "maslikhat_deputies":
        return key_for("maslikhat", level) or (key_for("maslikhat", higher) if higher else None)
    if selector == "residents":
        return key_for("residents", level)
    if selector == "local_soviet":
        return key_for("local_soviet", level) or (key_for("local_soviet", higher) if higher else None)
    return None


def consent_institution(consent: Optional[str], level: str) -> Optional[str]:
    """The maslikhat that consents to an appointment at a level (the level's own, else the one above)."""
    if consent != "maslikhat":
        return None
    higher = {"region": None, "district": "region", "district_in_city": "region", "rural": "district"}[level]
    return key_for("maslikhat", level) or (key_for("maslikhat", higher) if higher else None)


def rule_iri(level: str, start: str, variant: str = "") -> URIRef:
    """IRI of a merged rule (level and first day), or of a variant of it."""
    local = f"{level}-{start}" + (f"-variant-{variant}" if variant else "")
    return URIRef(entity_iri("rule", local))


def _rule_fields(g: Graph, node: URIRef, r: AppointmentRule, start: Optional[str], end: Optional[str],
                 start_precision: Optional[str] = None, end_precision: Optional[str] = None,
                 dating: Optional[str] = None) -> None:
    g.add((node, AKN.level, concept("level", r.level)))
    g.add((node, AKN.selection, concept("selection", r.selection)))
    g.add((node, AKN.selector, concept("selector", r.selector)))
    if r.consent:
        g.add((node, AKN.consent, concept("consent", r.consent)))
    if r.nomination:
        g.add((node, AKN.nomination, concept("nomination", r.nomination)))
    if r.min_candidates is not None:
        g.add((node, AKN.minCandidates, Literal(int(r.min_candidates), datatype=XSD.integer)))
    if r.scope:
        g.add((node, AKN.scope, Literal(r.scope, lang="ru")))
    g.add((node, AKN.origin, Literal(r.origin)))
    end = None if end in (None, _MAX) else end
    interval = add_validity(g, node, start, end,
                            end_precision=end_precision if end and end_precision in ("year", "bound") else None)
    if interval is not None:
        _precision(g, interval, start, start_precision, end, end_precision)
    if end and end_precision == "attested":
        g.add((node, RDFS.comment, Literal(
            f"Дата окончания неизвестна: источники подтверждают действие до {end} (не включая).", lang="ru")))
    for b in r.basis:
        g.add((node, AKN.basis, URIRef(b.id)))
    for s in r.sources:
        g.add((node, DCTERMS.source, Literal(s)))
    if r.note:
        # notes of text rules are the act's words; curated notes are written in English
        g.add((node, RDFS.comment, Literal(r.note, lang="ru" if r.origin == "text" else "en")))
    if dating:
        g.add((node, RDFS.comment, Literal(f"Dating: {dating}", lang="en")))
    derive(g, node, [b.id for b in r.basis])


_UNITS = {"year": TIME.unitYear, "month": TIME.unitMonth}


def _precision(g: Graph, interval: URIRef, start: Optional[str], start_precision: Optional[str],
               end: Optional[str], end_precision: Optional[str]) -> None:
    """How exact the bounds of a validity interval are.

    A start known to the month or year only gets an OWL-Time ``time:DateTimeDescription``
    (``time:unitType`` ``time:unitYear``/``unitMonth`` with ``time:year``/``time:month``)
    beside its ``time:inXSDDate`` (the first day); an end the sources only attest is said so
    on the interval, since ``akn:validTo`` holds the last day known, not a known end.
    """
    begin = g.value(interval, TIME.hasBeginning)
    if start and begin is not None and start_precision in _UNITS:
        desc = URIRef(f"{begin}-description")
        g.add((begin, TIME.inDateTime, desc))
        g.add((desc, RDF.type, TIME.DateTimeDescription))
        g.add((desc, TIME.unitType, _UNITS[start_precision]))
        g.add((desc, TIME.year, Literal(start[:4], datatype=XSD.gYear)))
        if start_precision == "month":
            g.add((desc, TIME.month, Literal(f"--{start[5:7]}", datatype=XSD.gMonth)))
        g.add((interval, AKN.startPrecision, Literal(start_precision)))
        g.add((interval, RDFS.comment, Literal(f"start precision: {start_precision} (the first day stands for it)")))
    if end and end_precision == "attested":
        g.add((interval, AKN.endPrecision, Literal("attested")))
        g.add((interval, RDFS.comment, Literal(
            "end precision: attested (the sources attest the rule until this day; when it stopped is not known)")))


def add_rules(g: Graph, rules: Sequence[AppointmentRule]) -> None:
    """Merged appointment rules, variants, conflicts and the relations they imply.

    Each node carries its bounds' precision (:func:`_precision`), the basis and sources of
    every rule behind it, and the curated ``dating`` of its bounds as a comment.
    """
    from kg.modes import resolve, segment_dating, since_precision, until_precision

    segs, conflicts = resolve(rules, "1991-01-01", _MAX)
    akim = lambda level: URIRef(institution_iri(f"akim-{level}"))  # noqa: E731
    for level, ss in segs.items():
        for i, seg in enumerate(ss):
            for v in seg.variants:
                vid = hashlib.sha1(f"{v.id}|{v.scope}".encode()).hexdigest()[:10]
                node = rule_iri(level, v.valid_from or seg.start, vid)
                g.add((node, RDF.type, AKN.AppointmentRule))
                g.add((node, RDF.type, AKN.AppointmentVariant))
                _rule_fields(g, node, v, v.valid_from or seg.start, v.valid_to,
                             v.valid_from_precision, v.until_precision, v.dating)
                _relations(g, v, akim(level))
            if seg.rule is None:
                continue
            node = rule_iri(level, seg.start)
            g.add((node, RDF.type, AKN.AppointmentRule))
            nxt = ss[i + 1] if i + 1 < len(ss) else None
            _rule_fields(g, node, seg.rule, seg.start, seg.end, since_precision(seg),
                         until_precision(seg, nxt), segment_dating(seg))
            g.add((node, RDFS.label, Literal(
                f"{level} {seg.start}: {seg.rule.selection} ({seg.rule.selector})", lang="en")))
            _relations(g, seg.rule, akim(level))
    for r in rules:
        if r.kind == "dismissal":
            who = selector_institution(r.selector, r.level)
            if who:
                g.add((URIRef(institution_iri(who)), AKN.dismisses, akim(r.level)))
    for c in conflicts:
        node = URIRef(entity_iri("conflict", hashlib.sha1("|".join((c.level, c.start) + c.rules).encode())
                                 .hexdigest()[:12]))
        g.add((node, RDF.type, AKN.RuleConflict))
        g.add((node, AKN.level, concept("level", c.level)))
        g.add((node, RDFS.comment, Literal(c.message)))
        for rid in c.rules:
            g.add((node, AKN.conflictingRule, URIRef(entity_iri("rule", rid))))
        add_validity(g, node, c.start, None if c.end in (None, _MAX) else c.end)


def _relations(g: Graph, r: AppointmentRule, post: URIRef) -> None:
    level = r.level
    who = selector_institution(r.selector, level)
    if who:
        prop = AKN.appoints if r.selection == "appointment" else AKN.elects
        g.add((URIRef(institution_iri(who)), prop, post))
    c = consent_institution(r.consent, level)
    if c:
        g.add((URIRef(institution_iri(c)), AKN.consentsTo, post))
    if r.nomination == "prime_minister":
        g.add((URIRef(institution_iri("prime_minister")), AKN.nominates, post))
    if r.nominator:
        n = selector_institution(r.nominator, level)
        if n:
            g.add((URIRef(institution_iri(n)), AKN.nominates, post))


# ----------------------------------------------------------------------------- powers

def power_iri(p) -> URIRef:
    """IRI of a power as worded in one edition."""
    return URIRef(entity_iri("power", f"{p.act}-{p.edition}-{p.eid.replace('/', '.')}"))


def add_powers(g: Graph, powers: Iterable[Any]) -> None:
    """:class:`kg.powers.Power` s as ``akn:Power`` nodes."""
    for p in powers:
        node = power_iri(p)
        g.add((node, RDF.type, AKN.Power))
        g.add((node, RDF.value, Literal(p.text, lang="ru")))
        g.add((node, DCTERMS.identifier, Literal(p.key)))
        g.add((node, AKN.basis, URIRef(p.iri)))
        cat = _known("power_category", p.category)
        if cat is not None:
            g.add((node, AKN.powerCategory, cat))
        for level in p.levels:
            g.add((node, AKN.level, concept("level", level)))
        for inst in p.institutions:
            g.add((node, AKN.heldBy, URIRef(institution_iri(inst))))
        add_validity(g, node, p.valid_from, p.valid_to)
        derive(g, node, p.iri)


# ----------------------------------------------------------------------------- timeline & elections

def event_iri(event_id: str) -> URIRef:
    """IRI of a timeline event.

    >>> event_iri("2021-rural-elections").endswith("/id/event/2021-rural-elections")
    True
    """
    return URIRef(entity_iri("event", event_id))


def _act_node(acts: Mapping[str, Any], act_id: str) -> URIRef:
    act = acts.get(act_id)
    return act_iri(act) if act is not None else URIRef(entity_iri("act", act_id))


def _sources(g: Graph, node: URIRef, ids: Iterable[str], sources: Mapping[str, Any]) -> None:
    for text in cite(ids, sources):
        g.add((node, DCTERMS.source, Literal(text, lang="ru")))


def add_timeline(g: Graph, events: Iterable[Any], acts: Mapping[str, Any],
                 sources: Optional[Mapping[str, Any]] = None) -> None:
    """Curated timeline events (:class:`corpus.curated.TimelineEvent`) with their figures and sources."""
    if sources is None:
        from corpus.curated import load_sources
        sources = load_sources()
    for ev in events:
        node = event_iri(ev.id)
        g.add((node, RDF.type, AKN.TimelineEvent))
        g.add((node, RDFS.label, Literal(ev.title, lang="ru")))
        if ev.title_en:
            g.add((node, RDFS.label, Literal(ev.title_en, lang="en")))
        g.add((node, AKN.date, date_literal(ev.date)))
        g.add((node, AKN.datePrecision, Literal(ev.date_precision)))
        g.add((node, AKN.eventType, concept("event_type", ev.type)))
        for level in ev.levels:
            g.add((node, AKN.level, concept("level", level)))
        for act_id in ev.acts:
            g.add((node, AKN.concernsAct, _act_node(acts, act_id)))
        _sources(g, node, ev.sources, sources)
        for alt in ev.alternative_dates:
            g.add((node, RDFS.comment, Literal(
                f"другая дата: {alt.date} ({alt.date_precision}) — {cite([alt.source], sources)[0]}", lang="ru")))
        if ev.note:
            g.add((node, RDFS.comment, Literal(ev.note, lang="en")))
        for i, fig in enumerate(ev.figures):
            fnode = URIRef(f"{node}-figure-{i + 1}")
            g.add((node, AKN.figure, fnode))
            g.add((fnode, RDF.type, AKN.Figure))
            g.add((fnode, AKN.quantity, Literal(fig.name, lang="ru")))
            g.add((fnode, RDF.value, Literal(fig.value)))
            g.add((fnode, AKN.unit, Literal(fig.unit)))
            if fig.qualifier:
                g.add((fnode, RDFS.comment, Literal(f"qualifier: {fig.qualifier}")))
            _sources(g, fnode, [fig.source], sources)
            derive(g, fnode, ())
        derive(g, node, ())


def add_elections(g: Graph, datasets: Iterable[Any], sources: Optional[Mapping[str, Any]] = None) -> None:
    """Election statistics (:class:`corpus.curated.ElectionDataset`) as ``qb:Observation`` s."""
    if sources is None:
        from corpus.curated import load_sources
        sources = load_sources()
    g.add((AKN.electionDataset, RDF.type, QB.DataSet))
    g.add((AKN.electionDataset, QB.structure, AKN.electionStructure))
    for ds in datasets:
        for i, obs in enumerate(ds.observations):
            node = URIRef(entity_iri("observation", f"{ds.id}-{i + 1}"))
            g.add((node, RDF.type, QB.Observation))
            g.add((node, QB.dataSet, AKN.electionDataset))
            g.add((node, AKN.election, event_iri(obs.election)))
            g.add((node, AKN.area, Literal(obs.area, lang="ru")))
            if obs.party:
                g.add((node, AKN.party, Literal(obs.party, lang="ru")))
            if obs.level:
                g.add((node, AKN.level, concept("level", obs.level)))
            g.add((node, AKN.indicator, Literal(obs.indicator)))
            if obs.value is not None:
                if obs.unit == "percent":
                    g.add((node, AKN.percent, Literal(str(obs.value), datatype=XSD.decimal)))
                elif obs.unit == "count" and float(obs.value).is_integer():
                    g.add((node, AKN.count, Literal(int(obs.value), datatype=XSD.integer)))
                else:
                    g.add((node, RDF.value, Literal(obs.value)))
            g.add((node, AKN.unit, Literal(obs.unit)))
            g.add((node, RDFS.comment, Literal(f"{ds.title}: {obs.ref}", lang="ru")))
            _sources(g, node, [obs.source], sources)
            derive(g, node, ())


# ----------------------------------------------------------------------------- bundle

def graph_extras(acts: Mapping[str, Any], editions: Sequence[Any],
                 rules: Sequence[AppointmentRule], *, curated: bool = True) -> list[Callable[[Graph], None]]:
    """The ``extra`` callables for :func:`kg.graph.build_graph`.

    With ``curated`` (default) the timeline and election statistics of
    ``corpus/data`` are added as well.
    """
    from kg.powers import all_powers

    extras: list[Callable[[Graph], None]] = [
        add_institutions,
        lambda g: add_rules(g, rules),
        lambda g: add_powers(g, all_powers(acts, editions)),
    ]
    if curated:
        from corpus import curated as cur

        extras.append(lambda g: add_timeline(g, cur.load_timeline(), acts))
        extras.append(lambda g: add_elections(g, cur.load_elections()))
    return extras
