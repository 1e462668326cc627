"""Russian words of the interface: page titles, labels of codes, date formats.

Labels of the project's codes (levels, modes, act and event types) come from
the SKOS vocabularies of :mod:`kg.vocab`, the same labels the graph carries;
a code the vocabulary does not know is shown as it is.

>>> label("selection", "direct_election")
'прямые выборы'
>>> label("selection", "no-such-code")
'no-such-code'
>>> ru_date("2022-09-17")
'17.09.2022'
>>> ru_date(None)
'—'
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from kg.citation import ru_date  # noqa: F401  (one date format for the CLI and the app)

PAGES = {
    "search": "Поиск",
    "document": "Документ",
    "timeline": "Хронология",
    "modes": "Акимы: назначение и выборы",
    "graph": "Граф",
    "sparql": "SPARQL",
    "about": "О данных",
}

# Short labels for charts, where the vocabulary's full labels are too long.
SHORT_LEVEL = {
    "region": "область / г. респ. значения",
    "district": "район / г. обл. значения",
    "district_in_city": "район в городе",
    "rural": "село / сельский округ",
}

# Colours of the modes of taking office, shared by every chart.
SELECTION_COLORS = {
    "appointment": "#d62728",
    "indirect_election": "#ff7f0e",
    "direct_election": "#2ca02c",
    "soviet": "#9467bd",
    "unknown": "#c7c7c7",
}

# Units of the curated figures.
UNITS = {"percent": "%", "years": "лет", "count": "", "thousand": "тыс.", "million_tenge": "млн тенге",
         "billion_tenge": "млрд тенге"}

NO_BUILD = ("Данные ещё не собраны. Соберите их командой `akimkg corpus sync && akimkg build` "
            "или кнопкой ниже.")


@lru_cache(maxsize=None)
def label(scheme: str, code: Optional[str]) -> str:
    """Russian label of a code of one of the vocabularies (the code itself when unknown)."""
    if code is None:
        return "—"
    try:
        from kg.vocab import label as vocab_label

        return vocab_label(scheme, code, "ru")
    except Exception:  # noqa: BLE001 - an unknown code or a broken vocabulary: show the code
        return str(code)


def quantity(value, unit: Optional[str]) -> str:
    """A figure with its unit in Russian.

    >>> quantity(57.4, "percent"), quantity(1668, "count"), quantity(44, "years")
    ('57,4 %', '1668', '44 лет')
    """
    if value is None:
        return "—"
    number = f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)
    word = UNITS.get(unit or "", unit or "")
    return f"{number} {word}".strip()


