"""Small RDF helpers every graph builder uses: dates, validity intervals, provenance.

Rule builders (appointment rules, powers, timeline) plug into
:func:`kg.graph.build_graph` as ``extra`` callables that receive the graph;
they mark what they derive with :func:`derive`, which links it to the
provision edition it came from and to the build activity of the graph:

>>> from rdflib import Graph, URIRef
>>> from kg.namespaces import AKN, PROV, TIME
>>> g = Graph()
>>> build = start_build(g, {"id": "test"})
>>> rule = URIRef("https://example.org/rule/1")
>>> basis = URIRef("https://w3id.org/akimkg/eli/kz/constitution/1995/1/rus@2022-09-17/art_87/point_4")
>>> derive(g, rule, basis)
>>> (rule, PROV.wasDerivedFrom, basis) in g and (rule, PROV.wasGeneratedBy, build) in g
True
>>> iv = add_validity(g, rule, "2022-09-17", None)
>>> str(g.value(rule, AKN.validFrom)), g.value(rule, AKN.validTo)
('2022-09-17', None)
>>> str(g.value(g.value(iv, TIME.hasBeginning), TIME.inXSDDate))
'2022-09-17'
"""
from __future__ import annotations

import json
from typing import Iterable, Optional, Union

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.namespaces import AKN, PROV, TIME
from kg.uri import entity_iri

Source = Union[URIRef, str]


def date_literal(value: str) -> Literal:
    """An ``xsd:date`` literal from an ISO date.

    >>> date_literal("2026-07-01").datatype == XSD.date
    True
    """
    return Literal(value, datatype=XSD.date)


def add_validity(g: Graph, node: URIRef, start: Optional[str], end: Optional[str],
                 *, end_precision: Optional[str] = None) -> Optional[URIRef]:
    """Give ``node`` a validity interval ``[start, end)`` (OWL-Time) plus the akn:validFrom/validTo shortcuts.

    The interval is an IRI of its own (``<node>#validity``, or ``<node>-validity``
    when ``node`` has a fragment), with ``time:hasBeginning``/``time:hasEnd``
    instants carrying ``time:inXSDDate``. ``end`` is the first day no longer
    valid; None leaves the interval open. Returns the interval IRI (None when
    ``start`` and ``end`` are both unknown).
    """
    if start is None and end is None:
        return None
    sep = "-" if "#" in str(node) else "#"
    interval = URIRef(f"{node}{sep}validity")
    g.add((node, AKN.validity, interval))
    g.add((interval, RDF.type, TIME.Interval))
    for which, value, prop, short in (("start", start, TIME.hasBeginning, AKN.validFrom),
                                      ("end", end, TIME.hasEnd, AKN.validTo)):
        if value is None:
            continue
        instant = URIRef(f"{interval}-{which}")
        g.add((interval, prop, instant))
        g.add((instant, RDF.type, TIME.Instant))
        g.add((instant, TIME.inXSDDate, date_literal(value)))
        g.add((node, short, date_literal(value)))
    if end is not None and end_precision:
        g.add((interval, AKN.endPrecision, Literal(end_precision)))
        g.add((interval, RDFS.comment, Literal(f"end precision: {end_precision} (an upper bound, not the day)")))
    return interval


def build_iri(build_id: str) -> URIRef:
    """IRI of a build activity.

    >>> build_iri("2026-01-01T00-00-00").endswith("/id/build/2026-01-01T00-00-00")
    True
    """
    return URIRef(entity_iri("build", build_id))


def start_build(g: Graph, build_info: dict) -> URIRef:
    """Record the build as a ``prov:Activity`` (akn:Build) in ``g`` and return its IRI.

    ``build_info`` keys used: ``id`` (default "current"), ``started``/``ended``
    (ISO date-times); the whole dict is kept as JSON in akn:buildInfo.
    """
    build = build_iri(str(build_info.get("id") or "current"))
    g.add((build, RDF.type, PROV.Activity))
    g.add((build, RDF.type, AKN.Build))
    g.add((build, RDFS.label, Literal("akimkg build", lang="en")))
    for key, prop in (("started", PROV.startedAtTime), ("ended", PROV.endedAtTime)):
        if build_info.get(key):
            g.add((build, prop, Literal(str(build_info[key]), datatype=XSD.dateTime)))
    g.add((build, AKN.buildInfo, Literal(json.dumps(build_info, ensure_ascii=False, sort_keys=True, default=str),
                                         datatype=RDF.JSON)))
    return build


def current_build(g: Graph) -> Optional[URIRef]:
    """The build activity recorded in ``g`` by :func:`start_build`, if any."""
    for s in g.subjects(RDF.type, AKN.Build):
        return s  # type: ignore[return-value]
    return None


def derive(g: Graph, subject: URIRef, sources: Union[Source, Iterable[Source], None],
           *, build: Optional[URIRef] = None) -> None:
    """Mark ``subject`` as derived from ``sources`` (provision edition IRIs) by the build.

    Adds ``prov:wasDerivedFrom`` for every source and ``prov:wasGeneratedBy``
    the build activity (``build``, or the one recorded in ``g``). Sources given
    as plain strings are taken as IRIs.
    """
    if sources is None:
        sources = ()
    elif isinstance(sources, (str, URIRef)):
        sources = (sources,)
    g.add((subject, RDF.type, PROV.Entity))
    for src in sources:
        g.add((subject, PROV.wasDerivedFrom, URIRef(str(src))))
    build = build or current_build(g)
    if build is not None:
        g.add((subject, PROV.wasGeneratedBy, build))
