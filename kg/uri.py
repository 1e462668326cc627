"""ELI-style IRIs for works, expressions (editions) and provisions.

The scheme follows the European Legislation Identifier template
``/eli/{jurisdiction}/{type}/{year}/{natural identifier}`` with the document
code of the official database as the natural identifier (it is unique, while
numbers repeat across years and types), then ``/{lang}@{date}`` for an
expression and the provision's eid for a subdivision:

>>> work_iri("constitution", "1995-08-30", "1")
'https://w3id.org/akimkg/eli/kz/constitution/1995/1'
>>> expression_iri(work_iri("law", "2001-01-23", "7966"), "2023-12-23")
'https://w3id.org/akimkg/eli/kz/law/2001/7966/rus@2023-12-23'
>>> provision_iri(work_iri("constitution", "1995-08-30", "1"), "art_87/point_4")
'https://w3id.org/akimkg/eli/kz/constitution/1995/1/art_87/point_4'
>>> provision_iri(work_iri("constitution", "1995-08-30", "1"), "art_87/point_4", "2022-09-17")
'https://w3id.org/akimkg/eli/kz/constitution/1995/1/rus@2022-09-17/art_87/point_4'
>>> parse_iri('https://w3id.org/akimkg/eli/kz/constitution/1995/1/rus@2022-09-17/art_87/point_4')
{'type': 'constitution', 'year': '1995', 'code': '1', 'language': 'rus', 'date': '2022-09-17', 'eid': 'art_87/point_4'}

The base is ``AKIMKG_BASE_IRI`` when set. Non-ASCII characters never appear:
eids are built from digits, Latin letters and ``-``/``_`` only.
"""
from __future__ import annotations

import os
import re
from typing import Optional
from urllib.parse import quote

DEFAULT_BASE = "https://w3id.org/akimkg/"


def base_iri() -> str:
    base = os.environ.get("AKIMKG_BASE_IRI", DEFAULT_BASE)
    return base if base.endswith("/") else base + "/"


def _seg(value: str) -> str:
    return quote(str(value).strip(), safe="-_.~")


def work_iri(act_type: str, date: Optional[str], code: str) -> str:
    """IRI of an act as a work (all editions, all languages)."""
    year = (date or "0000")[:4]
    return f"{base_iri()}eli/kz/{_seg(act_type)}/{year}/{_seg(code)}"


def act_work_iri(act) -> str:
    """Work IRI of an act object (anything with ``type``, ``date``, ``code`` and ``id``).

    The document code names the work; an act without one (an upload, an unknown
    act) is named by its id.

    >>> from kg.model import Act
    >>> act_work_iri(Act(id="law-2001-148", code="7966", type="law", title="О местном", date="2001-01-23"))
    'https://w3id.org/akimkg/eli/kz/law/2001/7966'
    """
    return work_iri(act.type, act.date, act.code or act.id)


def expression_iri(work: str, date: str, language: str = "rus") -> str:
    """IRI of an edition: the work in one language as worded on one date."""
    return f"{work}/{language}@{date}"


def provision_iri(work: str, eid: str, date: Optional[str] = None, language: str = "rus") -> str:
    """IRI of a provision: work-level without a date, expression-level with one."""
    eid = "/".join(_seg(p) for p in eid.split("/") if p)
    if date is None:
        return f"{work}/{eid}" if eid else work
    expr = expression_iri(work, date, language)
    return f"{expr}/{eid}" if eid else expr


_IRI_RE = re.compile(
    r"eli/kz/(?P<type>[a-z_]+)/(?P<year>\d{4})/(?P<code>[^/@]+)"
    r"(?:/(?P<language>[a-z]{3})@(?P<date>\d{4}-\d{2}-\d{2}))?"
    r"(?:/(?P<eid>.+))?$"
)


def parse_iri(iri: str) -> Optional[dict]:
    """Split an akimkg ELI IRI into its parts, or None if it is not one."""
    if not iri.startswith(base_iri()):
        return None
    m = _IRI_RE.search(iri[len(base_iri()):])
    if not m:
        return None
    d = m.groupdict()
    d["eid"] = d["eid"] or ""
    return d


def concept_iri(scheme: str, code: str) -> str:
    """IRI of a SKOS concept of one of akimkg's schemes (levels, modes...)."""
    return f"{base_iri()}id/{_seg(scheme)}/{_seg(code)}"


def entity_iri(kind: str, local: str) -> str:
    """IRI of a non-document entity: institution, post, power, rule, event, build."""
    return f"{base_iri()}id/{_seg(kind)}/{_seg(local)}"
