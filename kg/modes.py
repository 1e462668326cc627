"""How akims of each level take office on a date: text-derived and curated rules merged.

Sources of rules:

* text rules (:func:`kg.appointment.text_rules`), read from the provisions
  that state the rule, with a basis;
* curated rules (``corpus/data/appointment_rules.yaml`` through
  :func:`corpus.curated.load_appointment_rules`), with sources, for periods and
  variants the corpus has no text for.

Merging, per level and per stretch of time (:func:`resolve`):

1. the general text rules holding then are ranked (constitution, then
   constitutional law, law, decree); the highest-ranked one gives the mode, the
   others that agree add their basis and fill fields the first leaves empty
   (a law silent on the Prime Minister's nomination does not contradict the
   Constitution that requires it);
2. curated general rules fill the stretches no text covers; over a text rule
   they only add their sources when they agree;
3. two rules *disagree* when selection or selector differ (``unknown`` states
   nothing and differs from nothing), or when consent, nomination or the
   minimum number of candidates are given by both and differ. A text and a curated rule that disagree, two text rules that
   disagree, or two curated rules that disagree where no text decides, are a
   :class:`Conflict`: the build report lists it and validation fails;
4. variants (pilots, experiments, partial roll-outs) are listed beside the
   general rule, never instead of it; delegations («в порядке, определяемом
   Президентом») are reported as ``delegated_by`` but are not a mode;
5. where nothing is known the answer is ``unknown`` with an empty basis.

>>> from kg.appointment import AppointmentRule, Basis
>>> b = Basis("constitution-1995", "1995-08-29", "Статья 87, пункт 4", "iri")
>>> r = AppointmentRule(id="t", level="region", selection="appointment", selector="president",
...     nomination="prime_minister", valid_from="1995-08-30", valid_to="1998-10-07", rank=0, basis=(b,))
>>> ans = modes_on("1996-01-01", [r])
>>> [(x["level"], x["selection"], x["since"]) for x in ans["levels"]]
[('region', 'appointment', '1995-08-30'), ('district', 'unknown', None), ('district_in_city', 'unknown', None), ('rural', 'unknown', None)]
>>> modes_on("1990-05-01", [r])["levels"][0]["basis"]
[]
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

from kg.appointment import LEVELS, PATTERNS, PRECISIONS, RANK, AppointmentRule, Basis, text_rules
from kg.citation import ru_date

RULES_FILE = "rules.json"
RULES_FORMAT = 1
DOMAIN_START = "1991-01-01"
DOMAIN_END = "2027-01-01"        # exclusive: the domain is 1991–2026
_MIN, _MAX = "0000-01-01", "9999-12-31"
_OPTIONAL = ("consent", "nomination", "min_candidates")


class ModesError(ValueError):
    """Bad input to the modes functions (a date that is not ISO, a level that does not exist)."""


@dataclass(frozen=True)
class Conflict:
    """Two rules for the same level and time that disagree."""

    level: str
    start: str
    end: Optional[str]
    kind: str                       # text_vs_curated | text_vs_text | curated_vs_curated
    rules: tuple[str, str]          # ids of the two rules
    fields: tuple[str, ...]         # the fields that differ
    message: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["rules"] = list(self.rules)
        d["fields"] = list(self.fields)
        return d


@dataclass(frozen=True)
class Segment:
    """One stretch of time of one level with its resolved answer."""

    level: str
    start: str
    end: Optional[str]
    rule: Optional[AppointmentRule]          # merged general rule, None if unknown
    variants: tuple[AppointmentRule, ...] = ()
    delegations: tuple[AppointmentRule, ...] = ()
    supporting: tuple[AppointmentRule, ...] = ()   # every general rule agreeing with the answer

    @property
    def origin(self) -> str:
        """``text`` when a text rule supports the answer anywhere in the segment, else ``curated``;
        ``none`` when unknown."""
        if self.rule is None:
            return "none"
        return "text" if any(r.origin == "text" for r in self.supporting) else self.rule.origin


def _iso(date: Any) -> str:
    if isinstance(date, dt.date):
        return date.isoformat()
    try:
        return dt.date.fromisoformat(str(date)).isoformat()
    except ValueError:
        raise ModesError(f"not an ISO date (YYYY-MM-DD): {date!r}") from None


def differing(a: AppointmentRule, b: AppointmentRule) -> tuple[str, ...]:
    """Fields on which two rules disagree (see the module docstring).

    >>> x = AppointmentRule(id="a", level="region", selection="appointment", selector="president")
    >>> differing(x, replace(x, id="b", consent="maslikhat")), differing(x, replace(x, selector="higher_akim"))
    ((), ('selector',))
    """
    out = [f for f in ("selection", "selector")
           if "unknown" not in (getattr(a, f), getattr(b, f)) and getattr(a, f) != getattr(b, f)]
    for f in _OPTIONAL:
        va, vb = getattr(a, f), getattr(b, f)
        if va is not None and vb is not None and va != vb:
            out.append(f)
    return tuple(out)


def _merge(primary: AppointmentRule, others: Sequence[AppointmentRule]) -> AppointmentRule:
    fill = {}
    for f in _OPTIONAL + ("nominator",):
        if getattr(primary, f) is None:
            for o in others:
                if getattr(o, f) is not None:
                    fill[f] = getattr(o, f)
                    break
    basis = list(primary.basis)
    sources = list(primary.sources)
    for o in others:
        basis.extend(b for b in o.basis if b not in basis)
        sources.extend(s for s in o.sources if s not in sources)
    return replace(primary, basis=tuple(basis), sources=tuple(sources), **fill)


def _general(rule: AppointmentRule) -> bool:
    return rule.kind == "general" and rule.selection != "unknown"


def _boundaries(rules: Iterable[AppointmentRule], start: str, end: str) -> list[str]:
    pts = {start, end}
    for r in rules:
        for d in (r.valid_from, r.valid_to):
            if d and start < d < end:
                pts.add(d)
    return sorted(pts)


def _stretches(level: str, rules: Sequence[AppointmentRule], start: str, end: str):
    """Elementary stretches of one level: (start, end, segment, conflicts)."""
    mine = [r for r in rules if r.level == level]
    pts = _boundaries(mine, start, end)
    for a, b in zip(pts, pts[1:]):
        live = [r for r in mine if r.covers(a)]
        text = sorted((r for r in live if _general(r) and r.origin == "text"),
                      key=lambda r: (r.rank, -_day(r.valid_from)))
        cur = sorted((r for r in live if _general(r) and r.origin != "text"),
                     key=lambda r: (r.rank, r.valid_from or _MIN, r.id))
        conflicts: list[Conflict] = []
        rule = None
        supporting: list[AppointmentRule] = []
        if text or cur:
            primary = (text or cur)[0]
            others = [(o, "text_vs_text") for o in text[1:]] + \
                [(o, "text_vs_curated" if text else "curated_vs_curated") for o in cur[0 if text else 1:]]
            agree = []
            for o, kind in others:
                diff = differing(primary, o)
                if diff:
                    conflicts.append(Conflict(level, a, b, kind, (primary.id, o.id), diff,
                                              _message(level, a, primary, o, diff)))
                else:
                    agree.append(o)
            rule = _merge(primary, agree)
            supporting = [primary] + agree
        variants = tuple(sorted((r for r in live if r.kind == "variant"), key=lambda r: (r.valid_from or "", r.id)))
        delegations = tuple(r for r in live if r.kind == "delegation")
        yield a, b, Segment(level, a, b, rule, variants, delegations, tuple(supporting)), conflicts


def _day(date: Optional[str]) -> int:
    return dt.date.fromisoformat(date).toordinal() if date else 0


def _message(level, date, a: AppointmentRule, b: AppointmentRule, diff) -> str:
    vals = ", ".join(f"{f}: {getattr(a, f)!r} ≠ {getattr(b, f)!r}" for f in diff)
    return f"{level} from {date}: rule {a.id} ({a.origin}) disagrees with {b.id} ({b.origin}): {vals}"


def _same_answer(x: Segment, y: Segment) -> bool:
    """Same general mode (variants come and go beside it without breaking the stretch)."""
    if (x.rule is None) != (y.rule is None):
        return False
    return x.rule is None or x.rule.mode() == y.rule.mode()


def resolve(rules: Sequence[AppointmentRule], start: str = DOMAIN_START, end: str = DOMAIN_END,
            levels: Sequence[str] = LEVELS) -> tuple[dict[str, list[Segment]], list[Conflict]]:
    """Per level, the consecutive segments of ``[start, end)`` with their answer, and the conflicts.

    Adjacent stretches with the same general mode are joined; the joined
    segment keeps the basis of every stretch and every variant met in it.
    """
    out: dict[str, list[Segment]] = {}
    conflicts: list[Conflict] = []
    for level in levels:
        segs: list[Segment] = []
        for a, b, seg, conf in _stretches(level, rules, start, end):
            conflicts.extend(conf)
            if segs and _same_answer(segs[-1], seg):
                prev = segs[-1]
                rule = prev.rule and _merge(prev.rule, [seg.rule])
                sup = prev.supporting + tuple(r for r in seg.supporting if r not in prev.supporting)
                dele = prev.delegations + tuple(r for r in seg.delegations if r not in prev.delegations)
                var = prev.variants + tuple(r for r in seg.variants if r not in prev.variants)
                segs[-1] = Segment(level, prev.start, b, rule, var, dele, sup)
            else:
                segs.append(seg)
        out[level] = segs
    return out, _dedupe(conflicts)


def _dedupe(conflicts: list[Conflict]) -> list[Conflict]:
    """Join the stretches of the same pair of rules into one conflict."""
    out: dict[tuple, Conflict] = {}
    for c in conflicts:
        k = (c.level, c.kind, c.rules)
        if k in out:
            o = out[k]
            out[k] = replace(o, start=min(o.start, c.start),
                             end=None if (o.end is None or c.end is None) else max(o.end, c.end))
        else:
            out[k] = c
    return list(out.values())


def conflicts_of(rules: Sequence[AppointmentRule]) -> list[Conflict]:
    """Every disagreement between rules over 1991–2026 (and beyond, to the last rule's start)."""
    last = max([r.valid_from for r in rules if r.valid_from] + [DOMAIN_END])
    end = max(DOMAIN_END, (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat())
    return resolve(rules, DOMAIN_START, end)[1]


# ----------------------------------------------------------------------------- answers

def _best(precisions: Iterable[Optional[str]]) -> Optional[str]:
    """The most exact of some precisions (:data:`kg.appointment.PRECISIONS`), None if none given."""
    known = [p for p in precisions if p]
    return min(known, key=PRECISIONS.index) if known else None


def since_precision(seg: Segment) -> Optional[str]:
    """How exact ``since`` is: the start precision of the rules that start the segment."""
    if seg.rule is None:
        return None
    return _best(r.valid_from_precision for r in seg.supporting if r.valid_from == seg.start) or "day"


def until_precision(seg: Segment, nxt: Optional[Segment], end: str = _MAX) -> Optional[str]:
    """How exact ``until`` is (None when open or cut by the period asked for).

    The answer stops at ``seg.end`` because its rules end there or another answer
    starts there; the best-known of those bounds dates the change. ``attested``:
    the sources only attest the answer until then and nothing known follows.
    """
    if seg.rule is None or seg.end in (None, _MAX, end):
        return None
    bounds = [r.until_precision for r in seg.supporting if r.valid_to == seg.end]
    if nxt is not None and nxt.rule is not None:
        bounds += [r.valid_from_precision for r in nxt.supporting if r.valid_from == seg.end]
    return _best(bounds) or "day"


def segment_dating(seg: Segment) -> Optional[str]:
    """What the bounds of the answer are, in words: the ``dating`` of the rules starting or ending it."""
    texts = [r.dating for r in seg.supporting if r.dating and r.valid_from == seg.start]
    texts += [r.dating for r in seg.supporting if r.dating and r.valid_to == seg.end]
    return " ".join(dict.fromkeys(texts)) or None


def _variant_json(v: AppointmentRule) -> dict:
    return {"selection": v.selection, "selector": v.selector, "scope": v.scope, "since": v.valid_from,
            "since_precision": v.valid_from_precision, "until": v.valid_to,
            "until_precision": v.until_precision, "end_unknown": v.end_unknown, "consent": v.consent,
            "origin": v.origin, "dating": v.dating,
            "basis": [b.to_contract() for b in v.basis], "sources": list(v.sources)}


def _level_json(level: str, seg: Optional[Segment], day: Optional[str] = None,
                nxt: Optional[Segment] = None) -> dict:
    if seg is None or seg.rule is None:
        out = {"level": level, "selection": "unknown", "selector": "unknown", "consent": None,
               "nomination": None, "min_candidates": None, "since": None, "since_precision": None,
               "until": None, "until_precision": None, "end_unknown": False, "basis": [],
               "variants": [], "sources": [], "origin": "none", "dating": None}
    else:
        r = seg.rule
        until = until_precision(seg, nxt)
        out = {"level": level, "selection": r.selection, "selector": r.selector, "consent": r.consent,
               "nomination": r.nomination, "min_candidates": r.min_candidates, "since": seg.start,
               "since_precision": since_precision(seg),
               "until": None if seg.end in (None, _MAX) else seg.end, "until_precision": until,
               "end_unknown": until == "attested",
               "basis": [b.to_contract() for b in r.basis], "variants": [],
               "sources": list(r.sources), "origin": r.origin, "nominator": r.nominator,
               "dating": segment_dating(seg)}
    if seg is not None:
        out["variants"] = [_variant_json(v) for v in seg.variants]
        on = day or seg.start
        out["delegated_by"] = [b.to_contract() for d in seg.delegations for b in _basis_on(d.basis, on)]
        for v, rule in zip(out["variants"], seg.variants):
            v["basis"] = [b.to_contract() for b in _basis_on(rule.basis, on)]
    return out


def period_ru(entry: Mapping[str, Any]) -> str:
    """The period of a level or variant of the ``modes`` answer in Russian, honest about its bounds.

    An end the sources only attest is never shown as a known end; an upper
    bound is shown as one.

    >>> period_ru({"since": "2004-12-06", "until": "2005-09-01", "until_precision": "attested"})
    'с 06.12.2004; подтверждено до 01.09.2005, дата окончания неизвестна'
    >>> period_ru({"since": "1991-01-01", "since_precision": "year", "until": "1992-02-07", "until_precision": "day"})
    'с 1991 г. до 07.02.1992'
    >>> period_ru({"since": "2013-04-24", "until": "2018-01-01", "until_precision": "year"})
    'с 24.04.2013 не позднее чем до 01.01.2018'
    >>> period_ru({"since": None}), period_ru({"since": "2021-05-24", "until": None})
    ('период неизвестен', 'с 24.05.2021')
    """
    since = entry.get("since")
    if not since:
        return "период неизвестен"
    out = "с " + ru_date(since, entry.get("since_precision"))
    until, how = entry.get("until"), entry.get("until_precision") or "day"
    if not until:
        return out
    if how == "attested" or entry.get("end_unknown"):
        return out + f"; подтверждено до {ru_date(until, 'day')}, дата окончания неизвестна"
    if how in ("year", "bound"):
        return out + f" не позднее чем до {ru_date(until, 'day')}"
    return out + f" до {ru_date(until, how)}"


def _basis_on(basis: Sequence[Basis], day: str) -> list[Basis]:
    """Per cited provision, the latest edition worded on or before ``day`` (else the earliest)."""
    groups: dict[tuple, list[Basis]] = {}
    for b in basis:
        groups.setdefault((b.act, b.eid or b.path), []).append(b)
    out = []
    for bs in groups.values():
        before = [b for b in bs if b.edition <= day]
        out.append(max(before, key=lambda b: b.edition) if before else min(bs, key=lambda b: b.edition))
    return out


def modes_on(date: Any, rules: Sequence[AppointmentRule]) -> dict:
    """The ``akimkg modes --json`` answer for a date (see ``../shared/CONTRACTS.md``).

    Every level is answered; ``unknown`` with an empty basis where no rule
    holds. ``since`` is the first day of the unbroken stretch with this mode,
    ``until`` the first day it no longer holds (None: open). The basis lists
    the provisions stating the rule on that date, each in the edition worded
    on or before it (the earliest edition when the rule predates them all).

    Beyond the contract: ``since_precision`` (``day``/``month``/``year``),
    ``until_precision`` (also ``bound``: an upper bound, and ``attested``: the
    sources attest the answer only until then, when it stopped is unknown),
    ``end_unknown`` (``until_precision == "attested"``), ``dating`` (what the
    dates are, in words), ``origin``, ``nominator``, ``delegated_by``; the same
    bounds on each variant. :func:`period_ru` words a period for people.
    """
    day = _iso(date)
    start = min(DOMAIN_START, day)
    segs, _ = resolve(rules, start, _MAX)
    levels = []
    for level in LEVELS:
        i = next((i for i, s in enumerate(segs[level]) if s.start <= day < s.end), None)
        seg = None if i is None else segs[level][i]
        nxt = segs[level][i + 1] if i is not None and i + 1 < len(segs[level]) else None
        here = next(iter(_stretches(level, rules, day, _next_day(day))))[2]
        if seg is not None:     # variants and delegations of the day, not of the whole stretch
            seg = replace(seg, variants=here.variants, delegations=here.delegations)
        if seg is not None and here.rule is not None:
            seg = replace(seg, rule=replace(here.rule, basis=tuple(_basis_on(here.rule.basis, day))))
        levels.append(_level_json(level, seg, day, nxt))
    return {"date": day, "levels": levels}


def _next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def modes_matrix(rules: Sequence[AppointmentRule], start: Any = DOMAIN_START, end: Any = DOMAIN_END) -> list[dict]:
    """Level × time table for the app's chart: one row per level and segment.

    ``start``/``end`` are ISO dates or years (``end`` year inclusive).

    >>> from kg.appointment import AppointmentRule
    >>> r = AppointmentRule(id="x", level="rural", selection="direct_election", selector="residents",
    ...                     valid_from="2021-07-25", origin="curated", sources=("seed",))
    >>> [(row["level"], row["start"], row["end"], row["selection"]) for row in modes_matrix([r], 2020, 2022)
    ...  if row["level"] == "rural"]
    [('rural', '2020-01-01', '2021-07-25', 'unknown'), ('rural', '2021-07-25', '2023-01-01', 'direct_election')]
    """
    s = f"{int(start):04d}-01-01" if isinstance(start, int) else _iso(start)
    e = f"{int(end) + 1:04d}-01-01" if isinstance(end, int) else _iso(end)
    if e <= s:
        raise ModesError(f"empty period: {s} .. {e}")
    segs, _ = resolve(rules, s, e)
    rows = []
    for level in LEVELS:
        for i, seg in enumerate(segs[level]):
            r = seg.rule
            nxt = segs[level][i + 1] if i + 1 < len(segs[level]) else None
            until = until_precision(seg, nxt, e)
            rows.append({
                "level": level, "start": seg.start, "end": seg.end,
                "start_precision": since_precision(seg), "end_precision": until,
                "end_unknown": until == "attested",
                "selection": r.selection if r else "unknown", "selector": r.selector if r else "unknown",
                "consent": r.consent if r else None, "nomination": r.nomination if r else None,
                "min_candidates": r.min_candidates if r else None, "origin": seg.origin,
                "basis": [f"{b.act} (ред. {b.edition}) {b.path}" for b in (r.basis if r else ())],
                "sources": list(r.sources) if r else [],
                "variants": [{"selection": v.selection, "selector": v.selector, "scope": v.scope,
                              "since": v.valid_from, "since_precision": v.valid_from_precision,
                              "until": v.valid_to, "until_precision": v.until_precision,
                              "end_unknown": v.end_unknown} for v in seg.variants],
            })
    return rows


# ----------------------------------------------------------------------------- curated rules

def path_to_eid(path: str) -> str:
    """The eid of a citation path (inverse of :func:`kg.model.provision_path`).

    >>> path_to_eid("Статья 23-1, пункт 4"), path_to_eid("пункт 2"), path_to_eid("Приложение 1, пункт 3")
    ('art_23-1/point_4', 'point_2', 'annex_1/point_3')
    """
    names = {"статья": "art", "пункт": "point", "подпункт": "sub", "глава": "chp", "раздел": "sec",
             "параграф": "par", "часть": "text", "приложение": "annex", "преамбула": "preamble"}
    out = []
    for part in (p.strip() for p in path.split(",") if p.strip()):
        word, _, num = part.partition(" ")
        out.append(f"{names.get(word.lower(), word.lower())}_{num.strip()}" if num else names.get(word.lower(), word))
    return "/".join(out)


def curated_basis(rec: Any, acts: Optional[Mapping[str, Any]] = None,
                  editions: Optional[Iterable[Any]] = None) -> tuple[list[Basis], list[Any]]:
    """The basis of a curated record as :class:`~kg.appointment.Basis` es, and the cited provisions
    not found.

    With ``editions`` a cited provision («Статья 2» of an edition) is kept when it exists there,
    with its eid and IRI like a text basis, else it is returned as not found. Without
    ``editions`` nothing can be checked: every citation is kept, its IRI built from ``acts``.
    """
    return _curated_basis(rec, acts, _provision_keys(editions))


def _provision_keys(editions: Optional[Iterable[Any]]) -> Optional[set]:
    return None if editions is None else {(e.act_id, e.date, p.eid) for e in editions for p in e.provisions}


def _curated_basis(rec: Any, acts: Optional[Mapping[str, Any]], have: Optional[set]) -> tuple[list, list]:
    from kg.appointment import provision_edition_iri

    acts = acts or {}
    kept, missing = [], []
    for b in rec.basis:
        eid = path_to_eid(b.path)
        if have is not None and (b.act, b.edition, eid) not in have:
            missing.append(b)
            continue
        kept.append(Basis(b.act, b.edition, b.path, provision_edition_iri(acts.get(b.act), b.act, eid, b.edition),
                          eid))
    return kept, missing


def curated_rules(records: Optional[Iterable[Any]] = None, acts: Optional[Mapping[str, Any]] = None,
                  editions: Optional[Iterable[Any]] = None) -> list[AppointmentRule]:
    """Curated rules (:class:`corpus.curated.CuratedRule`) as rules with ``origin="curated"``.

    ``records`` default to :func:`corpus.curated.load_appointment_rules`. Sources become citations
    (:func:`kg.timeline.cite`). The basis is kept as :func:`curated_basis` finds it;
    ``valid_from_precision``, ``end_unknown`` (``valid_to`` only attested) and ``dating`` pass
    through.
    """
    from kg.timeline import cite

    if records is None:
        from corpus.curated import load_appointment_rules
        records = load_appointment_rules()
    have = _provision_keys(editions)
    out = []
    for rec in records:
        basis, _ = _curated_basis(rec, acts, have)
        out.append(AppointmentRule(
            id=f"curated.{rec.id}", level=rec.level, kind=rec.kind, selection=rec.selection,
            selector=rec.selector, consent=rec.consent, nomination=rec.nomination,
            min_candidates=rec.min_candidates, nominator=rec.nominator, scope=rec.scope,
            valid_from=rec.valid_from, valid_to=rec.valid_to, valid_from_basis="curated",
            valid_to_basis=("curated_end_unknown" if rec.end_unknown else "curated") if rec.valid_to else None,
            origin="curated", rank=RANK["curated"], basis=tuple(basis), sources=tuple(cite(rec.sources)),
            note=rec.note, valid_from_precision=rec.valid_from_precision, end_unknown=bool(rec.end_unknown),
            dating=rec.dating))
    return out


def attach_sources(rules: Iterable[AppointmentRule], links: Optional[Iterable[Any]] = None) -> list[AppointmentRule]:
    """Text rules with the sources that describe them (:class:`corpus.curated.TextRuleSources`).

    ``links`` default to the ``text_rule_sources`` of ``appointment_rules.yaml``. A link names
    a row of :data:`kg.appointment.PATTERNS` and a level; every text rule read by that row at
    that level gets the cited sources. A link to a row or level the table does not have is an
    error (:class:`ModesError`).

    >>> from corpus.curated import TextRuleSources
    >>> r = AppointmentRule(id="t", level="district", kind="variant", pattern="law148-32-elected")
    >>> [x.sources for x in attach_sources([r], [TextRuleSources("law148-32-elected", "district", ("kaliev-serikbaeva-2025",))])]
    ... # doctest: +ELLIPSIS
    [('Калиев И. А., Серикбаева А. Т. Механизмы выборности акимов ... (2025)',)]
    """
    from kg.timeline import cite

    if links is None:
        from corpus.curated import load_text_rule_sources
        links = load_text_rule_sources()
    table = {p.name: p for p in PATTERNS}
    extra: dict[tuple[str, str], list[str]] = {}
    for link in links:
        row = table.get(link.pattern)
        if row is None:
            raise ModesError(f"text_rule_sources: no row {link.pattern!r} in the rule table (kg.appointment.PATTERNS)")
        if link.level not in row.levels:
            raise ModesError(f"text_rule_sources: row {link.pattern!r} gives no rule for level {link.level!r}")
        extra.setdefault((link.pattern, link.level), []).extend(cite(link.sources))
    out = []
    for r in rules:
        add = extra.get((r.pattern, r.level)) if r.origin == "text" else None
        if add:
            r = replace(r, sources=tuple(dict.fromkeys(r.sources + tuple(add))))
        out.append(r)
    return out


# ----------------------------------------------------------------------------- build entry points

def all_rules(acts: Mapping[str, Any], editions: Iterable[Any], curated: Optional[Iterable[Any]] = None,
              links: Optional[Iterable[Any]] = None) -> tuple[list[AppointmentRule], dict]:
    """Text rules of the editions (with the sources ``links`` attach) plus curated rules, and
    the report of the merge.

    The report: ``{"ok": bool, "conflicts": [...], "text_rules": n, "curated_rules": n,
    "unknown": {level: [[start, end], ...]}, "unresolved_basis": [...]}`` (``unknown`` over
    1991–2026; ``unresolved_basis``: provisions cited by curated rules that the editions do
    not have, which fail the report).
    """
    editions = list(editions)
    if curated is None:
        from corpus.curated import load_appointment_rules
        curated = load_appointment_rules()
    curated = list(curated)
    rules = attach_sources(text_rules(acts, editions), links) + curated_rules(curated, acts, editions)
    have = _provision_keys(editions)
    unresolved = [{"rule": rec.id, "act": b.act, "edition": b.edition, "path": b.path}
                  for rec in curated for b in _curated_basis(rec, acts, have)[1]]
    segs, _ = resolve(rules, DOMAIN_START, DOMAIN_END)
    conflicts = conflicts_of(rules)
    report = {
        "ok": not conflicts and not unresolved,
        "conflicts": [c.to_dict() for c in conflicts],
        "text_rules": sum(r.origin == "text" for r in rules),
        "curated_rules": sum(r.origin != "text" for r in rules),
        "unknown": {lv: [[s.start, s.end] for s in ss if s.rule is None] for lv, ss in segs.items()},
        "unresolved_basis": unresolved,
    }
    return rules, report


def save_rules(rules: Sequence[AppointmentRule], build_dir: Path | str) -> Path:
    """Write ``rules.json`` into a build directory (what ``modes`` needs without a rebuild)."""
    path = Path(build_dir) / RULES_FILE
    data = {"format": RULES_FORMAT, "rules": [r.to_dict() for r in rules]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def load_rules(build_dir: Path | str) -> list[AppointmentRule]:
    """Read the rules written by :func:`save_rules`.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> r = AppointmentRule(id="x", level="rural", basis=(Basis("a", "2020-01-01", "Статья 1", "iri"),))
    >>> _ = save_rules([r], d)
    >>> load_rules(d) == [r]
    True
    """
    path = Path(build_dir) / RULES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModesError(f"no rules in the build: {path} ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise ModesError(f"{path}: not valid JSON: {exc}") from None
    return [AppointmentRule.from_dict(d) for d in data.get("rules", [])]
