"""Level and institution tags of provisions, for the search index's filters.

Each provision edition is tagged with the administrative levels and the
catalogue institutions its own text names (:func:`kg.institutions.analyse`). A provision that names no level
inherits the tags of its nearest ancestor that does (the items of «Статья 35.
Компетенция акима … сельского округа» are about the rural level even though
«1) содействует сбору налогов» does not say so).

>>> from kg.model import Act, Edition, EditionMeta, Provision
>>> act = Act(id="law-2001-148", code="7966", type="law", title="З", date="2001-01-23")
>>> ps = (Provision("art_35", "article", "35", None, "Статья 35. Компетенция акима сельского округа", None, 1),
...       Provision("art_35/point_1", "point", "1", None, "1. содействует сбору налогов;", "art_35", 2))
>>> tags = tag_provisions({act.id: act}, [Edition(EditionMeta(act.id, "2023-12-23"), "З", ps)])
>>> tags["https://w3id.org/akimkg/eli/kz/law/2001/7966/rus@2023-12-23/art_35/point_1"]
{'levels': ['rural'], 'institutions': ['akim-rural']}
"""
from __future__ import annotations

from typing import Iterable, Mapping

from kg.appointment import provision_edition_iri
from kg.institutions import analyse
from kg.model import Act, Edition


def tag_provisions(acts: Mapping[str, Act], editions: Iterable[Edition]) -> dict[str, dict[str, list[str]]]:
    """``{expression provision IRI: {"levels": [...], "institutions": [...]}}`` for tagged provisions.

    Provisions with no tag (own or inherited) are left out.
    """
    out: dict[str, dict[str, list[str]]] = {}
    for ed in editions:
        act = acts.get(ed.act_id)
        own: dict[str, tuple[list[str], list[str]]] = {}
        for p in sorted(ed.provisions, key=lambda p: p.order):
            lv, inst = analyse(p.text)
            if not lv and p.parent in own:
                plv, pinst = own[p.parent]
                lv = plv
                inst = sorted(set(inst) | set(pinst))
            own[p.eid] = (lv, inst)
            if lv or inst:
                out[provision_edition_iri(act, ed.act_id, p.eid, ed.date)] = {"levels": lv, "institutions": inst}
    return out
