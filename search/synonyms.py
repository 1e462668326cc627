"""Synonyms from the domain thesaurus, as a weighted and switchable query expansion.

The thesaurus (``corpus/data/thesaurus.yaml``, SKOS-like, documented at the
top of that file) groups labels into concepts. Every Russian label is analysed
like a query (lemmas, stop words removed); when a query holds the lemmas of
one label of a concept, the other labels of that concept are added as
alternatives boosted by the concept's weight, so the words the user typed
still rank first.

>>> syn = Synonyms.from_concepts(load_thesaurus())
>>> [(" ".join(alt), w) for alt, w in syn.expansions(("выборность",))][:3]
[('выбирать', 0.5), ('выборный', 0.5), ('выборы', 0.5)]
>>> [" ".join(alt) for alt, _ in syn.expansions(("глава", "местный", "администрация"))][:2]
['аким', 'глава администрация']
>>> syn.expansions(("облыс",)), syn.expansions(("аким",))[:1]
(((('область',), 1.0),), ((('глава', 'администрация'), 0.6),))
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

import yaml
from whoosh import query as wq

DEFAULT_THESAURUS = Path(__file__).resolve().parent.parent / "corpus" / "data" / "thesaurus.yaml"
DEFAULT_WEIGHT = 0.5
PHRASE_SLOP = 2
VARIANT_LANGS = ("kk",)   # languages whose labels are spellings of the Russian terms, not synonyms
VARIANT_WEIGHT = 1.0


class ThesaurusError(ValueError):
    """The thesaurus file is malformed."""


@dataclass(frozen=True)
class Concept:
    """One concept of the thesaurus (a skos:Concept)."""

    id: str
    pref_label: Mapping[str, str]
    alt_label: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    hidden_label: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    scope_note: Mapping[str, str] = field(default_factory=dict)
    weight: float = DEFAULT_WEIGHT

    def labels(self, lang: str = "ru") -> tuple[str, ...]:
        """Preferred label first, then alternative and hidden labels, in one language."""
        out = [self.pref_label[lang]] if lang in self.pref_label else []
        out += list(self.alt_label.get(lang, ())) + list(self.hidden_label.get(lang, ()))
        return tuple(dict.fromkeys(out))


def _labels(value, where: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ThesaurusError(f"{where}: expected a mapping language -> list of labels")
    out = {}
    for lang, labels in value.items():
        if isinstance(labels, str):
            labels = [labels]
        if not isinstance(labels, list) or not all(isinstance(x, str) and x.strip() for x in labels):
            raise ThesaurusError(f"{where}.{lang}: expected a list of non-empty strings")
        out[str(lang)] = tuple(x.strip() for x in labels)
    return out


def load_thesaurus(path: Optional[Path] = None) -> list[Concept]:
    """Read and check the thesaurus file (default: the project's own).

    >>> concepts = load_thesaurus()
    >>> next(c for c in concepts if c.id == "akim").pref_label["kk"]
    'әкім'
    """
    path = Path(path) if path is not None else DEFAULT_THESAURUS
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ThesaurusError(f"cannot read thesaurus {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise ThesaurusError(f"{path}: expected a mapping with a 'concepts' list")
    concepts, seen = [], set()
    for i, raw in enumerate(data["concepts"]):
        where = f"{path.name}: concepts[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise ThesaurusError(f"{where}: every concept needs an 'id'")
        cid = raw["id"]
        if cid in seen:
            raise ThesaurusError(f"{where}: duplicate concept id {cid!r}")
        seen.add(cid)
        pref = raw.get("prefLabel")
        if not isinstance(pref, dict) or not isinstance(pref.get("ru"), str):
            raise ThesaurusError(f"{where} ({cid}): prefLabel.ru is required")
        weight = raw.get("weight", DEFAULT_WEIGHT)
        if not isinstance(weight, (int, float)) or not 0 <= weight <= 1:
            raise ThesaurusError(f"{where} ({cid}): weight must be a number in [0, 1]")
        concepts.append(Concept(
            id=cid,
            pref_label={str(k): str(v) for k, v in pref.items()},
            alt_label=_labels(raw.get("altLabel"), f"{where}.altLabel"),
            hidden_label=_labels(raw.get("hiddenLabel"), f"{where}.hiddenLabel"),
            broader=tuple(raw.get("broader") or ()),
            related=tuple(raw.get("related") or ()),
            scope_note=dict(raw.get("scopeNote") or {}),
            weight=float(weight),
        ))
    for c in concepts:
        for ref in c.broader + c.related:
            if ref not in seen:
                raise ThesaurusError(f"{path.name}: concept {c.id!r} refers to unknown concept {ref!r}")
    return concepts


Key = tuple[str, ...]


@dataclass(frozen=True)
class Synonyms:
    """Expansion table: lemma sequence of a label → the other labels' lemma sequences with weights."""

    table: Mapping[Key, tuple[tuple[Key, float], ...]]

    @classmethod
    def from_concepts(cls, concepts: Iterable[Concept], lang: str = "ru",
                      variant_langs: Sequence[str] = VARIANT_LANGS) -> "Synonyms":
        """The table of one language's labels, plus the labels of ``variant_langs`` as
        spellings of the same term: a Kazakh label in a query («облыс», «аудан», «ауылдық
        округ») expands to the Russian preferred label at weight :data:`VARIANT_WEIGHT`,
        whatever the concept's weight (which is about near-synonyms, not translations)."""
        from search.analysis import analyze

        table: dict[Key, list[tuple[Key, float]]] = {}

        def add(key: Key, other: Key, weight: float) -> None:
            entry = table.setdefault(key, [])
            if other != key and all(other != o for o, _ in entry):
                entry.append((other, weight))

        for c in concepts:
            keys = [tuple(analyze(label, "lemma", "query")) for label in c.labels(lang)]
            keys = [k for k in dict.fromkeys(keys) if k]
            if c.weight > 0:
                for k in keys:
                    for other in keys:
                        add(k, other, c.weight)
            if keys:
                for vlang in variant_langs:
                    for label in c.labels(vlang):
                        variant = tuple(analyze(label, "lemma", "query"))
                        if variant and variant not in keys:
                            add(variant, keys[0], VARIANT_WEIGHT)
        # sorted: the table does not depend on the order labels come in (YAML or SPARQL)
        return cls({k: tuple(sorted(v)) for k, v in table.items() if v})

    @classmethod
    def default(cls) -> "Synonyms":
        return cls.from_concepts(load_thesaurus())

    @property
    def max_len(self) -> int:
        return max((len(k) for k in self.table), default=0)

    def expansions(self, key: Sequence[str]) -> tuple[tuple[Key, float], ...]:
        return self.table.get(tuple(key), ())

    def to_json(self) -> str:
        """Serialise (stored next to the index so queries expand as at build time).

        >>> s = Synonyms({("a",): ((("b", "c"), 0.5),)})
        >>> Synonyms.from_json(s.to_json()) == s
        True
        """
        rows = [[list(k), [[list(o), w] for o, w in v]] for k, v in sorted(self.table.items())]
        return json.dumps(rows, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Synonyms":
        rows = json.loads(text)
        return cls({tuple(k): tuple((tuple(o), float(w)) for o, w in v) for k, v in rows})


def _alternative(fieldname: str, key: Key, weight: float, n_original: int) -> wq.Query:
    """One alternative label; a longer label is damped so that it scores about as one label match."""
    boost = weight * min(1.0, n_original / len(key))
    if len(key) == 1:
        return wq.Term(fieldname, key[0], boost=boost)
    return wq.Phrase(fieldname, list(key), slop=PHRASE_SLOP, boost=boost)


def _all_of(run: list, parent_cls) -> wq.Query:
    """The words of a multi-word label as typed, scored by how many of them a provision has."""
    if issubclass(parent_cls, wq.Or):
        from search.ranking import CoordOr

        return CoordOr(run)
    return parent_cls(run)


def _either(original: wq.Query, alternatives: list) -> wq.Query:
    # the best-scoring of the original words and their synonyms, not their sum:
    # a provision that says both is not twice as relevant
    from search.ranking import BestOf

    return BestOf([original] + alternatives)


def _is_term(q, fieldname) -> bool:
    return type(q) is wq.Term and q.fieldname == fieldname


def _expand_children(children: list, parent_cls, syn: Synonyms, fieldname: str) -> list:
    out, i, longest = [], 0, syn.max_len
    while i < len(children):
        done = False
        if _is_term(children[i], fieldname):
            for n in range(min(longest, len(children) - i), 0, -1):
                run = children[i:i + n]
                if not all(_is_term(c, fieldname) for c in run):
                    continue
                alts = syn.expansions(tuple(c.text for c in run))
                if alts:
                    original = run[0] if n == 1 else _all_of(run, parent_cls)
                    out.append(_either(original, [_alternative(fieldname, k, w, n) for k, w in alts]))
                    i += n
                    done = True
                    break
        if not done:
            out.append(children[i])
            i += 1
    return out


def expand_query(q: wq.Query, syn: Synonyms, fieldname: str) -> wq.Query:
    """Add the thesaurus alternatives of the labels found in a parsed query.

    Runs of plain terms (in query order) and whole phrases are matched
    against the labels, longest first; negated parts are left alone.

    >>> syn = Synonyms({("аким",): ((("глава", "администрация"), 0.6),)})
    >>> expand_query(wq.And([wq.Term("t", "аким"), wq.Term("t", "район")]), syn, "t")
    And([BestOf([Term('t', 'аким'), Phrase('t', ['глава', 'администрация'], slop=2, boost=0.300000)]), Term('t', 'район')])
    """
    from search.rewrite import rewrite

    if not syn.table:
        return q
    if _is_term(q, fieldname):
        return _expand_children([q], wq.Or, syn, fieldname)[0]

    def leaf(node):
        if type(node) is wq.Phrase and node.fieldname == fieldname:
            alts = syn.expansions(tuple(node.words))
            if alts:
                return _either(node, [_alternative(fieldname, k, w, len(node.words)) for k, w in alts])
        return node

    return rewrite(q, leaf=leaf,
                   children=lambda kids, parent: _expand_children(kids, type(parent), syn, fieldname))


def concepts_from_graph(graph, scheme: str = "thesaurus") -> list[Concept]:
    """The thesaurus concepts as the graph holds them (SKOS labels, akn:searchWeight).

    The index takes its synonyms from the built graph, so that what a user sees
    as ``skos:altLabel`` in SPARQL is exactly what the search expands.

    >>> from kg.vocab import add_thesaurus
    >>> from rdflib import Graph
    >>> table = Synonyms.from_concepts(concepts_from_graph(add_thesaurus(Graph()))).table
    >>> table == Synonyms.default().table
    True
    """
    from rdflib.namespace import SKOS

    from kg.namespaces import AKN
    from kg.vocab import scheme_iri

    out = []
    for c in sorted(graph.subjects(SKOS.inScheme, scheme_iri(scheme))):
        labels: dict = {"pref": {}, "alt": {}, "hidden": {}}
        for kind, prop in (("pref", SKOS.prefLabel), ("alt", SKOS.altLabel), ("hidden", SKOS.hiddenLabel)):
            for label in graph.objects(c, prop):
                lang = label.language or "ru"
                if kind == "pref":
                    labels["pref"][lang] = str(label)
                else:
                    labels[kind].setdefault(lang, []).append(str(label))
        weight = graph.value(c, AKN.searchWeight)
        out.append(Concept(id=str(graph.value(c, SKOS.notation) or c), pref_label=labels["pref"],
                           alt_label={k: tuple(sorted(v)) for k, v in labels["alt"].items()},
                           hidden_label={k: tuple(sorted(v)) for k, v in labels["hidden"].items()},
                           weight=DEFAULT_WEIGHT if weight is None else float(weight)))
    return out
