"""Derivational relatives of a lemma: verbal nouns, their verbs and aspect pairs.

Laws name an action with a verbal noun («порядок назначения», «прекращение
полномочий») where a researcher uses the verb («кто назначает»), or the
other way round; pymorphy3 lemmatises both correctly, but to different
lemmas, and a stemmer conflates them only by accident. This module proposes
candidates by regular Russian derivation (-ение/-ание ↔ -ать/-ять/-ить/-еть,
perfective -ить ↔ imperfective -ать, with the usual consonant alternations
д/жд, т/щ, ст/щ, з/ж, т/ч) and keeps those pymorphy3's dictionary knows with
the right part of speech. The query expands each word with its relatives at
a lower weight (:data:`WEIGHT`).

>>> relatives("назначение")
('назначать', 'назначить')
>>> relatives("прекращать")
('прекращение', 'прекратить')
>>> relatives("аким")
()
"""
from __future__ import annotations

from functools import lru_cache

WEIGHT = 0.6

_VERB_ENDINGS = ("ать", "ять", "ить", "еть")
_NOUN_ENDINGS = ("ение", "ание", "яние")
# consonant alternations at the end of the stem: (in the noun or imperfective, in the perfective verb)
_ALTERNATIONS = (("жд", "д"), ("щ", "т"), ("щ", "ст"), ("ж", "з"), ("ч", "т"))


def _morph():
    from search.analysis import morph

    return morph()


@lru_cache(maxsize=65536)
def _is(word: str, pos: str) -> bool:
    m = _morph()
    return m.word_is_known(word) and any(p.tag.POS == pos and p.normal_form == word for p in m.parse(word))


def _stem_variants(stem: str) -> list[str]:
    out = [stem]
    for a, b in _ALTERNATIONS:
        if stem.endswith(a):
            out.append(stem[: -len(a)] + b)
        if stem.endswith(b):
            out.append(stem[: -len(b)] + a)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def relatives(lemma: str) -> tuple[str, ...]:
    """Dictionary words derived from the same verb as ``lemma`` (not ``lemma`` itself)."""
    out: list[str] = []
    if lemma.endswith(_NOUN_ENDINGS) and len(lemma) > 6 and _is(lemma, "NOUN"):
        for stem in _stem_variants(lemma[:-4]):
            out += [stem + e for e in _VERB_ENDINGS if _is(stem + e, "INFN")]
    elif lemma.endswith(_VERB_ENDINGS) and len(lemma) > 5 and _is(lemma, "INFN"):
        for stem in _stem_variants(lemma[:-3]):
            out += [stem + e for e in _NOUN_ENDINGS if _is(stem + e, "NOUN")]
            out += [stem + e for e in _VERB_ENDINGS if _is(stem + e, "INFN")]
    return tuple(w for w in dict.fromkeys(out) if w != lemma)


def expand_derivations(q, fieldname: str, weight: float = WEIGHT):
    """Add the relatives of every plain term of ``fieldname`` in a query (negated parts left alone).

    >>> from whoosh import query as wq
    >>> expand_derivations(wq.Or([wq.Term("t", "назначение"), wq.Term("t", "аким")]), "t")
    Or([BestOf([Term('t', 'назначение'), Term('t', 'назначать', boost=0.6), Term('t', 'назначить', boost=0.6)]), Term('t', 'аким')])
    """
    from whoosh import query as wq

    from search.ranking import BestOf
    from search.rewrite import rewrite

    def leaf(node):
        if type(node) is not wq.Term or node.fieldname != fieldname:
            return node
        rel = relatives(node.text)
        if not rel:
            return node
        return BestOf([node] + [wq.Term(fieldname, r, boost=node.boost * weight) for r in rel])

    return rewrite(q, leaf=leaf)
