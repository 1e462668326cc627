"""Copyable citations of provisions in the Russian legal style.

«п. 4 ст. 87 Конституции Республики Казахстан 1995 года (ред. от 17.09.2022)»:
the units of the provision's path from the innermost out, then the act in the
genitive case (``Act.citation_genitive``), then the edition's date.

>>> from kg.model import Act
>>> const = Act(id="constitution-1995", code="1", type="constitution", title="Конституция Республики Казахстан",
...             citation_genitive="Конституции Республики Казахстан 1995 года")
>>> citation(const, "art_87/point_4", "2022-09-17")
'п. 4 ст. 87 Конституции Республики Казахстан 1995 года (ред. от 17.09.2022)'
>>> citation(const, "art_87/point_4/sub_2", "1995-08-29")
'подп. 2 п. 4 ст. 87 Конституции Республики Казахстан 1995 года (ред. от 29.08.1995)'
>>> citation(const, "", "2023-01-01")
'Конституция Республики Казахстан (ред. от 01.01.2023)'
>>> own = Act(id="upload-1", code=None, type="other", title="Положение о сходе")
>>> citation(own, "art_2", None)
'ст. 2 документа «Положение о сходе»'
"""
from __future__ import annotations

from typing import Optional

from kg.model import Act

# eid prefix -> abbreviation used in citations
_ABBR = {"annex": "прил.", "sub": "подп.", "point": "п.", "text": "ч.", "art": "ст.", "par": "§", "chp": "гл.", "sec": "разд."}


def units(eid: str) -> str:
    """The path part of a citation, innermost unit first.

    >>> units("art_83-1/point_2")
    'п. 2 ст. 83-1'
    >>> units("chp_13-1")
    'гл. 13-1'
    >>> units("preamble")
    'преамбула'
    >>> units("annex_1/point_3__2")
    'п. 3 прил. 1'
    """
    out = []
    for part in reversed([p for p in eid.split("/") if p]):
        prefix, _, num = part.partition("_")
        if prefix == "preamble":
            out.append("преамбула")
        else:
            out.append(f"{_ABBR.get(prefix, prefix)} {num.split('__', 1)[0]}".strip())
    return " ".join(out)


def ru_date(iso: Optional[str], precision: Optional[str] = None) -> str:
    """ISO date → «ДД.ММ.ГГГГ»; a date known to the month or year only is shown as such.

    >>> ru_date("2022-09-17"), ru_date("1991-01-01", "year"), ru_date("1992-02-01", "month")
    ('17.09.2022', '1991 г.', '02.1992')
    >>> ru_date(None), ru_date("2021")
    ('—', '2021')
    """
    if not iso:
        return "—"
    parts = str(iso)[:10].split("-")
    if len(parts) != 3:
        return str(iso)
    y, m, d = parts
    return {"year": f"{y} г.", "month": f"{m}.{y}"}.get(precision or "day", f"{d}.{m}.{y}")


def citation(act: Act, eid: str, edition_date: Optional[str]) -> str:
    """The citation of provision ``eid`` of ``act`` as worded in the edition of ``edition_date``."""
    edition = f" (ред. от {ru_date(edition_date)})" if edition_date else ""
    path = units(eid)
    if not path:
        return f"{act.title}{edition}"
    if act.citation_genitive:
        return f"{path} {act.citation_genitive}{edition}"
    return f"{path} документа «{act.short_title or act.title}»{edition}"
