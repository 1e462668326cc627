"""Powers: the items of the competence enumerations of the texts.

A competence enumeration is a provision whose own text introduces a list and
names the body holding the powers:

* «К ведению маслихатов относится:», «К компетенции районных маслихатов
  относятся также …:», «К ведению местных исполнительных органов относится:»
  (:data:`INTRO_RE`, «к ведению / к компетенции / к полномочиям … относится»);
* «Аким района (города областного значения) в соответствии с
  законодательством:», «Районный (города областного значения) акимат в
  соответствии с законодательством Республики Казахстан:»
  (:data:`SUBJECT_RE`, a body as the subject, then «в соответствии с …:»).

Each child of such a provision (the numbered items «1) …») that is not
excluded becomes a :class:`Power`; a point that states one power on its own
(«2-1. К компетенции маслихата области относится назначение …») becomes one
too. The body is the first institution named in the introduction and the
levels are the levels it names (all levels of that body when it names none),
found with the keyword lists of :mod:`kg.institutions`.

A power is identified across editions by :func:`power_key`, a hash of its
normalised text: the same words under another body or level in another
edition are the same power *moved* (:func:`compare_powers`,
:func:`moved_powers`).

>>> from kg.model import Edition, EditionMeta, Provision
>>> ps = (Provision("art_86/point_4", "point", "4", None, "4. К ведению маслихатов относится:", "art_86", 1),
...       Provision("art_86/point_4/sub_1", "subpoint", "1", None,
...                 "1) утверждение местного бюджета и отчетов об его исполнении;", "art_86/point_4", 2))
>>> ed = Edition(EditionMeta("constitution-1995", "1995-08-29"), "К", ps)
>>> [(p.body, p.levels, p.category, p.path) for p in extract_powers(ed)]
[('maslikhat', ('region', 'district'), 'budget', 'Статья 86, пункт 4, подпункт 1')]
"""
from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence

from kg.appointment import provision_edition_iri
from kg.institutions import LEVELS, key_for, levels_in, type_positions, types_in
from kg.model import Act, Edition, Provision
from kg.textnorm import fold_lookalikes, normalize_space
from kg.uri import entity_iri

#: «К ведению / компетенции / полномочиям <body> относится (также)»
INTRO_RE = re.compile(
    r"\bк\s+(?:ведению|компетенции|полномочиям)\s+(?P<body>.{3,200}?)\s+относ(?:и|я)тся(?:\s+также)?\s*(?P<tail>[^:]*)",
    re.IGNORECASE)
#: «<Аким|Акимат|Маслихат…> … в соответствии с законодательством …:»
SUBJECT_RE = re.compile(
    r"^(?:\d+(?:-\d+)*\.\s*)?(?P<body>(?:Аким|Акимы|Акимат|Районный|Маслихат|Маслихаты)\b.{0,200}?)"
    r"\s+в\s+соответствии\s+с\s+законодательством[^:]{0,120}:\s*$", re.IGNORECASE)

BODY_TYPES = ("akim", "akimat", "maslikhat", "local_community_gathering", "local_community_assembly",
              "maslikhat_chair", "maslikhat_secretary", "akim_apparatus")
_BODY_LEVELS = {"maslikhat": ("region", "district"), "maslikhat_chair": ("region", "district"),
                "maslikhat_secretary": ("region", "district"),
                "local_community_gathering": ("rural",), "local_community_assembly": ("rural",)}

#: Power categories (codes of the ``power_category`` scheme) by stem keywords, first match wins.
CATEGORY_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("elections", ("выбор", "избирательн", "референдум")),
    ("local_self_government", ("местного самоуправлен", "местного сообществ", "сход", "собрани")),
    ("budget", ("бюджет", "налог", "платеж", "доход")),
    ("personnel", ("назначени", "освобождени", "назначает", "кадр", "персональн", "должност")),
    ("oversight", ("контрол", "отчет", "надзор", "ревизи")),
    ("planning", ("план", "программ", "прогноз", "стратеги")),
    ("property_land", ("имуществ", "собственност", "земел", "жилищ", "коммунальн")),
    ("public_order", ("правопоряд", "воинск", "мобилизац", "гражданской защит", "чрезвычайн", "оборон")),
    ("social", ("социальн", "образован", "здравоохран", "культур", "спорт", "инвалид", "занятост",
                "малообеспеч", "молодеж", "медицин", "семь")),
    ("economy_infrastructure", ("дорог", "транспорт", "строител", "водоснабж", "благоустр", "освещ",
                                "предприним", "энерг", "отоплен", "инфраструктур", "туризм", "торговл")),
    ("regulation", ("правил", "ставк", "порядок", "нормативн")),
    ("organization", ("комисси", "сесси", "организац", "регламент", "аппарат", "совещательн")),
)

_EXCLUDED_RE = re.compile(r"^\W*(?:\d+(?:-\d+)*\)\s*)?\*?(исключен|утратил)", re.IGNORECASE)
_NUM_RE = re.compile(r"^\s*(?:\d+(?:-\d+)*[.)]|[а-я]\))\s*")


@dataclass(frozen=True)
class Power:
    """One power of one body at one or more levels, as worded in one edition."""

    key: str                  # stable across editions: hash of the normalised text
    text: str                 # the item's words, numbering stripped
    body: str                 # institution type holding the power (akim, akimat, maslikhat…)
    levels: tuple[str, ...]
    institutions: tuple[str, ...]   # catalogue keys (body × level)
    category: str
    act: str
    edition: str
    eid: str
    path: str
    iri: str = ""             # expression-level provision IRI
    valid_from: Optional[str] = None
    valid_to: Optional[str] = None

    @property
    def node_id(self) -> str:
        """IRI of the power node (one per key, body and level set)."""
        return entity_iri("power", f"{self.key}-{self.body}-{'_'.join(self.levels) or 'all'}")


def normalize_power_text(text: str) -> str:
    """The words of a power as compared across editions.

    >>> normalize_power_text("12) Утверждает бюджет Республики Казахстан;")
    'утверждает бюджет'
    """
    t = fold_lookalikes(text).replace("ё", "е").lower()
    t = _NUM_RE.sub("", t)
    t = re.sub(r"республики казахстан", " ", t)
    t = re.sub(r"[^\w\s-]", " ", t)
    return normalize_space(t)


def power_key(text: str) -> str:
    """Stable key of a power by its normalised text.

    >>> power_key("1) управление коммунальной собственностью;") == power_key("2) Управление коммунальной собственностью.")
    True
    """
    return hashlib.sha1(normalize_power_text(text).encode("utf-8")).hexdigest()[:12]


def category_of(text: str) -> str:
    """Power category code by keywords (see :data:`CATEGORY_KEYWORDS`).

    >>> category_of("управление коммунальной собственностью"), category_of("иные вопросы")
    ('property_land', 'other')
    """
    t = text.lower()
    for code, words in CATEGORY_KEYWORDS:
        if any(w in t for w in words):
            return code
    return "other"


def _body(intro: str) -> tuple[Optional[str], tuple[str, ...]]:
    types = [t for t in types_in(intro) if t in BODY_TYPES]
    if not types:
        return None, ()
    # the body is the type named first in the introduction
    first = min(types, key=lambda t: _first_pos(intro, t))
    lv = tuple(levels_in(intro))
    if not lv:
        lv = _BODY_LEVELS.get(first, LEVELS)
    lv = tuple(level for level in lv if key_for(first, level))
    return first, lv


def _first_pos(text: str, type_: str) -> int:
    pos = [p for t, p in type_positions(text) if t == type_]
    return min(pos) if pos else 1 << 30


def _first_line(text: str) -> str:
    return normalize_space(text.strip().split("\n\n")[0])


def enumeration_intro(prov: Provision) -> Optional[tuple[str, tuple[str, ...]]]:
    """(body, levels) when a provision introduces a competence enumeration, else None."""
    line = _first_line(prov.text)
    if not line.endswith(":"):
        return None
    m = INTRO_RE.search(line)
    if m:
        return _body(m.group("body")) if _body(m.group("body"))[0] else None
    m = SUBJECT_RE.search(line)
    if m:
        body = _body(m.group("body"))
        return body if body[0] else None
    return None


def _single_power(prov: Provision) -> Optional[tuple[str, tuple[str, ...], str]]:
    """A point stating one power: «К компетенции маслихата области относится назначение …»."""
    line = _first_line(prov.text)
    if line.endswith(":"):
        return None
    m = INTRO_RE.search(line)
    if not m or not m.group("tail").strip():
        return None
    body, levels = _body(m.group("body"))
    if not body:
        return None
    return body, levels, m.group("tail").strip()


def extract_powers(edition: Edition, act: Optional[Act] = None,
                   interval: Optional[tuple[Optional[str], Optional[str]]] = None) -> list[Power]:
    """Every power of the competence enumerations of one edition, in document order."""
    out: list[Power] = []
    children: dict[Optional[str], list[Provision]] = {}
    for p in edition.provisions:
        children.setdefault(p.parent, []).append(p)
    start, end = interval or (None, None)

    def make(prov: Provision, body: str, levels: tuple[str, ...], text: str) -> Power:
        words = _NUM_RE.sub("", normalize_space(text)).rstrip(" ;.,")
        return Power(key=power_key(words), text=words, body=body, levels=levels,
                     institutions=tuple(k for k in (key_for(body, lv) for lv in levels) if k),
                     category=category_of(words), act=edition.act_id, edition=edition.date,
                     eid=prov.eid, path=prov.path, iri=provision_edition_iri(act, edition.act_id, prov.eid, edition.date),
                     valid_from=start, valid_to=end)

    for prov in edition.provisions:
        if prov.status == "excluded":
            continue
        intro = enumeration_intro(prov)
        if intro:
            body, levels = intro
            for child in children.get(prov.eid, []):
                text = _first_line(child.text)
                if child.status == "excluded" or _EXCLUDED_RE.search(text) or not text:
                    continue
                out.append(make(child, body, levels, text))
            continue
        single = _single_power(prov)
        if single:
            body, levels, text = single
            out.append(make(prov, body, levels, text))
    return out


def all_powers(acts: Mapping[str, Act], editions: Iterable[Edition]) -> list[Power]:
    """Powers of every edition, each with its edition's validity (:mod:`kg.validity`)."""
    from kg.validity import edition_intervals

    editions = list(editions)
    intervals = edition_intervals(acts, editions)
    out = []
    for ed in editions:
        iv = intervals.get((ed.act_id, ed.date))
        out.extend(extract_powers(ed, acts.get(ed.act_id), (iv.start, iv.end) if iv else None))
    return out


@dataclass(frozen=True)
class PowerChange:
    """How a power differs between two sets (two editions, two dates)."""

    key: str
    change: str                     # added | removed | moved | reworded
    text: str
    before: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (body, levels) holders before
    after: tuple[tuple[str, tuple[str, ...]], ...] = ()
    similar_key: Optional[str] = None  # for reworded: the key of the old wording


def _holders(powers: Iterable[Power]) -> dict[str, set[tuple[str, tuple[str, ...]]]]:
    out: dict[str, set] = {}
    for p in powers:
        out.setdefault(p.key, set()).add((p.body, p.levels))
    return out


def compare_powers(before: Sequence[Power], after: Sequence[Power], similarity: float = 0.85) -> list[PowerChange]:
    """Changes from one set of powers to another.

    ``moved``: the same words held by another body or at other levels;
    ``reworded``: no identical words but a close wording (difflib ratio ≥
    ``similarity``) of a removed power; else ``added`` / ``removed``.

    >>> mk = lambda body, lv, t: Power(power_key(t), t, body, lv, (), "other", "a", "d", "e", "p")
    >>> old = [mk("akim", ("district",), "организует погребение безродных")]
    >>> new = [mk("akim", ("rural",), "организует погребение безродных")]
    >>> [(c.change, c.before, c.after) for c in compare_powers(old, new)]
    [('moved', (('akim', ('district',)),), (('akim', ('rural',)),))]
    """
    hb, ha = _holders(before), _holders(after)
    texts = {p.key: p.text for p in list(before) + list(after)}
    out: list[PowerChange] = []
    for key in sorted(set(hb) & set(ha)):
        if hb[key] != ha[key]:
            out.append(PowerChange(key, "moved", texts[key], tuple(sorted(hb[key])), tuple(sorted(ha[key]))))
    removed = [k for k in hb if k not in ha]
    norm_removed = {k: normalize_power_text(texts[k]) for k in removed}
    matched: set[str] = set()
    for key in sorted(k for k in ha if k not in hb):
        nt = normalize_power_text(texts[key])
        best, score = None, 0.0
        for rk, rt in norm_removed.items():
            if rk in matched or abs(len(rt) - len(nt)) > max(len(rt), len(nt)) * (1 - similarity):
                continue
            s = difflib.SequenceMatcher(None, rt, nt).ratio()
            if s > score:
                best, score = rk, s
        if best and score >= similarity:
            matched.add(best)
            out.append(PowerChange(key, "reworded", texts[key], tuple(sorted(hb[best])), tuple(sorted(ha[key])),
                                   similar_key=best))
        else:
            out.append(PowerChange(key, "added", texts[key], (), tuple(sorted(ha[key]))))
    for key in sorted(k for k in removed if k not in matched):
        out.append(PowerChange(key, "removed", texts[key], tuple(sorted(hb[key])), ()))
    return out


def moved_powers(powers: Sequence[Power]) -> list[dict]:
    """Powers whose holder changes between consecutive editions of the same act.

    One entry per change: ``{"key", "text", "act", "from_edition", "to_edition",
    "before": [[body, [levels]]...], "after": [...]}``.

    >>> mk = lambda ed, lv: Power("k", "организует погребение", "akim", lv, (), "other", "a", ed, "e", "p")
    >>> [(m["from_edition"], m["to_edition"], m["after"]) for m in moved_powers(
    ...     [mk("2011-03-24", ("district",)), mk("2014-11-07", ("district",)), mk("2023-12-23", ("rural",))])]
    [('2014-11-07', '2023-12-23', [['akim', ['rural']]])]
    """
    by_act: dict[str, dict[str, list[Power]]] = {}
    for p in powers:
        by_act.setdefault(p.act, {}).setdefault(p.edition, []).append(p)
    out = []
    for act, eds in sorted(by_act.items()):
        dates = sorted(eds)
        for a, b in zip(dates, dates[1:]):
            for ch in compare_powers(eds[a], eds[b]):
                if ch.change == "moved":
                    out.append({"key": ch.key, "text": ch.text, "act": act, "from_edition": a, "to_edition": b,
                                "before": [[body, list(lv)] for body, lv in ch.before],
                                "after": [[body, list(lv)] for body, lv in ch.after]})
    return out
