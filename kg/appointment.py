"""Appointment rules for akims derived from the texts themselves.

Where an act states how akims of a level take office, an explicit pattern rule
of :data:`PATTERNS` turns the provision into an :class:`AppointmentRule`:
``(act id, eid regex, text regex) → level(s), kind and fields``. Nothing is
inferred beyond what a pattern says; a provision that matches no pattern
yields no rule (see ``docs/modes.md`` for the table in prose).

Kinds of rule:

* ``general`` — the way akims of the level take office;
* ``variant`` — a pilot or partial roll-out beside the general rule;
* ``delegation`` — the text leaves the way to another authority
  («в порядке, определяемом Президентом / законом»): it carries a basis but
  no mode;
* ``modifier`` patterns add fields (minimum number of candidates, who
  nominates) to the general rule of the same level in the same edition;
* ``dismissal`` — who may dismiss akims of the level (for the network).

Validity of a rule (``valid_from`` inclusive, ``valid_to`` exclusive) is the
period its wording is known to hold, read from the amendment footnotes of the
article it lies in (:func:`wording_span`):

* the same rule in consecutive editions is one span;
* it starts at the latest amendment of the article between the previous
  edition and the first edition with the rule (its explicit effective date
  when the footnote gives one, «вводится в действие с 01.01.2023», else the
  adoption date of the amending act), else at the edition date; in the first
  edition of an act without footnotes, at the act's entry into force or
  adoption;
* it ends at the earliest amendment of the article between the last edition
  with the rule and the next edition, else at the next edition's date; after
  the last edition, when the act ceased to be in force (None if it still is).

Periods between two spans stay unknown to the text; curated data may fill them
(:mod:`kg.modes`).

>>> from kg.model import Act, Edition, EditionMeta, Provision
>>> act = Act(id="constitution-1995", code="1", type="constitution", title="К", date="1995-08-30")
>>> p = Provision(eid="art_87/point_4", kind="point", num="4", heading=None, parent="art_87",
...     text="4. Акимы областей, городов республиканского значения и столицы назначаются на должность "
...          "Президентом Республики по представлению Премьер-Министра. Акимы иных "
...          "административно-территориальных единиц назначаются вышестоящими по отношению к ним акимами.")
>>> ed = Edition(meta=EditionMeta(act_id=act.id, date="1995-08-29"), title="К", provisions=(p,))
>>> rules = text_rules({act.id: act}, [ed])
>>> [(r.level, r.selection, r.selector, r.nomination, r.valid_from) for r in rules if r.kind == "general"]
... # doctest: +NORMALIZE_WHITESPACE
[('region', 'appointment', 'president', 'prime_minister', '1995-08-30'),
 ('district', 'appointment', 'higher_akim', None, '1995-08-30'),
 ('district_in_city', 'appointment', 'higher_akim', None, '1995-08-30'),
 ('rural', 'appointment', 'higher_akim', None, '1995-08-30')]
>>> rules[0].basis[0].path
'Статья 87, пункт 4'
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace  # noqa: F401  (doctest)
from typing import Iterable, Mapping, Optional, Sequence

from kg.model import Act, Edition, Provision
from kg.footnotes import DATE_RE, parse_date
from kg.textnorm import fold_lookalikes, normalize_space
from kg.uri import act_work_iri, entity_iri, provision_iri

LEVELS = ("region", "district", "district_in_city", "rural")
OTHER_LEVELS = ("district", "district_in_city", "rural")
SELECTIONS = ("appointment", "indirect_election", "direct_election", "soviet", "unknown")
SELECTORS = ("president", "higher_akim", "maslikhat_deputies", "residents", "local_soviet", "unknown")
KINDS = ("general", "variant", "delegation", "dismissal")
#: How exact a bound of a rule is, most exact first: ``attested`` means the sources only attest
#: the rule until that day (``end_unknown``); ``bound`` an upper bound; ``year``/``month`` the
#: first day of the year or month.
PRECISIONS = ("day", "month", "year", "bound", "attested")

# Rank of a source: the constitution prevails over a constitutional law, which
# prevails over a law, a decree; curated data comes last.
RANK = {"constitution": 0, "constitutional_law": 1, "law": 2, "decree": 3, "resolution": 4,
        "local_act": 5, "other": 6, "curated": 9}


@dataclass(frozen=True)
class Basis:
    """The provision edition a rule is read from."""

    act: str
    edition: str
    path: str
    id: str                        # expression-level provision IRI
    eid: str = ""

    def to_contract(self) -> dict:
        return {"act": self.act, "edition": self.edition, "path": self.path, "id": self.id}


@dataclass(frozen=True)
class AppointmentRule:
    """How akims of one level take office during a period, and why we know it.

    ``valid_to`` is exclusive (the first day the rule no longer holds); None
    means open. ``origin`` is ``text`` or ``curated``; a text rule has a
    ``basis``, a curated one ``sources``. ``valid_from_basis`` /
    ``valid_to_basis`` say where the bound came from (``amendment_effective``,
    ``amendment_adopted``, ``edition``, ``act``, ``act_in_force_to``,
    ``curated``…). ``valid_from_precision`` is ``day``, ``month`` or ``year``
    (the first day of the month or year when a source gives no more);
    ``end_unknown`` says that ``valid_to`` is only the end of the period the
    sources attest, not a known end; ``dating`` says in words what the two
    dates are (curated rules).

    >>> r = AppointmentRule(id="x", level="district", valid_to="2005-09-01", end_unknown=True)
    >>> r.until_precision, replace(r, end_unknown=False).until_precision, replace(r, valid_to=None).until_precision
    ('attested', 'day', None)
    """

    id: str
    level: str
    kind: str = "general"
    selection: str = "unknown"
    selector: str = "unknown"
    consent: Optional[str] = None
    nomination: Optional[str] = None
    min_candidates: Optional[int] = None
    nominator: Optional[str] = None        # who proposes candidates when not the Prime Minister
    delegated_to: Optional[str] = None     # delegation rules: "president" | "law"
    scope: Optional[str] = None            # variants: where the variant applies (Russian)
    valid_from: Optional[str] = None
    valid_to: Optional[str] = None
    valid_from_basis: Optional[str] = None
    valid_to_basis: Optional[str] = None
    origin: str = "text"
    rank: int = RANK["curated"]
    basis: tuple[Basis, ...] = ()
    sources: tuple[str, ...] = ()
    pattern: Optional[str] = None
    note: Optional[str] = None
    valid_from_precision: str = "day"
    end_unknown: bool = False
    dating: Optional[str] = None

    @property
    def iri(self) -> str:
        return entity_iri("rule", self.id)

    @property
    def until_precision(self) -> Optional[str]:
        """How exact ``valid_to`` is (one of :data:`PRECISIONS`; None when open)."""
        if self.valid_to is None:
            return None
        if self.end_unknown:
            return "attested"
        how = self.valid_to_basis or ""
        return next((p for p in ("year", "month", "bound") if how.endswith("_" + p)), "day")

    def covers(self, date: str) -> bool:
        """Whether the rule holds on an ISO date."""
        return (self.valid_from is None or self.valid_from <= date) and \
            (self.valid_to is None or date < self.valid_to)

    def mode(self) -> tuple:
        """The fields that say how akims take office (what conflicts compare)."""
        return (self.selection, self.selector, self.consent, self.nomination, self.min_candidates)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["basis"] = [asdict(b) for b in self.basis]
        d["sources"] = list(self.sources)
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> "AppointmentRule":
        d = dict(d)
        d["basis"] = tuple(Basis(**b) for b in d.get("basis", ()))
        d["sources"] = tuple(d.get("sources", ()))
        return cls(**d)


@dataclass(frozen=True)
class Pattern:
    """One row of the rule table.

    ``eid`` is a regex matched against the whole eid of a provision; ``text`` a
    regex searched (case-insensitive, whitespace collapsed) in the provision's
    text with its descendants. The deepest provision that matches is the basis.
    ``fields`` are set on the rule; a field given as ``"<group>"`` takes the
    value of the named group of ``text`` (numerals are converted).
    ``also`` lists further provisions of other acts or articles cited in the
    basis (act id, eid), e.g. the article of the election law a variant rests on.
    """

    name: str
    act: str
    eid: str
    text: str
    levels: tuple[str, ...]
    kind: str = "general"              # general | variant | delegation | modifier | dismissal
    fields: tuple[tuple[str, object], ...] = ()
    scope: Optional[str] = None
    also: tuple[tuple[str, str], ...] = ()
    note: Optional[str] = None


def _f(**kw) -> tuple[tuple[str, object], ...]:
    return tuple(kw.items())


_APPOINT_PRES = _f(selection="appointment", selector="president")
_APPOINT_HIGHER = _f(selection="appointment", selector="higher_akim")

#: The rule table. Each row is read against every edition of its act.
PATTERNS: tuple[Pattern, ...] = (
    # --- Law No. 4100 of 10.12.1993, art. 2 and 48 (heads of local administration)
    Pattern("law4100-2-region", "law-1993-4100", r"art_2(/.*)?",
            r"Глава областной, Алматинской и Ленинской городских администраций назначается"
            r" и освобождается от должности Президентом", ("region",), fields=_APPOINT_PRES),
    Pattern("law4100-2-district", "law-1993-4100", r"art_2(/.*)?",
            r"глава районной, городской администрации\s*-\s*главой областной администрации",
            ("district",), fields=_APPOINT_HIGHER,
            note="по согласованию с Президентом Республики Казахстан"),
    Pattern("law4100-2-district_in_city", "law-1993-4100", r"art_2(/.*)?",
            r"Глава районной в городе администрации[^.]*назначается и освобождается от должности"
            r" соответственно главой городской", ("district_in_city",), fields=_APPOINT_HIGHER,
            note="по согласованию с главой областной администрации"),
    Pattern("law4100-48-rural", "law-1993-4100", r"art_48(/.*)?",
            r"главой сельской администрации, назначаемыми главой районной \(городской\) администрации",
            ("rural",), fields=_APPOINT_HIGHER),
    # --- Constitution 1995, art. 87 p. 4
    Pattern("const1995-87-4-pm", "constitution-1995", r"art_87(/point_4)?",
            r"Акимы областей, городов республиканского значения и столицы назначаются на должность"
            r" Президентом Республики по представлению Премьер-Министра",
            ("region",), fields=_f(selection="appointment", selector="president",
                                   nomination="prime_minister")),
    Pattern("const1995-87-4-higher", "constitution-1995", r"art_87(/point_4)?",
            r"Акимы иных административно-территориальных единиц назначаются вышестоящими",
            OTHER_LEVELS, fields=_APPOINT_HIGHER),
    Pattern("const1995-87-4-consent", "constitution-1995", r"art_87(/point_4)?",
            r"Акимы областей, городов республиканского значения и столицы назначаются на должность"
            r" Президентом Республики с согласия маслихатов",
            ("region",), fields=_f(selection="appointment", selector="president", consent="maslikhat")),
    Pattern("const1995-87-4-deputies", "constitution-1995", r"art_87(/point_4)?",
            r"Акимы областей, городов республиканского значения и столицы назначаются на должность"
            r" Президентом Республики с согласия депутатов маслихатов",
            ("region",), fields=_f(selection="appointment", selector="president", consent="maslikhat")),
    Pattern("const1995-87-4-candidates", "constitution-1995", r"art_87(/point_4)?",
            r"Президент Республики предлагает не менее (?P<n>\w+) кандидатур", ("region",),
            kind="modifier", fields=_f(min_candidates="<n>")),
    Pattern("const1995-87-4-by-president", "constitution-1995", r"art_87(/point_4)?",
            r"Акимы иных административно-территориальных единиц назначаются или избираются на должность"
            r" в порядке, определяемом Президентом", OTHER_LEVELS, kind="delegation",
            fields=_f(delegated_to="president")),
    Pattern("const1995-87-4-by-law", "constitution-1995", r"art_87(/point_4)?",
            r"Акимы иных административно-территориальных единиц назначаются или избираются на должность,"
            r" а также освобождаются от должности в порядке, определяемом законом", OTHER_LEVELS,
            kind="delegation", fields=_f(delegated_to="law")),
    Pattern("const1995-87-4-dismiss-all", "constitution-1995", r"art_87(/point_4)?",
            r"Президент Республики вправе по своему усмотрению освобождать акимов от должностей",
            LEVELS, kind="dismissal", fields=_f(selector="president")),
    Pattern("const1995-87-4-dismiss-region", "constitution-1995", r"art_87(/point_4)?",
            r"Президент Республики вправе по своему усмотрению освобождать от должностей акимов областей",
            ("region",), kind="dismissal", fields=_f(selector="president")),
    # --- Constitution 2026, art. 89 p. 4
    Pattern("const2026-89-4-consent", "constitution-2026", r"art_89(/point_4)?",
            r"Акимы столицы, областей, городов республиканского значения назначаются на должности"
            r" Президентом Республики Казахстан с согласия депутатов",
            ("region",), fields=_f(selection="appointment", selector="president", consent="maslikhat")),
    Pattern("const2026-89-4-candidates", "constitution-2026", r"art_89(/point_4)?",
            r"Президент Республики Казахстан предлагает не менее (?P<n>\w+) кандидатур", ("region",),
            kind="modifier", fields=_f(min_candidates="<n>")),
    Pattern("const2026-89-4-by-law", "constitution-2026", r"art_89(/point_4)?",
            r"Акимы иных административно-территориальных единиц назначаются или избираются на должности,"
            r" а также освобождаются от должностей в порядке, определяемом законом", OTHER_LEVELS,
            kind="delegation", fields=_f(delegated_to="law")),
    Pattern("const2026-89-4-dismiss-region", "constitution-2026", r"art_89(/point_4)?",
            r"Президент Республики Казахстан вправе по своему усмотрению освобождать от должностей акимов",
            ("region",), kind="dismissal", fields=_f(selector="president")),
    # --- Law No. 148-II, art. 28 (region)
    Pattern("law148-28-consent", "law-2001-148", r"art_28(/point_1)?",
            r"Аким области,? \(?города республиканского значения,? (и )?столицы\)? назначается на должность"
            r" Президентом Республики Казахстан с согласия (депутатов )?маслихат",
            ("region",), fields=_f(selection="appointment", selector="president", consent="maslikhat")),
    Pattern("law148-28-dismiss", "law-2001-148", r"art_28(/point_2)?",
            r"Аким области,? \(?города республиканского значения,? (и )?столицы\)? освобождается от"
            r" должности Президентом", ("region",), kind="dismissal", fields=_f(selector="president")),
    # --- Law No. 148-II, art. 32, 32-1, 32-2 (district, district in a city)
    Pattern("law148-32-by-president", "law-2001-148", r"art_32(/point_1)?",
            r"Аким района \(города областного значения\) назначается или избирается на должность"
            r" в порядке, определяемом Президентом", ("district",), kind="delegation",
            fields=_f(delegated_to="president")),
    Pattern("law148-32-elected", "law-2001-148", r"art_32(/point_1)?",
            r"Аким района \(города областного значения\) избирается на должность в соответствии с"
            r" Конституционным законом", ("district",), kind="variant",
            fields=_f(selection="direct_election", selector="residents"),
            scope="пилотные районы и города областного значения по решению маслихата",
            also=(("law-2001-148", "art_36-2"), ("const-law-1995-2464", "art_113-1/point_1")),
            note="выборы акима района назначаются по решению маслихата об установлении перечня пилотных"
                 " регионов (ст. 113-1 Конституционного закона «О выборах в РК»); прямое избрание —"
                 " ст. 36-2 Закона № 148-II"),
    Pattern("law148-32-1-appointed", "law-2001-148", r"art_32-1(/.*)?",
            r"назначается на должность акимом области с согласия маслихата", ("district",),
            fields=_f(selection="appointment", selector="higher_akim", consent="maslikhat")),
    Pattern("law148-32-1-dismiss", "law-2001-148", r"art_32-1(/.*)?",
            r"прекращает полномочия и освобождается от должности акимом области", ("district",),
            kind="dismissal", fields=_f(selector="higher_akim")),
    Pattern("law148-32-2-appointed", "law-2001-148", r"art_32-2(/.*)?",
            r"Аким района в городе областного значения:?\s*(1\)\s*)?назначается на должность акимом"
            r" города областного значения с согласия маслихата",
            ("district_in_city",), fields=_f(selection="appointment", selector="higher_akim",
                                             consent="maslikhat")),
    Pattern("law148-32-2-dismiss", "law-2001-148", r"art_32-2(/.*)?",
            r"прекращает полномочия и освобождается от должности акимом города", ("district_in_city",),
            kind="dismissal", fields=_f(selector="higher_akim")),
    # --- Law No. 148-II, art. 36, 36-2 (rural; district in a city until 2023)
    Pattern("law148-36-by-president", "law-2001-148", r"art_36(/point_1)?",
            r"Аким района в городе, города районного значения, (поселка, )?(аула \()?сел[аo]\)?,"
            r" (поселка, )?(аульного \()?сельского\)? округа назначается или избирается на должность"
            r" в порядке, определяемом Президентом", ("district_in_city", "rural"), kind="delegation",
            fields=_f(delegated_to="president")),
    Pattern("law148-36-elected", "law-2001-148", r"art_36(/point_1)?",
            r"Аким города районного значения, села, поселка, сельского округа избирается на должность"
            r" в соответствии с Конституционным законом", ("rural",),
            fields=_f(selection="direct_election", selector="residents"),
            also=(("law-2001-148", "art_36-2"),),
            note="прямое избрание населением — ст. 36-2 Закона № 148-II"),
    # --- Decree No. 555 of 24.04.2013 (indirect election of rural akims)
    Pattern("decree555-indirect", "decree-2013-555", r".*",
            r"Косвенное избирательное право состоит в избрании указанных акимов выборщиками"
            r"\s*[-–—]\s*гражданами Республики Казахстан, являющимися депутатами маслихатов",
            ("rural",), fields=_f(selection="indirect_election", selector="maslikhat_deputies")),
    Pattern("decree555-candidates", "decree-2013-555", r".*",
            r"Выдвижение кандидатов в акимы осуществляется акимом района \(города\) на альтернативной"
            r" основе \(то есть не менее (?P<n>\w+) кандидатов", ("rural",), kind="modifier",
            fields=_f(min_candidates="<n>", nominator="higher_akim")),
)

_NUMERALS = {"одного": 1, "одной": 1, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "пяти": 5}


def _num(word: str) -> Optional[int]:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMERALS.get(word)


def _norm(text: str) -> str:
    """Text as patterns see it: look-alike Latin letters folded, «ё» as «е», spaces collapsed."""
    return normalize_space(fold_lookalikes(text).replace("ё", "е"))


_COMPILED: dict[str, tuple[re.Pattern, re.Pattern]] = {}


def _compiled(p: Pattern) -> tuple[re.Pattern, re.Pattern]:
    if p.name not in _COMPILED:
        _COMPILED[p.name] = (re.compile(p.eid), re.compile(_norm(p.text), re.IGNORECASE))
    return _COMPILED[p.name]


# ----------------------------------------------------------------------------- footnote dates

_FROM_RX = re.compile(r"(?<![\w])от\s+(?:" + DATE_RE.pattern + ")", re.IGNORECASE)
_EFFECTIVE_RX = re.compile(r"вводится в действие с\s+(?:" + DATE_RE.pattern + ")", re.IGNORECASE)


def amendment_dates(footnote: str) -> list[tuple[str, str]]:
    """(date, how) of each amending act a footnote names, in the order written.

    ``how`` is ``effective`` when the footnote states the day the change came
    into force («вводится в действие с 01.01.2023») and ``adopted`` when only
    the amending act's date is known.

    >>> amendment_dates("Статья 87 с изменениями, внесенными законами РК от 07.10.1998 № 284-I "
    ...     "(вводится в действие со дня его опубликования); от 08.06.2022 (вводится в действие с 08.06.2022).")
    [('1998-10-07', 'adopted'), ('2022-06-08', 'effective')]
    """
    out = []
    footnote = fold_lookalikes(footnote)
    starts = list(_FROM_RX.finditer(footnote))
    for i, m in enumerate(starts):
        tail = footnote[m.end(): starts[i + 1].start() if i + 1 < len(starts) else len(footnote)]
        adopted = parse_date(m.group(0))
        eff = _EFFECTIVE_RX.search(tail)
        eff_date = parse_date(eff.group(0)) if eff else None
        if eff_date:
            out.append((eff_date, "effective"))
        elif adopted:
            out.append((adopted, "adopted"))
    return out


def _article_of(eid: str) -> str:
    parts = eid.split("/")
    for i, part in enumerate(parts):
        if part.startswith("art_"):
            return "/".join(parts[: i + 1])
    return eid


def article_amendments(edition: Edition, eid: str) -> list[tuple[str, str]]:
    """Dated amendments recorded in an edition for the article holding ``eid``."""
    art = _article_of(eid)
    out = []
    for a in edition.amendments:
        if a.target == art or a.target.startswith(art + "/") or (a.target and art.startswith(a.target + "/")):
            out.extend(amendment_dates(a.text))
    return out


# ----------------------------------------------------------------------------- spans

def _act_start(act: Optional[Act], fallback: str) -> tuple[str, str]:
    if act and act.in_force_from:
        return act.in_force_from, "act_in_force_from"
    if act and act.date:
        return act.date, "act_adopted"
    return fallback, "edition"


def wording_span(act: Optional[Act], editions: Sequence[Edition], first: int, last: int,
                 eid: str) -> tuple[Optional[str], str, Optional[str], Optional[str]]:
    """(from, how, to, how) of a wording held in ``editions[first..last]`` of one act.

    ``editions`` are one act's editions in date order. See the module
    docstring for the reasoning; ``how`` names the kind of date used.
    """
    ed_first, ed_last = editions[first], editions[last]
    if first > 0:
        prev = editions[first - 1].date
        cands = [(d, h) for d, h in article_amendments(ed_first, eid) if prev < d <= ed_first.date]
        start, start_how = (max(cands)[0], "amendment_" + max(cands)[1]) if cands else \
            (ed_first.date, "edition")
    else:
        cands = [(d, h) for d, h in article_amendments(ed_first, eid) if d <= ed_first.date]
        if cands:
            start, start_how = max(cands)[0], "amendment_" + max(cands)[1]
        else:
            start, start_how = _act_start(act, ed_first.date)
    if last + 1 < len(editions):
        nxt = editions[last + 1]
        cands = [(d, h) for d, h in article_amendments(nxt, eid) if ed_last.date < d <= nxt.date]
        end, end_how = (min(cands)[0], "amendment_" + min(cands)[1]) if cands else (nxt.date, "edition")
    else:
        end = act.in_force_to if act else None
        end_how = ("act_in_force_to" + (f"_{act.in_force_to_precision}"
                                        if getattr(act, "in_force_to_precision", None) else "")) if end else None
    return start, start_how, end, end_how


# ----------------------------------------------------------------------------- extraction

def provision_edition_iri(act: Optional[Act], act_id: str, eid: str, date: str) -> str:
    """IRI of a provision edition, as :func:`kg.rdf_documents.provision_iri_for` gives it (built
    from the string helpers of :mod:`kg.uri`, so answering ``modes`` needs no rdflib); for an act
    missing from ``acts``, an IRI under ``id/act/<act id>`` so nothing is lost.

    >>> a = Act(id="c", code="1", type="constitution", title="К", date="1995-08-30")
    >>> provision_edition_iri(a, a.id, "art_87/point_4", "2022-09-17")
    'https://w3id.org/akimkg/eli/kz/constitution/1995/1/rus@2022-09-17/art_87/point_4'
    """
    if act is None:
        return provision_iri(entity_iri("act", act_id), eid, date)
    return provision_iri(act_work_iri(act), eid, date)


def _match(edition: Edition, p: Pattern) -> Optional[tuple[Provision, re.Match]]:
    eid_rx, text_rx = _compiled(p)
    best = None
    for prov in edition.provisions:
        if not eid_rx.fullmatch(prov.eid):
            continue
        m = text_rx.search(_norm(edition.subtree_text(prov.eid)))
        if m and (best is None or prov.eid.count("/") > best[0].eid.count("/")):
            best = (prov, m)
    return best


def _fields(p: Pattern, m: re.Match) -> dict:
    out = {}
    for k, v in p.fields:
        if isinstance(v, str) and v.startswith("<") and v.endswith(">"):
            v = _num(m.group(v[1:-1]))
        out[k] = v
    return out


@dataclass
class _Hit:
    pattern: Pattern
    level: str
    fields: dict
    basis: list = field(default_factory=list)
    eid: str = ""


def _edition_hits(acts: Mapping[str, Act], edition: Edition,
                  by_act: Mapping[str, Sequence[Edition]]) -> list[_Hit]:
    act = acts.get(edition.act_id)
    hits: list[_Hit] = []
    mods: list[_Hit] = []
    for p in PATTERNS:
        if p.act != edition.act_id:
            continue
        found = _match(edition, p)
        if not found:
            continue
        prov, m = found
        basis = [Basis(edition.act_id, edition.date, prov.path, provision_edition_iri(act, edition.act_id, prov.eid,
                                                                          edition.date), prov.eid)]
        for other_act, other_eid in p.also:
            b = _also_basis(acts, by_act, other_act, other_eid, edition.date)
            if b:
                basis.append(b)
        for level in p.levels:
            h = _Hit(p, level, _fields(p, m), basis, prov.eid)
            (mods if p.kind == "modifier" else hits).append(h)
    for mod in mods:
        for h in hits:
            if h.level == mod.level and h.pattern.kind == "general":
                h.fields.update(mod.fields)
                h.basis = h.basis + [b for b in mod.basis if b not in h.basis]
    return hits


def _also_basis(acts, by_act, act_id: str, eid: str, date: str) -> Optional[Basis]:
    """Basis for a provision of another act or article: its latest edition on or before ``date``
    (or its earliest edition when none is that old)."""
    eds = by_act.get(act_id) or []
    cands = [e for e in eds if e.get(eid)] or []
    if not cands:
        return None
    before = [e for e in cands if e.date <= date]
    ed = before[-1] if before else cands[0]
    prov = ed.get(eid)
    return Basis(act_id, ed.date, prov.path, provision_edition_iri(acts.get(act_id), act_id, eid, ed.date), eid)


def _group_editions(editions: Iterable[Edition]) -> dict[str, list[Edition]]:
    by_act: dict[str, list[Edition]] = {}
    for e in editions:
        by_act.setdefault(e.act_id, []).append(e)
    for eds in by_act.values():
        eds.sort(key=lambda e: e.date)
    return by_act


def text_rules(acts: Mapping[str, Act], editions: Iterable[Edition]) -> list[AppointmentRule]:
    """Every rule the pattern table finds in the editions, one per wording span.

    ``acts`` maps act id to :class:`~kg.model.Act` (for IRIs and validity);
    rules come sorted by level, kind and start date.
    """
    by_act = _group_editions(editions)
    rules: list[AppointmentRule] = []
    for act_id, eds in by_act.items():
        act = acts.get(act_id)
        # per (pattern, level): the fields found in each edition (None where absent)
        seq: dict[tuple[str, str], list[Optional[_Hit]]] = {}
        for i, ed in enumerate(eds):
            for h in _edition_hits(acts, ed, by_act):
                seq.setdefault((h.pattern.name, h.level), [None] * len(eds))[i] = h
        for (name, level), hits in seq.items():
            i = 0
            while i < len(hits):
                if hits[i] is None:
                    i += 1
                    continue
                j = i
                while j + 1 < len(hits) and hits[j + 1] is not None and hits[j + 1].fields == hits[i].fields:
                    j += 1
                rules.append(_rule(act, act_id, eds, i, j, hits[i:j + 1]))
                i = j + 1
    rules.sort(key=lambda r: (LEVELS.index(r.level), r.kind, r.valid_from or "", r.rank))
    return rules


def _rule(act, act_id, eds, i, j, hits: list[_Hit]) -> AppointmentRule:
    h0 = hits[0]
    start, start_how, end, end_how = wording_span(act, eds, i, j, h0.eid)
    basis: list[Basis] = []
    for h in hits:
        basis.extend(b for b in h.basis if b not in basis)
    p = h0.pattern
    fields = dict(h0.fields)
    return AppointmentRule(
        id=f"{act_id}.{p.name}.{h0.level}.{start or 'x'}",
        level=h0.level, kind=p.kind, scope=p.scope, note=p.note,
        valid_from=start, valid_to=end, valid_from_basis=start_how, valid_to_basis=end_how,
        origin="text", rank=RANK.get(act.type if act else "other", RANK["other"]),
        basis=tuple(basis), pattern=p.name, **fields)
