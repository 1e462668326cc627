"""Assemble the knowledge graph: ontology + vocabularies + documents + whatever rule builders add.

>>> from kg.model import Act, Edition, EditionMeta, Provision
>>> act = Act(id="decree-x", code="9", type="decree", title="Об актах", date="2013-04-24", number="555")
>>> ed = Edition(meta=EditionMeta("decree-x", "2013-04-24"), title="Об актах",
...              provisions=(Provision(eid="point_1", kind="point", num="1", heading=None, text="1. Утвердить."),))
>>> def extra(g):                       # a rule builder plugs in like this
...     derive(g, URIRef("https://example.org/rule"), provision_iri_for(act, "point_1", "2013-04-24"))
>>> g = build_graph({"decree-x": act}, [ed], extra=[extra], build_info={"id": "doc"})
>>> (URIRef("https://example.org/rule"), PROV.wasGeneratedBy, build_iri("doc")) in g
True
>>> (AKN.AppointmentRule, RDFS.comment, None) in g     # the ontology is in the graph
True
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional, Sequence, Union

from rdflib import Graph, Literal, URIRef  # noqa: F401  (URIRef: doctest)
from rdflib.namespace import RDFS, XSD

from kg.model import Act, Edition
from kg.namespaces import AKN, PROV, bind_all, rebase
from kg.rdf_documents import act_iri, actref_iri, add_documents, edition_iri, provision_iri_for
from kg.rdf_helpers import build_iri  # noqa: F401  (doctest)
from kg.rdf_helpers import add_validity, current_build, date_literal, derive, start_build
from kg.vocab import add_thesaurus, add_vocabularies

__all__ = ["build_graph", "ontology_graph", "add_ontology", "derive", "add_validity", "current_build",
           "act_iri", "edition_iri", "provision_iri_for", "actref_iri", "date_literal", "ONTOLOGY"]

ONTOLOGY = Path(__file__).resolve().parent / "ontology.ttl"


@functools.lru_cache(maxsize=2)
def _ontology_triples(path: str, text_key: str) -> tuple:
    g = Graph()
    g.parse(data=rebase(Path(path).read_text(encoding="utf-8")), format="turtle")
    return tuple(g)


def ontology_graph(path: Optional[Path] = None) -> Graph:
    """The akimkg ontology (``kg/ontology.ttl``, rebased to the IRI base in use) as a graph."""
    p = Path(path or ONTOLOGY)
    g = bind_all(Graph())
    for t in _ontology_triples(str(p), rebase("")):
        g.add(t)
    return g


def add_ontology(g: Graph, path: Optional[Path] = None) -> Graph:
    """Add the ontology's triples to ``g``."""
    for t in _ontology_triples(str(Path(path or ONTOLOGY)), rebase("")):
        g.add(t)
    return g


def build_graph(acts: Union[Mapping[str, Act], Iterable[Act]], editions: Iterable[Edition], *,
                extra: Sequence[Callable[[Graph], None]] = (), build_info: Optional[dict] = None) -> Graph:
    """The whole graph of a build.

    Order: the build activity (``prov:Activity``, :func:`kg.rdf_helpers.start_build`),
    the ontology, the SKOS vocabularies and thesaurus, the documents
    (:func:`kg.rdf_documents.add_documents`), then each ``extra`` callable in
    turn (rule builders: they receive the graph and add to it, marking what they
    derive with :func:`derive`). Finally the build records its end time and the
    number of triples.
    """
    build_info = dict(build_info or {})
    g = bind_all(Graph())
    build = start_build(g, build_info)
    add_ontology(g)
    add_vocabularies(g)
    add_thesaurus(g)
    stats = add_documents(g, acts, editions)
    for fn in extra:
        fn(g)
    for key, value in sorted(stats.items()):
        g.add((build, RDFS.comment, Literal(f"{key}: {value}")))
    if not build_info.get("ended"):
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        g.add((build, PROV.endedAtTime, Literal(now, datatype=XSD.dateTime)))
    g.add((build, AKN.tripleCount, Literal(len(g) + 1)))
    return g
