"""Code the modes of taking office on the V-Dem scale of elected subnational government.

V-Dem asks, per country and year, whether offices at the regional level
(``v2elsrgel``, «Regional government elected») and at the local level
(``v2ellocelc``, «Local government elected») are elected, on one six-value
scale (value labels as in the V-Dem Institute's dataset construction code,
``vdeminstitute/dataset_construction``, ``mm-prep/do/value_labels.do``):

== =====================================
0  offices at that level not elected
1  executive elected, assembly not
2  assembly elected, executive not
3  executive elected, no assembly
4  assembly elected, no executive
5  executive and assembly elected
== =====================================

Here the executive is the akim, whose mode comes from the graph's rules
(:func:`kg.modes.modes_on`); the assembly is the maslikhat, whose status comes
from the texts of the corpus (:data:`ASSEMBLIES`, each fact with its basis).
``region`` is coded on ``v2elsrgel``, the three lower levels on
``v2ellocelc``. Only the general mode counts (V-Dem's «generally»); pilots and
partial roll-outs are listed in a separate column. An akim elected by the
maslikhat's deputies (``indirect_election``) is not counted as elected in
``vdem_code`` and is counted as elected in ``vdem_code_indirect``, so either
reading can be used. Where the mode or the assembly is unknown the code is
left empty, never guessed. The mapping is documented in ``docs/app.md``.

>>> code("appointment", "elected")
2
>>> code("direct_election", "none")
3
>>> code("indirect_election", "elected"), code("indirect_election", "elected", indirect_as_elected=True)
(2, 5)
>>> code("unknown", "elected") is None, code("appointment", None) is None
(True, True)
>>> assembly_on("rural", "2022-01-01")[0], assembly_on("region", "1992-06-30")[0]
('none', None)
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

SCALE = {
    0: "offices not elected",
    1: "executive elected, assembly not",
    2: "assembly elected, executive not",
    3: "executive elected, no assembly",
    4: "assembly elected, no executive",
    5: "executive and assembly elected",
}
SCALE_RU = {
    0: "должности не выборные",
    1: "исполнительный орган избирается, представительный нет",
    2: "представительный орган избирается, исполнительный нет",
    3: "исполнительный орган избирается, представительного органа нет",
    4: "представительный орган избирается, исполнительного нет",
    5: "избираются и исполнительный, и представительный органы",
}
VARIABLE = {"region": "v2elsrgel", "district": "v2ellocelc", "district_in_city": "v2ellocelc",
            "rural": "v2ellocelc"}
ELECTED = {"direct_election"}


@dataclass(frozen=True)
class Assembly:
    """What the texts say of the representative body (maslikhat) of a level for a period."""

    levels: tuple[str, ...]
    status: str                  # "elected" | "none"
    since: str                   # first day (the adoption of the earliest act saying so)
    basis: tuple[str, ...]


# From the adoption of Law No. 4100 (10.12.1993) the texts of the corpus say, without a
# gap: maslikhats of oblasts, cities (of republican and oblast significance) and districts
# are elected by the population; districts in cities, cities of district significance,
# settlements, villages and rural districts have none. Before it the corpus says nothing
# of how the local Soviets were formed, so those years stay unknown.
ASSEMBLIES: tuple[Assembly, ...] = (
    Assembly(("region", "district"), "elected", "1993-12-10", (
        "law-1993-4100 ст. 1, 2 (маслихат области, района, города избирается гражданами)",
        "constitution-1995 ст. 86 п. 2 (маслихаты избираются населением)",
        "law-2001-148 ст. 1 подп. 11 (маслихат области, города республиканского значения и столицы, "
        "района (города областного значения) избирается населением)",
        "constitution-2026 ст. 88 п. 2 (маслихаты избираются населением)",
    )),
    Assembly(("district_in_city", "rural"), "none", "1993-12-10", (
        "law-1993-4100 ст. 1 (маслихатов нет в городе районного подчинения, районе в городе, поселке, "
        "ауле (селе), аульном (сельском) округе)",
        "law-2001-148 ст. 1 подп. 11 (маслихаты — только области, города республиканского значения, "
        "столицы, района (города областного значения))",
    )),
)


def assembly_on(level: str, date: str) -> tuple[Optional[str], tuple[str, ...]]:
    """``(status, basis)`` of the level's representative body on a date; ``(None, ())`` when unknown."""
    for a in ASSEMBLIES:
        if level in a.levels and a.since <= date:
            return a.status, a.basis
    return None, ()


def code(selection: Optional[str], assembly: Optional[str], indirect_as_elected: bool = False) -> Optional[int]:
    """The V-Dem value for an akim's mode of taking office and the status of the assembly."""
    if selection in (None, "unknown") or assembly is None:
        return None
    elected = selection in ELECTED or (indirect_as_elected and selection == "indirect_election")
    if assembly == "elected":
        return 5 if elected else 2
    if assembly == "none":
        return 3 if elected else 0
    if assembly == "not_elected":
        return 1 if elected else 0
    return None


def year_dates(first: int = 1991, last: int = 2026, today: Optional[dt.date] = None) -> list[str]:
    """One observation date per year: 31 December, or today for the current year.

    >>> year_dates(2024, 2026, today=dt.date(2026, 11, 22))
    ['2024-12-31', '2025-12-31', '2026-11-22']
    """
    today = today or dt.date.today()
    out = []
    for y in range(first, last + 1):
        d = min(dt.date(y, 12, 31), today)
        if d.year == y:
            out.append(d.isoformat())
    return out


def rows(modes_for: Callable[[str], dict], dates: Iterable[str]) -> list[dict]:
    """One row per date and level; ``modes_for(date)`` is the ``modes --json`` answer for the date."""
    out = []
    for date in dates:
        for lv in modes_for(date)["levels"]:
            level, selection = lv["level"], lv.get("selection") or "unknown"
            status, abasis = assembly_on(level, date)
            value = code(selection, status)
            basis = [f"{b['act']} (ред. {b['edition']}) {b['path']}" for b in lv.get("basis", [])]
            out.append({
                "country": "Kazakhstan", "year": int(date[:4]), "date": date, "level": level,
                "variable": VARIABLE.get(level, ""), "akim_selection": selection,
                "akim_selector": lv.get("selector") or "unknown",
                "executive_elected": "" if selection == "unknown" else int(selection in ELECTED),
                "assembly": status or "unknown",
                "vdem_code": "" if value is None else value,
                "vdem_label": "" if value is None else SCALE[value],
                "vdem_code_indirect": _blank(code(selection, status, indirect_as_elected=True)),
                "variants": "; ".join(f"{v['selection']} ({v.get('scope') or ''}, с {v.get('since') or '?'})"
                                      for v in lv.get("variants", [])),
                "akim_basis": "; ".join(basis) or "; ".join(lv.get("sources", [])),
                "assembly_basis": "; ".join(abasis),
            })
    return out


def _blank(value: Optional[int]):
    return "" if value is None else value


COLUMNS = ("country", "year", "date", "level", "variable", "akim_selection", "akim_selector",
           "executive_elected", "assembly", "vdem_code", "vdem_label", "vdem_code_indirect", "variants",
           "akim_basis", "assembly_basis")


def to_csv(table: list[dict]) -> str:
    """The rows as CSV text (header first, UTF-8 friendly).

    >>> to_csv([]).splitlines()[0].split(",")[:3]
    ['country', 'year', 'date']
    """
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(table)
    return buf.getvalue()
