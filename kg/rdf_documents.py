"""Acts, editions, provisions, amendment records, notes and citations as ELI triples.

* An act is a work: ``eli:LegalResource`` (akn:Act) with ``eli:id_local`` (its
  document code), ``eli:date_document``, ``eli:first_date_entry_in_force`` /
  ``eli:date_no_longer_in_force`` when known, ``eli:is_realized_by`` its editions.
* An edition is an expression: ``eli:LegalExpression`` (akn:Edition) with its
  language, date, title and in-force interval (:mod:`kg.validity`, OWL-Time).
* A provision exists at the work level (akn:Provision, ``eli:LegalResourceSubdivision``,
  the same IRI in every edition) and per edition (akn:ProvisionEdition), whose
  text is ``rdf:value`` and which ``eli:is_part_of`` its parent provision
  edition and its edition.
* A footnote becomes an akn:AmendmentRecord linking the provision to the
  amending acts (``eli:amends``/``eli:amended_by``, ``eli:repeals``/``eli:repealed_by``
  for exclusions); an amending act outside the corpus becomes an
  akn:ActReference holding what the footnote gives (type, date, number).
* Cross-references in the text (:mod:`kg.crossrefs`) become ``eli:cites``.

>>> from rdflib import Graph
>>> from kg.model import Act, ActRef, Amendment, Edition, EditionMeta, Provision
>>> from kg.namespaces import ELI, AKN
>>> act = Act(id="law-x", code="77", type="law", title="О местном управлении", date="2001-01-23", number="148-II")
>>> art = Provision(eid="art_1", kind="article", num="1", heading="Понятия", text="Статья 1. Понятия", order=1)
>>> pt = Provision(eid="art_1/point_2", kind="point", num="2", heading=None, parent="art_1", order=2,
...                text="2. Аким назначается в соответствии с пунктом 4 статьи 87 Конституции.")
>>> fn = Amendment(target="art_1/point_2", action="new_wording", acts=(ActRef("law", "2009-02-10", "123-IV"),))
>>> ed = Edition(meta=EditionMeta("law-x", "2011-03-24"), title="О местном управлении", provisions=(art, pt),
...              amendments=(fn,))
>>> g = Graph()
>>> stats = add_documents(g, {"law-x": act}, [ed])
>>> stats["provisions"], stats["amendments"], stats["citations_unresolved"]
(2, 1, 1)
>>> w = provision_iri_for(act, "art_1/point_2")
>>> e = provision_iri_for(act, "art_1/point_2", "2011-03-24")
>>> (w, ELI.is_realized_by, e) in g and (e, ELI.is_part_of, edition_iri(act, "2011-03-24")) in g
True
>>> amending = actref_iri(ActRef("law", "2009-02-10", "123-IV"))
>>> (amending, ELI.amends, w) in g and (w, ELI.amended_by, amending) in g
True
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, Mapping, Optional, Union

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.crossrefs import CrossRef, Resolver, extract, normalize_title, number_stem
from kg.model import Act, ActRef, Edition
from kg.namespaces import AKN, ELI, ELI_LANGUAGE
from kg.rdf_helpers import add_validity, date_literal, derive
from kg.uri import act_work_iri, concept_iri, entity_iri, expression_iri, provision_iri
from kg.validity import Interval, edition_intervals

_LANG_TAG = {"rus": "ru", "kaz": "kk", "eng": "en"}
_ACT_TYPES = ("constitution", "constitutional_law", "law", "decree", "resolution", "local_act", "other")


# ---------------------------------------------------------------- IRIs

def act_iri(act: Act) -> URIRef:
    """Work IRI of an act (:func:`kg.uri.work_iri` with its type, adoption date and document code).

    >>> act_iri(Act(id="c", code="1", type="constitution", title="К", date="1995-08-30"))
    rdflib.term.URIRef('https://w3id.org/akimkg/eli/kz/constitution/1995/1')
    """
    return URIRef(act_work_iri(act))


def edition_iri(act: Act, date: str, language: str = "rus") -> URIRef:
    """Expression IRI of an edition of ``act``."""
    return URIRef(expression_iri(act_iri(act), date, language))


def provision_iri_for(act: Act, eid: str, date: Optional[str] = None, language: str = "rus") -> URIRef:
    """Provision IRI: work level without ``date``, the provision edition with it.

    >>> a = Act(id="c", code="1", type="constitution", title="К", date="1995-08-30")
    >>> provision_iri_for(a, "art_87/point_4", "2022-09-17").endswith("/1/rus@2022-09-17/art_87/point_4")
    True
    """
    return URIRef(provision_iri(str(act_iri(act)), eid, date, language))


def actref_iri(ref: ActRef, title: Optional[str] = None) -> URIRef:
    """IRI of an act known only from a reference, keyed by type, date and number stem (or title).

    >>> actref_iri(ActRef("law", "2007-05-21", "254-III")).endswith("/id/actref/law_2007-05-21_254")
    True
    >>> actref_iri(ActRef("law", "2007-05-21", "254")) == actref_iri(ActRef("law", "2007-05-21", "254-III"))
    True
    """
    if ref.date or ref.number:
        local = "_".join(x for x in (ref.type, ref.date, number_stem(ref.number)) if x)
    else:
        digest = hashlib.sha1(normalize_title(title or ref.raw).encode("utf-8")).hexdigest()[:12]
        local = f"{ref.type}_t{digest}"
    return URIRef(entity_iri("actref", re.sub(r"[^0-9A-Za-z_.~-]", "-", local)))


def _lang(language: str) -> str:
    return _LANG_TAG.get(language, language[:2])


def _type_concept(act_type: str) -> URIRef:
    return URIRef(concept_iri("act_type", act_type if act_type in _ACT_TYPES else "other"))


@lru_cache(maxsize=65536)
def _refs(text: str) -> tuple[CrossRef, ...]:
    return tuple(extract(text))


# ---------------------------------------------------------------- builder

_SAFE_EID = re.compile(r"[0-9A-Za-z_.~/-]*")


class _DocumentWriter:
    def __init__(self, g: Graph, acts: Mapping[str, Act], editions: list[Edition],
                 intervals: Mapping[tuple[str, str], Interval]):
        self.g = g
        self._act_iris = {a.id: act_iri(a) for a in acts.values()}
        self._literals: dict[object, Literal] = {}
        self.acts = acts
        self.editions = editions
        self.intervals = intervals
        self.eids: dict[str, set[str]] = defaultdict(set)
        for ed in editions:
            self.eids[ed.act_id].update(p.eid for p in ed.provisions)
        self.resolver = Resolver(acts, self.eids)
        self.refs_done: set[URIRef] = set()
        self.works_done: set[URIRef] = set()
        self.stats = defaultdict(int)

    def lit(self, value) -> Literal:
        """A shared plain literal for values that repeat (kinds, statuses, files, lines, orders)."""
        hit = self._literals.get(value)
        if hit is None:
            hit = self._literals[value] = Literal(value)
        return hit

    def piri(self, act: Act, eid: str, date: Optional[str] = None, language: str = "rus") -> URIRef:
        """Provision IRI by concatenation when the eid needs no escaping (the usual case)."""
        if not _SAFE_EID.fullmatch(eid) or "//" in eid or eid.startswith("/") or eid.endswith("/"):
            return provision_iri_for(act, eid, date, language)
        base = self._act_iris[act.id]
        if date is None:
            return URIRef(f"{base}/{eid}" if eid else base)
        return URIRef(f"{base}/{language}@{date}/{eid}" if eid else f"{base}/{language}@{date}")

    # -- acts
    def act(self, act: Act) -> URIRef:
        g, a = self.g, act_iri(act)
        g.add((a, RDF.type, ELI.LegalResource))
        g.add((a, RDF.type, AKN.Act))
        g.add((a, AKN.actId, Literal(act.id)))
        if act.code:
            g.add((a, ELI.id_local, Literal(act.code)))
        g.add((a, ELI.type_document, _type_concept(act.type)))
        g.add((a, DCTERMS.title, Literal(act.title, lang="ru")))
        g.add((a, RDFS.label, Literal(act.short_title or act.title, lang="ru")))
        if act.number:
            g.add((a, ELI.number, Literal(act.number)))
        if act.date:
            g.add((a, ELI.date_document, date_literal(act.date)))
        if act.in_force_from:
            g.add((a, ELI.first_date_entry_in_force, date_literal(act.in_force_from)))
        if act.in_force_to:
            g.add((a, ELI.date_no_longer_in_force, date_literal(act.in_force_to)))
        if act.url:
            g.add((a, DCTERMS.source, URIRef(act.url.replace(" ", "%20"))))
        for src in act.sources:
            g.add((a, DCTERMS.source, Literal(src)))
        if act.repealed_by:
            from kg.footnotes import parse_act_refs

            for ref in parse_act_refs(act.repealed_by)[:1]:
                other = self.amending(ref)
                g.add((a, ELI.repealed_by, other))
                g.add((other, ELI.repeals, a))
            g.add((a, RDFS.comment, Literal(f"Утратил силу: {act.repealed_by}", lang="ru")))
        self.stats["acts"] += 1
        return a

    def reference(self, ref: ActRef, title: Optional[str] = None) -> URIRef:
        """An act outside the corpus, created once, with what the reference gives."""
        iri = actref_iri(ref, title)
        g = self.g
        if iri in self.refs_done:
            known = g.value(iri, ELI.number)
            if ref.number and (known is None or len(ref.number) > len(str(known))):
                g.set((iri, ELI.number, Literal(ref.number)))      # keep the fullest form («254-III»)
            return iri
        self.refs_done.add(iri)
        g.add((iri, RDF.type, ELI.LegalResource))
        g.add((iri, RDF.type, AKN.ActReference))
        g.add((iri, ELI.type_document, _type_concept(ref.type)))
        key = (f"{ref.type}|{ref.date or ''}|{number_stem(ref.number) or ''}" if (ref.date or ref.number)
               else f"{ref.type}||title:{normalize_title(title or ref.raw)}")
        g.add((iri, AKN.referenceKey, Literal(key)))
        if ref.date:
            g.add((iri, ELI.date_document, date_literal(ref.date)))
        if ref.number:
            g.add((iri, ELI.number, Literal(ref.number)))
        if title:
            g.add((iri, DCTERMS.title, Literal(title, lang="ru")))
        if ref.raw:
            g.add((iri, AKN.citedAs, Literal(ref.raw, lang="ru")))
        self.stats["act_references"] += 1
        return iri

    def amending(self, ref: ActRef, title: Optional[str] = None) -> URIRef:
        """The IRI of an act a footnote or citation names: the corpus act when known, else a reference."""
        known = self.resolver.act_for(ref, title)
        return act_iri(self.acts[known]) if known else self.reference(ref, title)

    # -- editions
    def edition(self, ed: Edition) -> None:
        act = self.acts[ed.act_id]
        g, a = self.g, act_iri(act)
        lang = ed.meta.language
        tag = _lang(lang)
        e = edition_iri(act, ed.date, lang)
        g.add((a, ELI.is_realized_by, e))
        g.add((e, ELI.realizes, a))
        g.add((e, RDF.type, ELI.LegalExpression))
        g.add((e, RDF.type, AKN.Edition))
        g.add((e, ELI.language, ELI_LANGUAGE[lang.upper()]))
        g.add((e, ELI.title, Literal(ed.title or act.title, lang=tag)))
        g.add((e, ELI.version_date, date_literal(ed.date)))
        g.add((e, RDFS.label, Literal(f"{act.short_title or act.title}, ред. {ed.date}", lang="ru")))
        iv = self.intervals.get((ed.act_id, ed.date))
        if iv is not None:
            g.add((e, ELI.first_date_entry_in_force, date_literal(iv.start)))
            if iv.end:
                g.add((e, ELI.date_no_longer_in_force, date_literal(iv.end)))
            add_validity(g, e, iv.start, iv.end, end_precision=iv.end_precision)
        meta = ed.meta
        if meta.source_url:
            g.add((e, DCTERMS.source, URIRef(meta.source_url.replace(" ", "%20"))))
        g.add((e, AKN.dateBasis, Literal(meta.date_basis)))
        if meta.sha256:
            g.add((e, AKN.sha256, Literal(meta.sha256)))
        if meta.caused_by:
            g.add((e, AKN.causedBy, Literal(meta.caused_by, lang="ru")))
        for part in ed.missing_parts:
            g.add((e, AKN.missingPart, Literal(part)))
        self.stats["editions"] += 1

        present = {p.eid for p in ed.provisions}
        for p in ed.provisions:
            self.provision(act, ed, e, p, tag, present)
        for i, fn in enumerate(ed.amendments, 1):
            self.amendment(act, ed, e, i, fn, present)
        for i, note in enumerate(ed.notes, 1):
            n = URIRef(entity_iri("note", f"{act.id}_{ed.date}_{lang}_{i}"))
            g.add((n, RDF.type, AKN.Note))
            g.add((n, RDF.value, Literal(note.text, lang=tag)))
            target = note.target if note.target in present else ""
            g.add((n, AKN.target, self.piri(act, target)))
            rec = self.piri(act, target, ed.date, lang)
            g.add((n, AKN.recordedIn, rec))
            self._where(n, note.file, note.line)
            derive(g, n, rec)
            self.stats["notes"] += 1

    def _where(self, node: URIRef, file: str, line: int) -> None:
        if file:
            self.g.add((node, AKN.sourceFile, self.lit(file)))
        if line:
            self.g.add((node, AKN.sourceLine, self.lit(line)))

    def provision(self, act: Act, ed: Edition, e: URIRef, p, tag: str, present: set) -> None:
        g, lit = self.g, self.lit
        lang = ed.meta.language
        w = self.piri(act, p.eid)
        x = self.piri(act, p.eid, ed.date, lang)
        eid, kind, num = lit(p.eid), lit(p.kind), lit(p.num) if p.num else None
        if w not in self.works_done:
            self.works_done.add(w)
            g.add((w, RDF.type, ELI.LegalResourceSubdivision))
            g.add((w, RDF.type, AKN.Provision))
            g.add((w, ELI.is_part_of, self.piri(act, p.parent) if p.parent else self._act_iris[act.id]))
            g.add((w, AKN.eid, eid))
            g.add((w, AKN.kind, kind))
            if num is not None:
                g.add((w, ELI.number, num))
        g.add((w, ELI.is_realized_by, x))
        g.add((x, ELI.realizes, w))
        g.add((x, RDF.type, ELI.LegalExpression))
        g.add((x, RDF.type, AKN.ProvisionEdition))
        g.add((x, ELI.is_part_of, e))
        if p.parent and p.parent in present:
            g.add((x, ELI.is_part_of, self.piri(act, p.parent, ed.date, lang)))
        g.add((x, AKN.eid, eid))
        g.add((x, AKN.kind, kind))
        if num is not None:
            g.add((x, ELI.number, num))
        if p.heading:
            g.add((x, ELI.title, Literal(p.heading, lang=tag)))
        g.add((x, RDF.value, Literal(p.text, lang=tag)))
        g.add((x, AKN.path, Literal(p.path, lang="ru")))
        g.add((x, AKN.order, lit(p.order)))
        g.add((x, AKN.status, lit(p.status)))
        self._where(x, p.file, p.line)
        self.stats["provisions"] += 1
        self.citations(act, ed, x, w, p)

    def citations(self, act: Act, ed: Edition, x: URIRef, w: URIRef, p) -> None:
        cited: set[URIRef] = set()
        for ref in _refs(p.text):
            if ref.target == "unknown":
                continue
            hit = self.resolver.resolve(ref, act.id, p.eid, ed.date)
            if hit is not None:
                target_act, eid = hit
                t = self.piri(self.acts[target_act], eid)
            elif ref.target == "act" and ref.act is not None:
                t = self.reference(ref.act, ref.title)
                self.stats["citations_unresolved"] += 1
            else:
                self.stats["citations_unresolved"] += 1
                continue
            if t != w and t not in cited:
                cited.add(t)
                self.g.add((x, ELI.cites, t))
                self.stats["citations"] += 1

    def amendment(self, act: Act, ed: Edition, e: URIRef, i: int, fn, present: set) -> None:
        g = self.g
        lang = ed.meta.language
        r = URIRef(entity_iri("amendment", f"{act.id}_{ed.date}_{lang}_{i}"))
        known = fn.target if fn.target in present or fn.target in self.eids[act.id] else ""
        target = self.piri(act, known)
        recorded = self.piri(act, known, ed.date, lang) if known in present else e
        g.add((r, RDF.type, AKN.AmendmentRecord))
        g.add((r, AKN.action, URIRef(concept_iri("amendment_action", fn.action))))
        g.add((r, AKN.target, target))
        g.add((r, AKN.recordedIn, recorded))
        g.add((r, RDF.value, Literal(fn.text, lang=_lang(lang))))
        if fn.effective:
            g.add((r, AKN.effectivePhrase, Literal(fn.effective, lang="ru")))
        self._where(r, fn.file, fn.line)
        derive(g, r, recorded)
        link = {"excluded": (ELI.repeals, ELI.repealed_by),
                "amended": (ELI.amends, ELI.amended_by),
                "new_wording": (ELI.amends, ELI.amended_by),
                "supplemented": (ELI.amends, ELI.amended_by)}.get(fn.action)
        for ref in fn.acts:
            other = self.amending(ref)
            g.add((r, AKN.amendingAct, other))
            if link:
                g.add((other, link[0], target))
                g.add((target, link[1], other))
        self.stats["amendments"] += 1


def add_documents(g: Graph, acts: Union[Mapping[str, Act], Iterable[Act]], editions: Iterable[Edition],
                  *, intervals: Optional[Mapping[tuple[str, str], Interval]] = None) -> dict:
    """Write acts, editions, provisions, footnotes, notes and citations into ``g``; return counts.

    Acts without an edition are written too (as works without expressions).
    An edition whose act is not in ``acts`` raises :class:`KeyError`.
    """
    acts = dict(acts) if isinstance(acts, Mapping) else {a.id: a for a in acts}
    editions = list(editions)
    missing = sorted({ed.act_id for ed in editions} - set(acts))
    if missing:
        raise KeyError(f"editions of unknown acts: {', '.join(missing)}")
    intervals = intervals if intervals is not None else edition_intervals(acts, editions)
    w = _DocumentWriter(g, acts, editions, intervals)
    for act in acts.values():
        w.act(act)
    for ed in sorted(editions, key=lambda e: (e.act_id, e.date, e.meta.language)):
        w.edition(ed)
    return dict(w.stats)
