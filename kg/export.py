"""Export the persisted graph: Turtle, JSON-LD, N-Triples, CSV tables, GraphML.

``export(build_dir, fmt, out)`` reads the graph persisted by :mod:`kg.store`
(never rebuilding it); :func:`export_graph` does the same for a graph in
memory. CSV gives one file per table in the directory ``out``:
``acts.csv``, ``editions.csv``, ``provisions.csv``, ``amendments.csv``,
``rules.csv``, ``events.csv`` (UTF-8, header row, multi-valued cells joined
by «; »). GraphML is the institution/post/power network of
:func:`kg.network.build_network`.

>>> import tempfile
>>> from rdflib import Graph, Literal, URIRef
>>> from kg.namespaces import AKN
>>> g = Graph()
>>> a = URIRef("https://w3id.org/akimkg/eli/kz/law/2001/7966")
>>> _ = g.add((a, RDF.type, AKN.Act)).add((a, AKN.actId, Literal("law-2001-148")))
>>> out = Path(tempfile.mkdtemp()) / "tables"
>>> _ = export_graph(g, "csv", out)
>>> (out / "acts.csv").read_text(encoding="utf-8").splitlines()[1].startswith("law-2001-148,")
True
>>> p = export_graph(g, "ttl", out / "g.ttl")
>>> "law-2001-148" in p.read_text(encoding="utf-8")
True
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Union

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF  # noqa: F401  (doctest)

from kg.namespaces import PREFIXES, bind_all
from kg.sparql import _ox_store, run_query
from kg.store import load_graph

FORMATS = ("ttl", "jsonld", "nt", "csv", "graphml")
_RDF_FORMATS = {"ttl": (ox.RdfFormat.TURTLE, "turtle"), "nt": (ox.RdfFormat.N_TRIPLES, "nt"),
                "jsonld": (ox.RdfFormat.JSON_LD, "json-ld")}
_BIG = 10 ** 9
_SEP = "; "


class ExportError(ValueError):
    """Unknown format or unusable output path."""


TABLES: dict[str, str] = {
    "acts": """
SELECT ?id ?iri ?type ?title ?number ?date ?code ?in_force_from ?in_force_to
       (COUNT(DISTINCT ?ed) AS ?editions) WHERE {
  ?iri a akn:Act ; akn:actId ?id .
  OPTIONAL { ?iri eli:type_document/skos:notation ?type }
  OPTIONAL { ?iri dcterms:title ?title }
  OPTIONAL { ?iri eli:number ?number }
  OPTIONAL { ?iri eli:date_document ?date }
  OPTIONAL { ?iri eli:id_local ?code }
  OPTIONAL { ?iri eli:first_date_entry_in_force ?in_force_from }
  OPTIONAL { ?iri eli:date_no_longer_in_force ?in_force_to }
  OPTIONAL { ?iri eli:is_realized_by ?ed . ?ed a akn:Edition }
} GROUP BY ?id ?iri ?type ?title ?number ?date ?code ?in_force_from ?in_force_to ORDER BY ?id""",
    "editions": """
SELECT ?act ?date ?language ?iri ?title ?in_force_from ?in_force_to ?source
       (COUNT(DISTINCT ?p) AS ?provisions) WHERE {
  ?iri a akn:Edition ; eli:realizes/akn:actId ?act ; eli:version_date ?date .
  OPTIONAL { ?iri eli:language ?language }
  OPTIONAL { ?iri eli:title ?title }
  OPTIONAL { ?iri akn:validFrom ?in_force_from }
  OPTIONAL { ?iri akn:validTo ?in_force_to }
  OPTIONAL { ?iri dcterms:source ?source }
  OPTIONAL { ?p eli:is_part_of ?iri ; a akn:ProvisionEdition }
} GROUP BY ?act ?date ?language ?iri ?title ?in_force_from ?in_force_to ?source ORDER BY ?act ?date""",
    "provisions": """
SELECT ?act ?edition ?eid ?kind ?number ?path ?status ?heading ?order ?text ?iri WHERE {
  ?iri a akn:ProvisionEdition ; eli:is_part_of ?ed ; akn:eid ?eid ; akn:kind ?kind ; akn:order ?order .
  ?ed a akn:Edition ; eli:version_date ?edition ; eli:realizes/akn:actId ?act .
  OPTIONAL { ?iri eli:number ?number }
  OPTIONAL { ?iri akn:path ?path }
  OPTIONAL { ?iri akn:status ?status }
  OPTIONAL { ?iri eli:title ?heading }
  OPTIONAL { ?iri rdf:value ?text }
} ORDER BY ?act ?edition ?order""",
    "amendments": """
SELECT ?act ?edition ?iri ?target ?action ?effective ?text
       (GROUP_CONCAT(DISTINCT STR(?by); SEPARATOR="; ") AS ?amending_acts) WHERE {
  ?iri a akn:AmendmentRecord ; akn:recordedIn ?rec ; akn:target ?target .
  { ?rec a akn:Edition . BIND(?rec AS ?ed) } UNION { ?rec a akn:ProvisionEdition ; eli:is_part_of ?ed . ?ed a akn:Edition }
  ?ed eli:version_date ?edition ; eli:realizes/akn:actId ?act .
  OPTIONAL { ?iri akn:action/skos:notation ?action }
  OPTIONAL { ?iri akn:effectivePhrase ?effective }
  OPTIONAL { ?iri rdf:value ?text }
  OPTIONAL { ?iri akn:amendingAct ?by }
} GROUP BY ?act ?edition ?iri ?target ?action ?effective ?text ORDER BY ?act ?edition ?iri""",
    "rules": """
SELECT ?iri ?variant ?level ?selection ?selector ?consent ?nomination ?min_candidates ?valid_from ?valid_to
       ?scope ?origin
       (GROUP_CONCAT(DISTINCT STR(?b); SEPARATOR="; ") AS ?basis)
       (GROUP_CONCAT(DISTINCT STR(?s); SEPARATOR="; ") AS ?sources) WHERE {
  ?iri a akn:AppointmentRule .
  BIND(EXISTS { ?iri a akn:AppointmentVariant } AS ?variant)
  OPTIONAL { ?iri akn:level/skos:notation ?level }
  OPTIONAL { ?iri akn:selection/skos:notation ?selection }
  OPTIONAL { ?iri akn:selector/skos:notation ?selector }
  OPTIONAL { ?iri akn:consent/skos:notation ?consent }
  OPTIONAL { ?iri akn:nomination/skos:notation ?nomination }
  OPTIONAL { ?iri akn:minCandidates ?min_candidates }
  OPTIONAL { ?iri akn:validFrom ?valid_from }
  OPTIONAL { ?iri akn:validTo ?valid_to }
  OPTIONAL { ?iri akn:scope ?scope }
  OPTIONAL { ?iri akn:origin ?origin }
  OPTIONAL { ?iri akn:basis ?b }
  OPTIONAL { ?iri dcterms:source ?s }
} GROUP BY ?iri ?variant ?level ?selection ?selector ?consent ?nomination ?min_candidates ?valid_from ?valid_to
           ?scope ?origin ORDER BY ?level ?valid_from ?iri""",
    "events": """
SELECT ?iri ?date ?precision ?type ?title
       (GROUP_CONCAT(DISTINCT STR(?lv); SEPARATOR="; ") AS ?levels)
       (GROUP_CONCAT(DISTINCT STR(?act); SEPARATOR="; ") AS ?acts)
       (GROUP_CONCAT(DISTINCT STR(?s); SEPARATOR="; ") AS ?sources) WHERE {
  ?iri a akn:TimelineEvent .
  OPTIONAL { ?iri akn:date ?date }
  OPTIONAL { ?iri akn:datePrecision ?precision }
  OPTIONAL { ?iri akn:eventType/skos:notation ?type }
  OPTIONAL { ?iri rdfs:label ?title }
  OPTIONAL { ?iri akn:level/skos:notation ?lv }
  OPTIONAL { ?iri akn:concernsAct ?a . OPTIONAL { ?a akn:actId ?aid } BIND(COALESCE(?aid, STR(?a)) AS ?act) }
  OPTIONAL { ?iri dcterms:source ?s }
} GROUP BY ?iri ?date ?precision ?type ?title ORDER BY ?date ?iri""",
}


def _cell(term) -> str:
    if term is None:
        return ""
    if hasattr(term, "toPython") and term.__class__.__name__ == "Literal":
        value = term.toPython()
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(term)
    return str(term)


def write_tables(target, out: Union[str, Path]) -> Path:
    """Write the CSV tables of :data:`TABLES` into the directory ``out``."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExportError(f"--out must be a directory for csv: {out}")
    out.mkdir(parents=True, exist_ok=True)
    for name, query in TABLES.items():
        res = run_query(target, query, timeout=600, limit=_BIG)
        with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(res.vars)
            for row in res.rows:
                w.writerow([_cell(t) for t in row])
    return out


def _prepare(out: Union[str, Path]) -> Path:
    out = Path(out)
    if out.is_dir():
        raise ExportError(f"--out is a directory: {out}")
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def export_graph(graph: Graph, fmt: str, out: Union[str, Path]) -> Path:
    """Write ``graph`` (in memory or opened with :func:`kg.store.load_graph`) to ``out`` in ``fmt``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    if fmt == "csv":
        return write_tables(graph, out)
    if fmt == "graphml":
        from kg.network import build_network, write_graphml

        return Path(write_graphml(build_network(graph), _prepare(out)))
    out = _prepare(out)
    store = _ox_store(graph)
    ox_format, rdflib_format = _RDF_FORMATS[fmt]
    if store is not None:
        kwargs = {"prefixes": PREFIXES} if fmt == "ttl" else {}
        store.dump(str(out), format=ox_format, from_graph=ox.DefaultGraph(), **kwargs)
    else:
        bind_all(graph)
        graph.serialize(destination=str(out), format=rdflib_format, encoding="utf-8")
    return out


def export(build: Union[str, Path], fmt: str, out: Union[str, Path]) -> Path:
    """Export the graph persisted in the build directory ``build``; returns what was written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    return export_graph(load_graph(build), fmt, out)
