"""The domain lexicon: lemmas for Kazakhstan's local-government words pymorphy3 gets wrong.

pymorphy3's dictionary (OpenCorpora) lacks most Kazakh loanwords of public
law, so it guesses their lemmas by analogy: «маслихата» becomes a feminine
«маслихата», «ауыл» a verb «ауыть», while «аким» is read as the personal
names «Аким»/«Акима». :func:`measure` checks every candidate word over all of
its forms against pymorphy3 alone; the words it gets wrong are kept in
:data:`OVERRIDES` (a test re-measures them, so the list cannot go stale
silently) and their forms get exactly one lemma.

Each candidate is a lemma and a declension pattern (endings appended to a
stem); that is enough for nouns of this kind and keeps the lexicon small.

>>> lemma_of("маслихатами")
'маслихат'
>>> lemma_of("республика") is None
True
>>> forms("курултай")[:3]
('курултай', 'курултая', 'курултаю')
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Endings of the declension patterns, nominative singular first.
PATTERNS: dict[str, tuple[str, tuple[str, ...]]] = {
    # masculine hard stem: маслихат, маслихата, ... маслихатах
    "m": ("", ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")),
    # masculine stem in -й: курултай, курултая, ... курултаях (stem drops «й»)
    "m_j": ("й", ("й", "я", "ю", "ем", "е", "и", "ев", "ям", "ями", "ях")),
    # adjective in -ный: аульный, аульного, ...
    "adj": ("ый", ("ый", "ого", "ому", "ым", "ом", "ая", "ой", "ую", "ое", "ые", "ых", "ыми")),
}

# Candidate words: the list, the unknown words found in the corpus
# (`scripts/bench_analyzer.py --unknown`) and a few more of the field.
CANDIDATES: dict[str, str] = {
    "аким": "m",
    "акимат": "m",
    "маслихат": "m",
    "аул": "m",
    "ауыл": "m",
    "аульный": "adj",
    "кенес": "m",
    "мажилис": "m",
    "курултай": "m_j",
    "сход": "m",
    "аудан": "m",
    "облыс": "m",
    "кандас": "m",
    "шымкент": "m",
    "сенат": "m",
}


def forms(lemma: str) -> tuple[str, ...]:
    """All word forms of a candidate lemma, from its declension pattern.

    >>> forms("аким")
    ('аким', 'акима', 'акиму', 'акимом', 'акиме', 'акимы', 'акимов', 'акимам', 'акимами', 'акимах')
    """
    drop, endings = PATTERNS[CANDIDATES[lemma]]
    stem = lemma[: len(lemma) - len(drop)] if drop else lemma
    return tuple(dict.fromkeys(stem + e for e in endings))


@dataclass(frozen=True)
class Measurement:
    """How pymorphy3 alone reads the forms of one candidate word."""

    lemma: str
    forms: int
    wrong_best: tuple[tuple[str, str], ...]  # (form, pymorphy3's best lemma) where that is not the lemma
    spurious: tuple[str, ...]                # other lemmas pymorphy3 proposes for some form
    missing: tuple[str, ...]                 # forms whose hypotheses lack the lemma altogether

    @property
    def verdict(self) -> str:
        """``wrong`` (best lemma wrong for a form), ``noisy`` (extra lemmas) or ``ok``."""
        if self.wrong_best or self.missing:
            return "wrong"
        return "noisy" if self.spurious else "ok"


def measure(candidates=None) -> list[Measurement]:
    """Measure pymorphy3 (without the lexicon) on every form of every candidate.

    >>> m = {x.lemma: x for x in measure(["маслихат", "мажилис"])}
    >>> m["маслихат"].verdict, m["мажилис"].verdict
    ('wrong', 'ok')
    """
    from search.analysis import morph

    analyzer = morph()
    out = []
    for lemma in candidates or CANDIDATES:
        wrong, spurious, missing = [], [], []
        fs = forms(lemma)
        for form in fs:
            hyps = [p.normal_form.replace("ё", "е") for p in analyzer.parse(form)]
            if hyps[0] != lemma:
                wrong.append((form, hyps[0]))
            if lemma not in hyps:
                missing.append(form)
            spurious.extend(h for h in hyps if h != lemma and h not in spurious)
        out.append(Measurement(lemma, len(fs), tuple(wrong), tuple(spurious), tuple(missing)))
    return out


# Words whose verdict was not «ok» when measured with pymorphy3 2.0.6 and
# pymorphy3-dicts-ru 2.4.417150 (see docs/search.md for the table).
OVERRIDES: tuple[str, ...] = (
    "аким", "акимат", "маслихат", "аул", "ауыл", "кенес", "сход",
    "аудан", "облыс", "кандас", "шымкент",
)


@lru_cache(maxsize=None)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for lemma in OVERRIDES:
        for form in forms(lemma):
            table.setdefault(form, lemma)
    return table


def lemma_of(form: str) -> str | None:
    """The lexicon's lemma for a lower-cased form, or None when pymorphy3 decides."""
    return _table().get(form)
