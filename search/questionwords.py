"""Question words of researchers' queries, dropped from a query but not from the index.

People ask «кем назначаются акимы», «с какого возраста…», «чью волю выражают
маслихаты»; the laws state the norm without those words. The stop list of
the analyzers (shared by the index and the query) holds a few invariable
forms («кто», «как», «когда»), but not the inflected ones («кем», «какого»,
«чью»), and a word like «который» must stay in the index, where it is just a
word of the text. So the query drops, after analysis, the terms that any form
of a question word makes in the field searched (its lemma, stem or form),
as long as the query keeps another word to search for. Phrases are left
alone: a quoted phrase means its words as written.

>>> from whoosh import query as wq
>>> terms = question_terms("lemma")
>>> sorted(t for t in ("кто", "какой", "чей", "аким") if t in terms)
['какой', 'кто', 'чей']
>>> drop_question_words(wq.Or([wq.Term("lemma", "кто"), wq.Term("lemma", "аким")]), "lemma", terms)
Or([Term('lemma', 'аким')])
>>> drop_question_words(wq.Term("lemma", "кто"), "lemma", terms)
Term('lemma', 'кто')
"""
from __future__ import annotations

from functools import lru_cache

from whoosh import query as wq

# Dictionary forms; every inflected form is derived from them with pymorphy3.
QUESTION_WORDS = (
    "кто", "что", "какой", "каков", "чей", "который", "сколько", "когда", "где", "куда",
    "откуда", "почему", "зачем", "как", "ли", "можно", "нужно", "надо",
)

_POS = frozenset({"NPRO", "ADJF", "ADJS", "ADVB", "PRED", "PRCL", "CONJ"})
_RARE = frozenset({"Infr", "Slng", "Dist", "Arch", "Erro", "Litr"})   # colloquial, dated, misspelt


@lru_cache(maxsize=None)
def question_forms() -> frozenset[str]:
    """Every form of the question words, lower-cased, ё folded.

    >>> {"кем", "какого", "чью", "которых"} <= question_forms()
    True
    """
    from search.analysis import morph

    forms: set[str] = set()
    for word in QUESTION_WORDS:
        forms.add(word)
        for parse in morph().parse(word):
            if parse.normal_form == word and parse.tag.POS in _POS:
                forms.update(f.word.replace("ё", "е") for f in parse.lexeme if not _RARE & f.tag.grammemes)
    return frozenset(forms)


@lru_cache(maxsize=None)
def question_terms(kind: str) -> frozenset[str]:
    """The terms the question words make in a field of the given analyzer kind (query mode)."""
    from search.analysis import analyze

    terms: set[str] = set()
    for form in question_forms():
        terms.update(analyze(form, kind, "query"))
    return frozenset(terms)


def drop_question_words(q: wq.Query, fieldname: str, terms: frozenset[str]) -> wq.Query:
    """``q`` without its plain terms of ``fieldname`` that are question words, wherever
    a compound query keeps some other clause; negated parts and phrases untouched."""
    from search.rewrite import rewrite

    def is_question(node) -> bool:
        return type(node) is wq.Term and node.fieldname == fieldname and node.text in terms

    def children(kids, parent):
        if not isinstance(parent, wq.Or):
            return kids
        kept = [k for k in kids if not is_question(k)]
        return kept if kept else kids

    return rewrite(q, children=children)
