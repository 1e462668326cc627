"""Text analysis for the search index: tokenizer, filters and the four analyzers.

Whoosh pickles a field's analyzer into the index's table of contents, so every
filter here is a module-level class whose state pickles cleanly: the pymorphy3
analyzer is never part of that state, it lives in a process-wide cache
(:func:`morph`) that each process (the app, a multiprocessing writer worker)
loads on first use.

The analyzers, all sharing one tokenizer and one normalisation front:

``lemma``
    forms → lemmas with pymorphy3 and the domain lexicon; every lemma
    hypothesis at the same position when indexing, the best one when
    querying; stop words removed; ё folded after lemmatising.
``snowball``
    whoosh's own Russian Snowball stemmer, same front and stop words.
``plain``
    lower-cased forms, stop words removed, no morphology.
``exact``
    lower-cased forms with stop words kept (for exact and phrase search:
    «не» matters in law).

>>> [t.text for t in lemma_analyzer()("Акимы районов избираются маслихатами")]
['аким', 'район', 'избирать', 'маслихат']
>>> [t.text for t in lemma_analyzer()("ст. 87-1 Конституции РК")]
['статья', '87-1', 'конституция', 'республика', 'казахстан']
>>> [t.text for t in exact_analyzer()("Аким не назначается")]
['аким', 'не', 'назначается']
>>> [t.text for t in snowball_analyzer()("избрание акимов")]
['избран', 'аким']
"""
from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stemmer_for_language, stopwords_for_language

from search import lexicon

# Words, numbers and numbered items joined by hyphens: «87-1», «83-1», «северо-восточный».
TOKEN_PATTERN = r"\w+(?:[-\u2010\u2011]\w+)*"

# Latin letters that look like Cyrillic ones; the mirror has words such as «пpедставительных»
# with a Latin «p» inside. Folded only inside tokens that also contain Cyrillic letters.
_HOMOGLYPHS = str.maketrans("aceopxyktmbhABCEHKMOPTXY", "асеорхуктмвнАВСЕНКМОРТХУ")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)

# Legal abbreviations, expanded to words (lower-cased forms, analysed further like any word).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "ст": ("статья",),
    "п": ("пункт",),
    "пп": ("подпункт",),
    "подп": ("подпункт",),
    "ч": ("часть",),
    "гл": ("глава",),
    "рк": ("республика", "казахстан"),
    "зрк": ("закон", "республика", "казахстан"),
    "кзрк": ("конституционный", "закон", "республика", "казахстан"),
    "ред": ("редакция",),
    "изм": ("изменение",),
    "доп": ("дополнение",),
}

# whoosh's Russian stop list minus the words that carry legal meaning:
# negation, number, modality («не может быть избран», «не менее двух кандидатов»).
KEEP_WORDS = frozenset(
    "не ни нет нельзя без может более больше один два три до после".split()
)
# Question and filler words of queries in researchers' own words («сколько раз подряд…»).
QUERY_WORDS = frozenset("сколько каков какова каково каковы почему нужно также либо".split())
STOP_WORDS = (frozenset(stopwords_for_language("ru")) - KEEP_WORDS) | QUERY_WORDS


class _LetterFold(Filter):
    """Translate the letters of each token by ``table`` where ``applies`` says so."""

    table: dict = {}

    def applies(self, text: str) -> bool:
        return True

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for t in tokens:
            if self.applies(t.text):
                t.text = t.text.translate(self.table)
            yield t


class HomoglyphFilter(_LetterFold):
    """Replace Latin look-alike letters inside Cyrillic words.

    >>> from whoosh.analysis import RegexTokenizer
    >>> [t.text for t in HomoglyphFilter()(RegexTokenizer()("пpедставительных opганов RK"))]
    ['представительных', 'органов', 'RK']
    """

    table = _HOMOGLYPHS

    def applies(self, text: str) -> bool:
        return bool(_LATIN.search(text) and _CYRILLIC.search(text))


# Letters of the Kazakh alphabet beyond the Russian one, folded to their usual Russian
# transliteration («әкім» → «аким», «мәслихат» → «маслихат», «ауылдық» → «ауылдык»).
_KAZAKH = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


class KazakhFoldFilter(_LetterFold):
    """Fold the Kazakh letters into Russian ones, so Kazakh spellings of the terms match.

    >>> from whoosh.analysis import RegexTokenizer
    >>> [t.text for t in KazakhFoldFilter()(RegexTokenizer()("әкім мәслихаты облысы"))]
    ['аким', 'маслихаты', 'облысы']
    """

    table = _KAZAKH

    def applies(self, text: str) -> bool:
        return bool(_KAZAKH_LETTERS.search(text))


class YoFilter(Filter):
    """Fold «ё» into «е».

    >>> from whoosh.analysis import RegexTokenizer
    >>> [t.text for t in YoFilter()(RegexTokenizer()("ещё всё"))]
    ['еще', 'все']
    """

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for t in tokens:
            if "ё" in t.text or "Ё" in t.text:
                t.text = t.text.replace("ё", "е").replace("Ё", "Е")
            yield t


class AbbreviationFilter(Filter):
    """Expand legal abbreviations into words, shifting later positions.

    A multi-word expansion («РК» → «республика казахстан») takes as many
    positions as it has words, all with the characters of the abbreviation,
    so phrase queries written in full still match.

    >>> from whoosh.analysis import RegexTokenizer
    >>> toks = AbbreviationFilter()(RegexTokenizer()("Конституция рк ст 1", positions=True))
    >>> [(t.text, t.pos) for t in toks]
    [('Конституция', 0), ('республика', 1), ('казахстан', 2), ('статья', 3), ('1', 4)]
    """

    def __init__(self, table=None):
        self.table = dict(ABBREVIATIONS if table is None else table)

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__ and self.table == other.table

    def __call__(self, tokens):
        table = self.table
        shift = 0
        for t in tokens:
            if shift and t.positions:
                t.pos += shift
            words = table.get(t.text)
            if words is None:
                yield t
                continue
            for i, word in enumerate(words):
                t.text = word
                yield t
                if i + 1 < len(words):
                    shift += 1
                    if t.positions:
                        t.pos += 1


@lru_cache(maxsize=None)
def morph():
    """The process-wide pymorphy3 analyzer (loaded once per process)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def _fold(word: str) -> str:
    return word.replace("ё", "е")


_VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})


@lru_cache(maxsize=65536)
def _is_infinitive(word: str) -> bool:
    analyzer = morph()
    return analyzer.word_is_known(word) and any(
        p.tag.POS == "INFN" and p.normal_form == word for p in analyzer.parse(word))


def _deflex(lemma: str, pos) -> str:
    """The non-reflexive verb of a reflexive one («избираться» → «избирать») when it exists.

    Laws say «акимы избираются», people ask «кто избирает акимов»: the
    passive reflexive and the active verb are one word for search.
    """
    if pos in _VERBAL and lemma.endswith(("ся", "сь")) and _is_infinitive(lemma[:-2]):
        return lemma[:-2]
    return lemma


@lru_cache(maxsize=262144)
def lemmas(word: str) -> tuple[str, ...]:
    """Lemma hypotheses of a lower-cased word form, best first, ё folded.

    The domain lexicon overrides pymorphy3 for the words it measurably gets
    wrong; words without Cyrillic letters (numbers, Latin) are their own lemma.
    Hyphenated words also yield the best lemmas of their parts.

    >>> lemmas("маслихата")
    ('маслихат',)
    >>> lemmas("избран")[0]
    'избрать'
    >>> lemmas("87-1")
    ('87-1',)
    >>> lemmas("ещё")
    ('еще',)
    >>> lemmas("избираются"), lemmas("боятся")
    (('избирать',), ('бояться',))
    """
    fixed = lexicon.lemma_of(word)
    if fixed is not None:
        return (fixed,)
    if not _CYRILLIC.search(word):
        return (word,)
    out: list[str] = []
    for parse in morph().parse(word):
        lemma = _fold(_deflex(parse.normal_form, parse.tag.POS))
        if lemma not in out:
            out.append(lemma)
    if "-" in word:
        for part in word.split("-"):
            if part and _CYRILLIC.search(part):
                best = lemmas(part)[0]
                if best not in out:
                    out.append(best)
    return tuple(out) or (_fold(word),)


def best_lemma(word: str) -> str:
    """The most probable lemma of a lower-cased word form.

    >>> best_lemma("акимов")
    'аким'
    """
    return lemmas(word)[0]


class LemmaFilter(Filter):
    """Replace each form by its lemmas: all hypotheses when indexing, the best when querying.

    All hypotheses take the position of the form, so an ambiguous form still
    matches whichever reading a query means and phrase queries keep working.

    >>> from whoosh.analysis import RegexTokenizer
    >>> f = LemmaFilter()
    >>> [t.text for t in f(RegexTokenizer()("стали", mode="query"))]
    ['стать']
    >>> [t.text for t in f(RegexTokenizer()("стали", mode="index"))]
    ['стать', 'сталь']
    """

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for t in tokens:
            if t.stopped:
                yield t
                continue
            hyps = lemmas(t.text)
            if t.mode == "index":
                for lemma in hyps:
                    t.text = lemma
                    yield t
            else:
                t.text = hyps[0]
                yield t


def _front():
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | HomoglyphFilter()
        | KazakhFoldFilter()
        | LowercaseFilter()
    )


_TOKEN_RE = re.compile(TOKEN_PATTERN)


@lru_cache(maxsize=262144)
def exact_form(word: str) -> str:
    """The ``exact`` analyzer's term for one token as written (letters folded, lower-cased, ё → е).

    >>> exact_form("Пpедставительных"), exact_form("Мәслихат"), exact_form("Всё")
    ('представительных', 'маслихат', 'все')
    """
    if _LATIN.search(word) and _CYRILLIC.search(word):
        word = word.translate(_HOMOGLYPHS)
    if _KAZAKH_LETTERS.search(word):
        word = word.translate(_KAZAKH)
    return word.lower().replace("ё", "е")


def exact_tokens(text: str):
    """``(term, start, end)`` of every token of ``text``, as the ``exact`` analyzer makes them,
    without building whoosh tokens (for snippets and document vectors).

    >>> list(exact_tokens("Аким ст. 87-1"))
    [('аким', 0, 4), ('ст', 5, 7), ('87-1', 9, 13)]
    """
    for m in _TOKEN_RE.finditer(text):
        yield exact_form(m.group()), m.start(), m.end()


def lemma_analyzer():
    """Forms → lemmas (pymorphy3 + domain lexicon), stop words removed, ё folded."""
    return _front() | AbbreviationFilter() | StopFilter(stoplist=STOP_WORDS, minsize=1) | LemmaFilter()


def snowball_analyzer():
    """whoosh's Russian Snowball stemmer behind the same front and stop list."""
    return (
        _front() | AbbreviationFilter() | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | YoFilter() | StemFilter(lang="ru", cachesize=262144)
    )


def plain_analyzer():
    """Lower-cased forms without morphology, stop words removed, ё folded."""
    return _front() | AbbreviationFilter() | StopFilter(stoplist=STOP_WORDS, minsize=1) | YoFilter()


def exact_analyzer():
    """Lower-cased forms as written (ё folded), stop words kept, no abbreviation expansion."""
    return _front() | YoFilter()


ANALYZERS = {
    "lemma": lemma_analyzer,
    "snowball": snowball_analyzer,
    "plain": plain_analyzer,
    "exact": exact_analyzer,
}


_stem_ru = stemmer_for_language("ru")


@lru_cache(maxsize=262144)
def index_terms(word: str, kind: str) -> tuple[str, ...]:
    """The terms one lower-cased word form (as the exact analyzer yields it) puts
    into a field of the given analyzer kind when indexed; used to highlight hits.

    >>> index_terms("акимами", "lemma"), index_terms("акимами", "snowball"), index_terms("ст", "lemma")
    (('аким',), ('аким',), ('статья',))
    """
    words = ABBREVIATIONS.get(word, (word,)) if kind != "exact" else (word,)
    if kind == "exact":
        return words
    if kind == "plain":
        return words
    if kind == "snowball":
        return tuple(_stem_ru(w) for w in words)
    out: list[str] = []
    for w in words:
        out.extend(x for x in lemmas(w) if x not in out)
    return tuple(out)


def analyze(text: str, kind: str = "lemma", mode: str = "query") -> list[str]:
    """Run one of the named analyzers and return the token texts.

    >>> analyze("Сходы жителей села")
    ['сход', 'житель', 'село']
    >>> analyze("и в на", "lemma")
    []
    """
    try:
        factory = ANALYZERS[kind]
    except KeyError:
        raise ValueError(f"unknown analyzer {kind!r}; expected one of {sorted(ANALYZERS)}") from None
    return [t.text for t in factory()(text, mode=mode)]
