"""RDF namespaces of the graph: ELI, akimkg's own ontology (AKN) and the reused W3C vocabularies.

Every term is a closed :class:`rdflib.namespace.DefinedNamespace`, so a typo
in a term name fails at import time instead of writing a stray IRI:

>>> ELI.is_realized_by
rdflib.term.URIRef('http://data.europa.eu/eli/ontology#is_realized_by')
>>> AKN.AppointmentRule.endswith("ontology#AppointmentRule")
True
>>> AKN.appointmentRul  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'appointmentRul' not in namespace '...ontology#'

ORG, PROV, TIME, SKOS, DCTERMS and QB (RDF Data Cube) are rdflib's own
definitions, re-exported here so that modules import all namespaces from one
place. :func:`bind_all` gives a graph the usual prefixes.

The akimkg ontology lives under ``{base}ontology#`` where ``base`` is
:func:`kg.uri.base_iri` (``AKIMKG_BASE_IRI`` when set); the files shipped with
the package (``ontology.ttl``, ``shapes.ttl``, rules) are written with the
default base and rebased by :func:`rebase` when another base is in use.
"""
from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

from kg.uri import DEFAULT_BASE, base_iri

__all__ = ["ELI", "AKN", "ORG", "PROV", "TIME", "SKOS", "DCTERMS", "QB", "RDF", "RDFS", "OWL", "XSD",
           "ELI_LANGUAGE", "PREFIXES", "bind_all", "rebase", "sparql_prologue"]


class ELI(DefinedNamespace):
    """European Legislation Identifier ontology (v1.x): the terms akimkg uses and their neighbours."""

    _fail = True
    _NS = Namespace("http://data.europa.eu/eli/ontology#")

    # classes
    LegalResource: URIRef
    LegalResourceSubdivision: URIRef
    LegalExpression: URIRef
    Format: URIRef
    Agent: URIRef
    ResourceType: URIRef
    Language: URIRef
    InForce: URIRef
    # InForce concepts (ELI's InForceTable); the dashes make them attribute-unfriendly
    _extras = ["InForce-inForce", "InForce-notInForce", "InForce-partiallyInForce"]
    # work / expression structure
    is_realized_by: URIRef
    realizes: URIRef
    is_embodied_by: URIRef
    embodies: URIRef
    is_part_of: URIRef
    has_part: URIRef
    is_member_of: URIRef
    has_member: URIRef
    # identification and description
    id_local: URIRef
    number: URIRef
    title: URIRef
    title_short: URIRef
    title_alternative: URIRef
    description: URIRef
    language: URIRef
    type_document: URIRef
    jurisdiction: URIRef
    passed_by: URIRef
    is_about: URIRef
    version: URIRef
    version_date: URIRef
    in_force: URIRef
    legal_value: URIRef
    # dates
    date_document: URIRef
    date_publication: URIRef
    first_date_entry_in_force: URIRef
    date_no_longer_in_force: URIRef
    date_applicability: URIRef
    # links between resources
    amends: URIRef
    amended_by: URIRef
    repeals: URIRef
    repealed_by: URIRef
    changes: URIRef
    changed_by: URIRef
    cites: URIRef
    cited_by: URIRef
    commences: URIRef
    commenced_by: URIRef
    based_on: URIRef
    basis_for: URIRef
    consolidates: URIRef
    consolidated_by: URIRef
    corrects: URIRef
    corrected_by: URIRef
    related_to: URIRef


class AKN(DefinedNamespace):
    """akimkg's own terms; each is defined with an rdfs:comment in ``kg/ontology.ttl``."""

    _fail = True
    _NS = Namespace(base_iri() + "ontology#")

    # classes
    Act: URIRef
    ActReference: URIRef
    Edition: URIRef
    Provision: URIRef
    ProvisionEdition: URIRef
    Note: URIRef
    AmendmentRecord: URIRef
    AppointmentRule: URIRef
    AppointmentVariant: URIRef
    RuleConflict: URIRef
    Power: URIRef
    TimelineEvent: URIRef
    Figure: URIRef
    Build: URIRef
    # rules, powers, posts
    level: URIRef
    selection: URIRef
    selector: URIRef
    consent: URIRef
    nomination: URIRef
    minCandidates: URIRef
    scope: URIRef
    origin: URIRef
    basis: URIRef
    conflictingRule: URIRef
    heldBy: URIRef
    powerCategory: URIRef
    institutionType: URIRef
    appoints: URIRef
    elects: URIRef
    consentsTo: URIRef
    nominates: URIRef
    dismisses: URIRef
    expressesNoConfidence: URIRef
    # validity
    validity: URIRef
    validFrom: URIRef
    validTo: URIRef
    startPrecision: URIRef
    searchWeight: URIRef
    endPrecision: URIRef
    # documents
    actId: URIRef
    referenceKey: URIRef
    eid: URIRef
    kind: URIRef
    order: URIRef
    path: URIRef
    status: URIRef
    sourceFile: URIRef
    sourceLine: URIRef
    sha256: URIRef
    dateBasis: URIRef
    causedBy: URIRef
    missingPart: URIRef
    action: URIRef
    target: URIRef
    amendingAct: URIRef
    recordedIn: URIRef
    effectivePhrase: URIRef
    citedAs: URIRef
    # timeline and figures
    eventType: URIRef
    date: URIRef
    datePrecision: URIRef
    concernsAct: URIRef
    figure: URIRef
    quantity: URIRef
    unit: URIRef
    # election statistics (Data Cube)
    electionDataset: URIRef
    electionStructure: URIRef
    election: URIRef
    area: URIRef
    party: URIRef
    indicator: URIRef
    count: URIRef
    percent: URIRef
    # build
    buildInfo: URIRef
    tripleCount: URIRef


# The EU Publications Office language authority, which ELI recommends for eli:language.
ELI_LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")

PREFIXES: dict[str, str] = {
    "eli": str(ELI._NS),
    "akn": str(AKN._NS),
    "org": str(ORG._NS),
    "prov": str(PROV._NS),
    "time": str(TIME._NS),
    "skos": str(SKOS._NS),
    "dcterms": str(DCTERMS._NS),
    "qb": str(QB._NS),
    "rdf": str(RDF._NS),
    "rdfs": str(RDFS._NS),
    "owl": str(OWL._NS),
    "xsd": str(XSD._NS),
    "kz": base_iri() + "eli/kz/",
    "akid": base_iri() + "id/",
}


def bind_all(graph: Graph) -> Graph:
    """Bind the akimkg prefixes on ``graph`` (replacing rdflib's defaults) and return it.

    >>> g = bind_all(Graph())
    >>> dict(g.namespaces())["akn"] == URIRef(PREFIXES["akn"])
    True
    """
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)
    return graph


def rebase(text: str) -> str:
    """Rewrite the default base IRI in a shipped file to the base in use.

    >>> rebase("<https://w3id.org/akimkg/ontology#Act>") == "<" + base_iri() + "ontology#Act>"
    True
    """
    base = base_iri()
    return text if base == DEFAULT_BASE else text.replace(DEFAULT_BASE, base)


def sparql_prologue() -> str:
    """``PREFIX`` lines for all akimkg prefixes, to put before a query.

    >>> "PREFIX eli: <http://data.europa.eu/eli/ontology#>" in sparql_prologue()
    True
    """
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
