"""The institutions and posts of local government, and how the texts name them.

A fixed catalogue of bodies (``org:Organization``) and posts (``org:Post``)
that the acts of the corpus give a role in local government: the President,
the Government and the Prime Minister, the Parliament (Kurultai from 2026),
the akim and akimat of each administrative level, the maslikhat of the levels
that have one, its chair and secretary, the local community gathering and
assembly (сход, собрание), the akim's apparatus, territorial councils,
election commissions and, before 1994, the local Soviets.

Recognition in text is lemma-free: each institution type and each level has
a short list of stem regexes (Russian inflection only changes word endings, so
``маслихат\\w*`` finds «маслихата», «маслихатов», «маслихатами»…). The lists
are :data:`TYPE_PATTERNS` and :data:`LEVEL_PATTERNS`; each list is matched as
one alternation in priority order, the leftmost and then the first pattern
claiming its words, so «района в городе» is not also counted as «района», and
«города областного значения» not as «области».

>>> levels_in("Аким района в городе назначается акимом города республиканского значения")
['region', 'district_in_city']
>>> types_in("с согласия маслихатов области; аппарат акима; сход местного сообщества")
['akim_apparatus', 'local_community_gathering', 'maslikhat']
>>> find_institutions("Аким области назначается Президентом с согласия маслихата области")
['akim-region', 'maslikhat-region', 'president']
>>> get("akim-district").post_in
'akimat-district'
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from kg.textnorm import fold_lookalikes
from kg.uri import concept_iri, entity_iri

#: Administrative levels (codes of CONTRACTS.md), outermost first.
LEVELS = ("region", "district", "district_in_city", "rural")

LEVEL_LABELS = {
    "region": {"ru": "область, город республиканского значения, столица",
               "en": "region (oblast, city of republican significance, capital)",
               "kk": "облыс, республикалық маңызы бар қала, астана"},
    "district": {"ru": "район, город областного значения",
                 "en": "district, city of oblast significance",
                 "kk": "аудан, облыстық маңызы бар қала"},
    "district_in_city": {"ru": "район в городе",
                         "en": "district in a city",
                         "kk": "қаладағы аудан"},
    "rural": {"ru": "город районного значения, село, поселок, сельский округ",
              "en": "city of district significance, village, settlement, rural district",
              "kk": "аудандық маңызы бар қала, ауыл, кент, ауылдық округ"},
}

# Level phrases in priority order: where two match at the same place, the
# earlier one wins (so the more specific phrase claims its words).
LEVEL_PATTERNS: tuple[tuple[str, str], ...] = (
    ("district_in_city", r"район\w*\s+в\s+город\w*"),
    ("district_in_city", r"район\w*\s+в\s+столиц\w*"),
    ("rural", r"город\w*\s+районного\s+значения"),
    ("rural", r"город\w*\s+районного\s+подчинения"),
    ("rural", r"\bсел(?:о|а|у|ом|е|ам|ами|ах)\b"),
    ("rural", r"\bпос[её]л(?:ок|ка|ку|ком|ке|ки|ков|кам|ках|ковы\w*)\b"),
    ("rural", r"\bаул\w*"),
    ("rural", r"\bсельск\w+\s+(?:округ|населенн|администрац|акимат|аким|местност|Совет)\w*"),
    ("district", r"город\w*\s+областного\s+значения"),
    ("region", r"город\w*\s+республиканского\s+значения"),
    ("region", r"\bстолиц\w*"),
    ("region", r"\bобласт(?:ь|и|ей|ям|ями|ях)\b"),
    ("region", r"\bобластн\w*"),
    ("region", r"\bАлматинск\w+\s+и\s+Ленинск\w+\s+городск\w*"),
    ("district", r"\bрайон(?:а|ов|ы|у|ом|е|ам|ами|ах)?\b"),
    ("district", r"\bрайонн\w*"),
)

# Institution types: (type code, stem regex), in priority order: a compound
# («председатель маслихата», «аппарат акима») claims its words before the
# simple words are looked for.
TYPE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("maslikhat_chair", r"председател\w*\s+маслихат\w*"),
    ("maslikhat_secretary", r"секретар\w*\s+маслихат\w*"),
    ("maslikhat_secretary", r"секретар\w*\s+Маслихата\s*-\s*Собрания\s+депутатов"),
    ("akim_apparatus", r"аппарат\w*\s+аким\w*"),
    ("maslikhat_apparatus", r"аппарат\w*\s+маслихат\w*"),
    ("local_community_gathering", r"\bсход\w*"),
    ("local_community_assembly", r"собрани\w*\s+местного\s+сообществ\w*"),
    ("local_community_assembly", r"собрани\w*\s+представителей\s+граждан"),
    ("territorial_council", r"территориальн\w+\s+совет\w*\s+местного\s+самоуправлени\w*"),
    ("election_commission", r"избирательн\w+\s+комисси\w*"),
    ("local_soviet", r"Совет\w*\s+народных\s+депутатов"),
    ("akim", r"глав\w*\s+(?:\w+\s+){0,3}администраци\w*"),
    ("akimat", r"\bакимат\w*"),
    ("akimat", r"местн\w+\s+исполнительн\w+\s+орган\w*"),
    ("maslikhat", r"местн\w+\s+представительн\w+\s+орган\w*"),
    ("akim", r"\bаким(?:а|у|ом|е|ы|ов|ам|ами|ах)?\b"),
    ("maslikhat", r"\bмаслихат\w*"),
    ("prime_minister", r"Премьер-Министр\w*"),
    ("president", r"\bПрезидент\w*"),
    ("government", r"\bПравительств\w*"),
    ("kurultai", r"\bКурулта\w*"),
    ("parliament", r"\bПарламент\w*"),
)

def _combined(patterns) -> tuple[re.Pattern, list[str]]:
    """One alternation of all patterns, in priority order; group ``g{i}`` is pattern ``i``.

    Patterns and text are matched in lower case (names of national bodies
    included: «Президент», «Правительство»).

    At each position the leftmost match wins and, among matches starting
    there, the first pattern: so a longer, more specific phrase claims its
    words before a shorter one can («района в городе» before «района»).
    """
    parts = [f"(?P<g{i}>{p.lower()})" for i, (_, p) in enumerate(patterns)]
    return re.compile(r"\b(?:" + "|".join(parts) + ")"), [lbl for lbl, _ in patterns]


_MIXED = re.compile(r"[а-яёА-ЯЁ][A-Za-z]|[A-Za-z][а-яёА-ЯЁ]")
_LEVEL_RX = _combined(LEVEL_PATTERNS)
_TYPE_RX = _combined(TYPE_PATTERNS)


@dataclass(frozen=True)
class Institution:
    """A body or a post of the catalogue.

    ``kind`` is ``organization`` (``org:Organization``) or ``post``
    (``org:Post``); ``level`` is a code of :data:`LEVELS` or None for national
    bodies. ``post_in``, ``sub_organization_of`` and ``reports_to`` are keys of
    other catalogue entries. ``basis`` says which text establishes the relation.
    """

    key: str
    type: str
    kind: str
    label_ru: str
    label_en: str
    label_kk: Optional[str] = None
    level: Optional[str] = None
    alt_labels_ru: tuple[str, ...] = ()
    post_in: Optional[str] = None
    sub_organization_of: Optional[str] = None
    reports_to: Optional[str] = None
    valid_from: Optional[str] = None
    valid_to: Optional[str] = None
    basis: tuple[str, ...] = ()

    @property
    def iri(self) -> str:
        return institution_iri(self.key)


def institution_iri(key: str) -> str:
    """IRI of a catalogue entry.

    >>> institution_iri("akim-rural")
    'https://w3id.org/akimkg/id/institution/akim-rural'
    """
    return entity_iri("institution", key)


def level_iri(level: str) -> str:
    """IRI of a level concept (SKOS scheme ``level``)."""
    return concept_iri("level", level)


_LVL_RU = {"region": ("области", "областной"), "district": ("района", "районный"),
           "district_in_city": ("района в городе", "районный в городе"),
           "rural": ("города районного значения, села, поселка, сельского округа", "сельский")}
_LVL_EN = {"region": "region", "district": "district", "district_in_city": "district in a city",
           "rural": "rural"}
_LVL_KK = {"region": "облыс", "district": "аудан", "district_in_city": "қаладағы аудан",
           "rural": "ауыл"}

_SOVIET_GEN = {"region": "областного", "district": "районного", "rural": "сельского"}
_CONST87 = "Конституция 1995, статья 87, пункты 1, 3 (ред. 1995–2023); Конституция 2026, статья 89"


def _catalogue() -> tuple[Institution, ...]:
    out = [
        Institution("republic", "state", "organization", "Республика Казахстан",
                    "Republic of Kazakhstan", "Қазақстан Республикасы"),
        Institution("president", "president", "post", "Президент Республики Казахстан",
                    "President of the Republic of Kazakhstan", "Қазақстан Республикасының Президенті",
                    post_in="republic"),
        Institution("government", "government", "organization", "Правительство Республики Казахстан",
                    "Government of the Republic of Kazakhstan", "Қазақстан Республикасының Үкіметі",
                    alt_labels_ru=("Кабинет Министров Республики Казахстан",),
                    sub_organization_of="republic"),
        Institution("prime_minister", "prime_minister", "post", "Премьер-Министр Республики Казахстан",
                    "Prime Minister of the Republic of Kazakhstan", "Премьер-Министр",
                    post_in="government", reports_to="president"),
        Institution("parliament", "parliament", "organization", "Парламент Республики Казахстан",
                    "Parliament of the Republic of Kazakhstan", "Парламент",
                    alt_labels_ru=("Верховный Совет Республики Казахстан",),
                    sub_organization_of="republic", valid_to="2026-07-01",
                    basis=("Конституция 1995, раздел IV",)),
        Institution("kurultai", "kurultai", "organization", "Курултай Республики Казахстан",
                    "Kurultai of the Republic of Kazakhstan", "Құрылтай",
                    sub_organization_of="republic", valid_from="2026-07-01",
                    basis=("Конституция 2026 (статья 88, пункт 5: Председатель Курултая)",)),
        Institution("election_commission", "election_commission", "organization",
                    "территориальная избирательная комиссия", "territorial election commission",
                    "аумақтық сайлау комиссиясы",
                    basis=("Конституционный закон «О выборах в РК», глава 13-1",)),
    ]
    for lvl in LEVELS:
        gen, adj = _LVL_RU[lvl]
        higher = {"district": "region", "district_in_city": "region", "rural": "district"}.get(lvl)
        out.append(Institution(
            f"akimat-{lvl}", "akimat", "organization", f"акимат {gen}", f"akimat ({_LVL_EN[lvl]})",
            f"{_LVL_KK[lvl]} әкімдігі", level=lvl,
            alt_labels_ru=(f"местный исполнительный орган {gen}", f"{adj} администрация"),
            sub_organization_of=f"akimat-{higher}" if higher else "government",
            basis=(_CONST87 + ": местные исполнительные органы входят в единую систему исполнительных органов",)))
        out.append(Institution(
            f"akim-{lvl}", "akim", "post", f"аким {gen}", f"akim ({_LVL_EN[lvl]})",
            f"{_LVL_KK[lvl]} әкімі", level=lvl,
            alt_labels_ru=(f"глава {adj} администрации",),
            post_in=f"akimat-{lvl}",
            reports_to=f"akim-{higher}" if higher else "president",
            basis=(_CONST87 + ": аким — представитель Президента и Правительства; "
                   "недоверие акиму ставится перед Президентом либо вышестоящим акимом",)))
        out.append(Institution(
            f"akim_apparatus-{lvl}", "akim_apparatus", "organization", f"аппарат акима {gen}",
            f"akim's apparatus ({_LVL_EN[lvl]})", f"{_LVL_KK[lvl]} әкімі аппараты", level=lvl,
            sub_organization_of=f"akimat-{lvl}",
            basis=("Закон № 148-II, статья 38",)))
    for lvl in ("region", "district"):
        gen, adj = _LVL_RU[lvl]
        out.append(Institution(
            f"maslikhat-{lvl}", "maslikhat", "organization", f"маслихат {gen}",
            f"maslikhat ({_LVL_EN[lvl]})", f"{_LVL_KK[lvl]} мәслихаты", level=lvl,
            alt_labels_ru=(f"{adj} Маслихат - Собрание депутатов", "местный представительный орган"),
            valid_from="1993-12-10",
            basis=("Закон № 4100 от 10.12.1993, статья 1", "Конституция 1995, статья 86")))
        out.append(Institution(
            f"maslikhat_chair-{lvl}", "maslikhat_chair", "post", f"председатель маслихата {gen}",
            f"chair of the maslikhat ({_LVL_EN[lvl]})", f"{_LVL_KK[lvl]} мәслихатының төрағасы",
            level=lvl, post_in=f"maslikhat-{lvl}",
            basis=("Закон № 148-II, статья 19 (ред. 2023)",)))
        out.append(Institution(
            f"maslikhat_secretary-{lvl}", "maslikhat_secretary", "post", f"секретарь маслихата {gen}",
            f"secretary of the maslikhat ({_LVL_EN[lvl]})", f"{_LVL_KK[lvl]} мәслихатының хатшысы",
            level=lvl, post_in=f"maslikhat-{lvl}",
            basis=("Закон № 4100, статья 11", "Закон № 148-II, статья 19 (ред. 2011, 2014)")))
        out.append(Institution(
            f"maslikhat_apparatus-{lvl}", "maslikhat_apparatus", "organization",
            f"аппарат маслихата {gen}", f"maslikhat apparatus ({_LVL_EN[lvl]})", None, level=lvl,
            sub_organization_of=f"maslikhat-{lvl}", basis=("Закон № 148-II, статья 25",)))
        out.append(Institution(
            f"territorial_council-{lvl}", "territorial_council", "organization",
            f"территориальный совет местного самоуправления ({'города республиканского значения, столицы' if lvl == 'region' else 'города областного значения'})",
            f"territorial council of local self-government ({_LVL_EN[lvl]})", None, level=lvl,
            sub_organization_of=f"akimat-{lvl}",
            basis=("Закон № 148-II, статья 39-7 (с 2015 г.)",)))
    out.append(Institution(
        "local_community_gathering-rural", "local_community_gathering", "organization",
        "сход местного сообщества", "local community gathering", "жергілікті қоғамдастық жиыны",
        level="rural", basis=("Закон № 148-II, статья 39-3",)))
    out.append(Institution(
        "local_community_assembly-rural", "local_community_assembly", "organization",
        "собрание местного сообщества", "local community assembly", "жергілікті қоғамдастық жиналысы",
        level="rural", alt_labels_ru=("собрание представителей граждан",),
        basis=("Закон № 148-II, статья 39-3", "Закон № 4100, статья 49")))
    for lvl in LEVELS:
        gen, adj = _LVL_RU[lvl]
        out.append(Institution(
            f"residents-{lvl}", "residents", "organization", f"жители {gen}",
            f"residents ({_LVL_EN[lvl]})", None, level=lvl,
            alt_labels_ru=("население соответствующей административно-территориальной единицы",
                           "местное сообщество"),
            basis=("Закон № 148-II, статья 36-2 (ред. 2023): аким избирается населением",)))
    for lvl in ("region", "district", "rural"):
        gen, adj = _LVL_RU[lvl]
        out.append(Institution(
            f"soviet_executive_committee-{lvl}", "soviet_executive_committee", "organization",
            f"исполнительный комитет {_SOVIET_GEN[lvl]} Совета народных депутатов",
            f"executive committee of the local Soviet ({_LVL_EN[lvl]})", None, level=lvl,
            sub_organization_of=f"local_soviet-{lvl}", valid_to="1993-12-09"))
        out.append(Institution(
            f"local_soviet-{lvl}", "local_soviet", "organization", f"{adj} Совет народных депутатов",
            f"local Soviet of People's Deputies ({_LVL_EN[lvl]})", None, level=lvl,
            valid_to="1993-12-09",
            basis=("Закон № 3800 от 09.12.1993, статья 1: полномочия местных Советов прекращены досрочно",)))
    return tuple(out)


CATALOGUE: tuple[Institution, ...] = _catalogue()
_BY_KEY = {i.key: i for i in CATALOGUE}

#: Types that exist at one institution per level (key ``{type}-{level}``).
LEVELLED_TYPES = tuple(sorted({i.type for i in CATALOGUE if i.level}))
NATIONAL_TYPES = {i.type: i.key for i in CATALOGUE if i.level is None}


class UnknownInstitution(ValueError):
    """A key that is not in the catalogue."""


def get(key: str) -> Institution:
    """The catalogue entry for a key; :class:`UnknownInstitution` if absent."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise UnknownInstitution(f"unknown institution: {key!r}") from None


def key_for(type_: str, level: Optional[str] = None) -> Optional[str]:
    """The catalogue key of an institution type at a level, or None.

    >>> key_for("maslikhat", "region"), key_for("maslikhat", "rural"), key_for("president")
    ('maslikhat-region', None, 'president')
    """
    if type_ in NATIONAL_TYPES:
        return NATIONAL_TYPES[type_]
    key = f"{type_}-{level}"
    return key if key in _BY_KEY else None


def _scan(text: str, combined: tuple[re.Pattern, list[str]]) -> list[tuple[str, int]]:
    """(label, position) of every match of a combined pattern (see :func:`_combined`)."""
    rx, labels = combined
    if _MIXED.search(text):
        text = fold_lookalikes(text)
    return [(labels[int(m.lastgroup[1:])], m.start()) for m in rx.finditer(text.lower())]


def levels_in(text: str) -> list[str]:
    """Administrative levels named in a text, in :data:`LEVELS` order.

    >>> levels_in("акимы городов районного значения, сел, поселков")
    ['rural']
    >>> levels_in("аким района (города областного значения)")
    ['district']
    >>> levels_in("Министерство сельского хозяйства")
    []
    """
    got = {lvl for lvl, _ in _scan(text, _LEVEL_RX)}
    return [lvl for lvl in LEVELS if lvl in got]


def type_positions(text: str) -> list[tuple[str, int]]:
    """(institution type, character offset) of every institution word, in text order.

    >>> type_positions("Аким района и маслихат")
    [('akim', 0), ('maslikhat', 14)]
    """
    return _scan(text, _TYPE_RX)


def types_in(text: str) -> list[str]:
    """Institution types named in a text, sorted.

    >>> types_in("Глава областной администрации назначается Президентом")
    ['akim', 'president']
    """
    return sorted({t for t, _ in _scan(text, _TYPE_RX)})


_SENTENCE_END = re.compile(r"[.;:]\s+")


def analyse(text: str) -> tuple[list[str], list[str]]:
    """(levels, institution keys) a text names: :func:`levels_in` and :func:`find_institutions` in one pass.

    >>> analyse("Аким области назначается Президентом.")
    (['region'], ['akim-region', 'president'])
    """
    if _MIXED.search(text):
        text = fold_lookalikes(text)
    lvls = _scan(text, _LEVEL_RX)
    types = _scan(text, _TYPE_RX)
    levels = [lv for lv in LEVELS if any(lv == x for x, _ in lvls)]
    if not types:
        return levels, []
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    sentence = lambda pos: bisect.bisect_right(ends, pos)  # noqa: E731
    by_sentence: dict[int, list[tuple[str, int]]] = {}
    for lv, pos in lvls:
        by_sentence.setdefault(sentence(pos), []).append((lv, pos))
    keys: set[str] = set()
    for t, pos in types:
        if t in NATIONAL_TYPES:
            keys.add(NATIONAL_TYPES[t])
            continue
        here = by_sentence.get(sentence(pos), [])
        after = [lv for lv, p in here if 0 <= p - pos <= 80]
        for lv in after[:1] or [lv for lv, _ in here]:
            k = key_for(t, lv)
            if k:
                keys.add(k)
    return levels, sorted(keys)


def find_institutions(text: str) -> list[str]:
    """Catalogue keys of the institutions a text names, sorted.

    A levelled type is attributed to the level phrase that follows it most
    closely (within the same sentence, 80 characters), else to every level the
    sentence names, else left out. National bodies need no level.

    >>> find_institutions("маслихат района (города областного значения) и аким сельского округа")
    ['akim-rural', 'maslikhat-district']
    """
    return analyse(text)[1]


def catalogue(levels: Iterable[str] = ()) -> list[Institution]:
    """Catalogue entries, optionally only those of some levels (national ones always)."""
    levels = set(levels)
    return [i for i in CATALOGUE if not levels or i.level is None or i.level in levels]
