"""SKOS vocabularies: akimkg's concept schemes and the search thesaurus as triples.

``corpus/data/vocabularies.yaml`` holds the schemes whose codes the contracts
fix (level, selection, selector, consent, nomination) and the others the graph
uses (institution types, power categories, act types, amendment actions, event
types). ``corpus/data/thesaurus.yaml`` (the search thesaurus) becomes one more
scheme, ``thesaurus``.

>>> concept("level", "rural").endswith("/id/level/rural")
True
>>> try:
...     concept("level", "village")
... except UnknownConceptError as exc:
...     print(exc)
unknown code 'village' in scheme 'level' (known: region, district, district_in_city, rural)
>>> codes("selection")
('appointment', 'indirect_election', 'direct_election', 'soviet', 'unknown')
"""
from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from kg.namespaces import AKN

from kg.uri import base_iri, concept_iri

DATA_DIR = Path(__file__).resolve().parent.parent / "corpus" / "data"
VOCABULARIES = DATA_DIR / "vocabularies.yaml"
THESAURUS = DATA_DIR / "thesaurus.yaml"
LANGUAGES = ("ru", "kk", "en")


class VocabularyError(ValueError):
    """A vocabulary file is malformed."""


class UnknownConceptError(ValueError):
    """A code that is not in its concept scheme."""


def scheme_iri(scheme: str) -> URIRef:
    """IRI of a concept scheme.

    >>> scheme_iri("level") == URIRef(base_iri() + "id/level")
    True
    """
    return URIRef(f"{base_iri()}id/{scheme}")


@functools.lru_cache(maxsize=4)
def _load(path: str) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path}: cannot read vocabularies: {exc}".splitlines()[0]) from exc
    schemes = (data or {}).get("schemes")
    if not isinstance(schemes, dict) or not schemes:
        raise VocabularyError(f"{path}: no 'schemes' mapping")
    for name, scheme in schemes.items():
        seen = set()
        for i, c in enumerate(scheme.get("concepts") or []):
            code = c.get("code") if isinstance(c, dict) else None
            if not code or not isinstance(c.get("pref"), dict) or "ru" not in c["pref"]:
                raise VocabularyError(f"{path}: scheme {name}, concept #{i + 1}: needs a code and pref.ru")
            if code in seen:
                raise VocabularyError(f"{path}: scheme {name}: duplicate code {code!r}")
            seen.add(code)
    return schemes


def load_vocabularies(path: Optional[Path] = None) -> dict:
    """The schemes of ``vocabularies.yaml`` as a dict: name -> {labels, definition, concepts}."""
    return _load(str(path or VOCABULARIES))


def codes(scheme: str, path: Optional[Path] = None) -> tuple[str, ...]:
    """The codes of one scheme, in file order."""
    schemes = load_vocabularies(path)
    if scheme not in schemes:
        raise UnknownConceptError(f"unknown concept scheme {scheme!r} (known: {', '.join(schemes)})")
    return tuple(c["code"] for c in schemes[scheme]["concepts"])


def concept(scheme: str, code: str, path: Optional[Path] = None) -> URIRef:
    """IRI of a concept, checked against the vocabulary (raises :class:`UnknownConceptError`)."""
    known = codes(scheme, path)
    if code not in known:
        raise UnknownConceptError(f"unknown code {code!r} in scheme {scheme!r} (known: {', '.join(known)})")
    return URIRef(concept_iri(scheme, code))


def label(scheme: str, code: str, lang: str = "ru", path: Optional[Path] = None) -> str:
    """Preferred label of a concept in ``lang`` (falls back to Russian).

    >>> label("selection", "direct_election")
    'прямые выборы'
    >>> label("institution_type", "akim", "kk")
    'әкім'
    """
    concept(scheme, code, path)
    for c in load_vocabularies(path)[scheme]["concepts"]:
        if c["code"] == code:
            return c["pref"].get(lang) or c["pref"]["ru"]
    raise AssertionError("unreachable")


def _lit_map(g: Graph, subject: URIRef, predicate: URIRef, values: Any) -> None:
    """Add language-tagged literals from {lang: str | [str]}."""
    for lang, value in (values or {}).items():
        for v in value if isinstance(value, list) else [value]:
            if v not in (None, ""):
                g.add((subject, predicate, Literal(str(v), lang=lang)))


def add_vocabularies(g: Graph, path: Optional[Path] = None) -> Graph:
    """Add every scheme of ``vocabularies.yaml`` to ``g`` as SKOS and return ``g``.

    >>> g = add_vocabularies(Graph())
    >>> c = concept("institution_type", "akim")
    >>> sorted(str(o) for o in g.objects(c, SKOS.altLabel) if o.language == "ru")
    ['глава администрации', 'глава местной администрации']
    >>> str(g.value(c, SKOS.notation))
    'akim'
    """
    for name, scheme in load_vocabularies(path).items():
        s = scheme_iri(name)
        g.add((s, RDF.type, SKOS.ConceptScheme))
        g.add((s, SKOS.notation, Literal(name)))
        _lit_map(g, s, SKOS.prefLabel, scheme.get("labels"))
        _lit_map(g, s, SKOS.definition, scheme.get("definition"))
        members = [c["code"] for c in scheme["concepts"]]
        for c in scheme["concepts"]:
            iri = URIRef(concept_iri(name, c["code"]))
            g.add((iri, RDF.type, SKOS.Concept))
            g.add((iri, SKOS.inScheme, s))
            g.add((iri, SKOS.notation, Literal(c["code"])))
            _lit_map(g, iri, SKOS.prefLabel, c["pref"])
            _lit_map(g, iri, SKOS.altLabel, c.get("alt"))
            _lit_map(g, iri, SKOS.definition, c.get("definition"))
            _lit_map(g, iri, SKOS.historyNote, c.get("note"))
            if c.get("broader"):
                if c["broader"] not in members:
                    raise VocabularyError(f"scheme {name}: {c['code']} has an unknown broader {c['broader']!r}")
                b = URIRef(concept_iri(name, c["broader"]))
                g.add((iri, SKOS.broader, b))
                g.add((b, SKOS.narrower, iri))
            else:
                g.add((s, SKOS.hasTopConcept, iri))
                g.add((iri, SKOS.topConceptOf, s))
    return g


# ---------------------------------------------------------------- thesaurus

_PREF_KEYS = ("pref", "prefLabel", "pref_label", "label", "term", "lemma", "name")
_ALT_KEYS = ("alt", "altLabel", "alt_labels", "altLabels", "synonyms", "variants", "forms", "abbreviations")
_HIDDEN_KEYS = ("hidden", "hiddenLabel", "misspellings")
_NOTE_KEYS = ("definition", "scopeNote", "scope", "note", "description")
_LINK_KEYS = {"broader": SKOS.broader, "narrower": SKOS.narrower, "related": SKOS.related}


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _entries(data: Any) -> Iterable[tuple[str, Any]]:
    """(id, entry) pairs from the shapes a SKOS-like YAML file can take."""
    if isinstance(data, dict):
        for key in ("concepts", "terms", "entries", "thesaurus"):
            if key in data:
                yield from _entries(data[key])
                return
        for key, entry in data.items():
            if isinstance(entry, dict):
                yield str(entry.get("id") or entry.get("code") or key), entry
            elif isinstance(entry, list):          # id: [synonyms...]
                yield str(key), {"pref": key, "alt": entry}
        return
    if isinstance(data, list):
        for i, entry in enumerate(data):
            if isinstance(entry, dict):
                pref = next((entry[k] for k in _PREF_KEYS if entry.get(k)), None)
                pref = pref.get("ru") if isinstance(pref, dict) else pref
                ident = entry.get("id") or entry.get("code") or pref or f"c{i + 1}"
                yield str(ident), entry
            elif isinstance(entry, list) and entry:  # a synonym ring
                yield str(entry[0]), {"pref": entry[0], "alt": entry[1:]}


def _labels(g: Graph, subject: URIRef, predicate: URIRef, value: Any, lang: str) -> None:
    if isinstance(value, dict):
        _lit_map(g, subject, predicate, value)
        return
    for v in _as_list(value):
        if isinstance(v, dict):
            _lit_map(g, subject, predicate, v)
        elif v not in (None, ""):
            g.add((subject, predicate, Literal(str(v), lang=lang)))


def add_thesaurus(g: Graph, path: Optional[Path] = None, *, lang: str = "ru") -> Graph:
    """Add the search thesaurus (a SKOS-like YAML file) to ``g`` as a concept scheme.

    The scheme is named by the file's ``scheme.id`` (default ``thesaurus``).
    Accepted shapes: a ``concepts`` list or mapping of entries with a preferred
    label (``pref``/``prefLabel``/``label``/``term``), alternative labels
    (``alt``/``altLabel``/``synonyms``/``variants``), ``broader``/``narrower``/
    ``related`` ids and a ``definition``/``scopeNote``; or plain synonym lists.
    A missing file adds nothing.

    >>> import tempfile, os
    >>> p = Path(tempfile.mkdtemp()) / "t.yaml"
    >>> _ = p.write_text("concepts:\\n  - id: akim\\n    pref: аким\\n    alt: [глава администрации]\\n"
    ...                  "  - id: akimat\\n    pref: акимат\\n    related: [akim]\\n", encoding="utf-8")
    >>> g = add_thesaurus(Graph(), p)
    >>> str(g.value(URIRef(concept_iri("thesaurus", "akim")), SKOS.altLabel))
    'глава администрации'
    >>> (URIRef(concept_iri("thesaurus", "akimat")), SKOS.related, URIRef(concept_iri("thesaurus", "akim"))) in g
    True
    >>> (URIRef(concept_iri("thesaurus", "akim")), SKOS.closeMatch, concept("institution_type", "akim")) in g
    True
    """
    path = Path(path or THESAURUS)
    if not path.exists():
        return g
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path}: cannot read thesaurus: {exc}".splitlines()[0]) from exc
    head = data.get("scheme") if isinstance(data, dict) and isinstance(data.get("scheme"), dict) else {}
    name = str(head.get("id") or "thesaurus")
    s = scheme_iri(name)
    g.add((s, RDF.type, SKOS.ConceptScheme))
    g.add((s, SKOS.notation, Literal(name)))
    labels = head.get("prefLabel") or head.get("labels") or {"ru": "Тезаурус поиска", "en": "Search thesaurus"}
    _labels(g, s, SKOS.prefLabel, labels, lang)
    g.add((s, DCTERMS.source, Literal(path.name)))
    entries = list(_entries(data))
    schemes = load_vocabularies()
    for ident, entry in entries:
        iri = URIRef(concept_iri(name, ident))
        g.add((iri, RDF.type, SKOS.Concept))
        g.add((iri, SKOS.inScheme, s))
        g.add((iri, SKOS.notation, Literal(ident)))
        entry_lang = entry.get("lang") or entry.get("language") or lang
        pref = next((entry[k] for k in _PREF_KEYS if entry.get(k)), ident)
        _labels(g, iri, SKOS.prefLabel, pref, entry_lang)
        for keys, predicate in ((_ALT_KEYS, SKOS.altLabel), (_HIDDEN_KEYS, SKOS.hiddenLabel),
                                (_NOTE_KEYS, SKOS.scopeNote)):
            for k in keys:
                if isinstance(entry.get(k), (str, list, dict)):
                    _labels(g, iri, predicate, entry[k], entry_lang)
        for key, predicate in _LINK_KEYS.items():
            for other in _as_list(entry.get(key)):
                g.add((iri, predicate, URIRef(concept_iri(name, str(other)))))
        if isinstance(entry.get("weight"), (int, float)):
            # canonical xsd:decimal lexical form ("0", "0.5"), as stores normalise it
            lexical = format(Decimal(str(entry["weight"])).normalize(), "f")
            g.add((iri, AKN.searchWeight, Literal(lexical, datatype=XSD.decimal)))
        if not entry.get("broader"):
            g.add((s, SKOS.hasTopConcept, iri))
        for other, scheme in schemes.items():           # same code in an akimkg scheme: a close match
            if any(c["code"] == ident for c in scheme["concepts"]):
                g.add((iri, SKOS.closeMatch, URIRef(concept_iri(other, ident))))
    return g


def vocabulary_graph(vocabularies: Optional[Path] = None, thesaurus: Optional[Path] = None) -> Graph:
    """A new graph with both the akimkg schemes and the thesaurus."""
    g = Graph()
    add_vocabularies(g, vocabularies)
    add_thesaurus(g, thesaurus)
    return g


def concept_codes(mapping: Mapping[str, str]) -> dict[str, URIRef]:
    """Concept IRIs for {scheme: code}, skipping None codes (``consent: null``).

    >>> sorted(concept_codes({"selection": "appointment", "consent": None}))
    ['selection']
    """
    return {scheme: concept(scheme, code) for scheme, code in mapping.items() if code is not None}
