"""Curated, sourced facts: bibliography, reform timeline, election statistics, appointment rules.

The facts live in four YAML files of ``corpus/data`` (described in ``docs/data.md``):

* ``sources.yaml`` — every source a fact may cite: the client's seed documents, the acts of
  the corpus, acts outside the corpus (with only what the sources say of them);
* ``timeline.yaml`` — reform events 1991–2026 (:class:`TimelineEvent`);
* ``elections.yaml`` — election statistics as Data Cube observations (:class:`ElectionDataset`);
* ``appointment_rules.yaml`` — how akims of a level took office where the texts are silent
  (:class:`CuratedRule`), and the sources describing rules the texts do state
  (:class:`TextRuleSources`).

Each loader validates its file and raises :class:`CuratedDataError` (a ``ValueError``) naming
the file and the entry: unknown codes, bad dates, missing or unknown sources, reversed
periods, overlapping general rules, unknown fields.

>>> rules = load_appointment_rules()
>>> r = next(r for r in rules if r.id == "direct-rural-2021")
>>> (r.level, r.selection, r.selector, r.valid_from, r.valid_to)
('rural', 'direct_election', 'residents', '2021-05-24', None)
>>> r.covers("2021-07-25"), r.covers("2020-01-01")
(True, False)
>>> load_sources()["kaliev-serikbaeva-2025"].doi
'10.32523/2616-6887-2025-153-4-131-143'
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCES_FILE = DATA_DIR / "sources.yaml"
TIMELINE_FILE = DATA_DIR / "timeline.yaml"
ELECTIONS_FILE = DATA_DIR / "elections.yaml"
RULES_FILE = DATA_DIR / "appointment_rules.yaml"

# Codes fixed by ../shared/CONTRACTS.md.
LEVELS = ("region", "district", "district_in_city", "rural")
SELECTIONS = ("appointment", "indirect_election", "direct_election", "soviet", "unknown")
SELECTORS = ("president", "higher_akim", "maslikhat_deputies", "residents", "local_soviet", "unknown")
CONSENTS = (None, "maslikhat")
NOMINATIONS = (None, "prime_minister")
EVENT_TYPES = ("act", "amendment", "decree", "referendum", "election", "address", "other")
# Codes of the curated files themselves.
PRECISIONS = ("day", "month", "year")
SOURCE_KINDS = ("seed", "act", "other")
ACT_TYPES = ("constitution", "constitutional_law", "law", "decree", "resolution", "local_act", "other")
RULE_KINDS = ("general", "variant")
UNITS = ("count", "percent", "years", "thousand", "million_tenge", "billion_tenge")
QUALIFIERS = (None, "approx", "more_than", "less_than")
DIMENSIONS = ("election", "area", "party", "level")

PathLike = Union[str, Path]
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SOURCE_ID = re.compile(r"^[a-z0-9]+(?:-[A-Za-z0-9]+)*$")   # act numbers keep their Roman numerals: law-2021-42-VII
_PARTIAL = re.compile(r"^\d{4}(?:-\d{2})?$")


class CuratedDataError(ValueError):
    """A curated file breaks its schema; the message names the file and the entry.

    >>> str(CuratedDataError("timeline.yaml", "event 'x'", "unknown type 'war'"))
    "timeline.yaml: event 'x': unknown type 'war'"
    """

    def __init__(self, file: str, entry: str, message: str):
        self.file, self.entry = file, entry
        super().__init__(f"{file}: {entry}: {message}")


# ----------------------------------------------------------------------------- dataclasses

@dataclass(frozen=True)
class Source:
    """An entry of ``sources.yaml``: a seed document, an act, or another source."""

    id: str
    kind: str                               # seed | act | other
    title: Optional[str] = None
    authors: tuple[str, ...] = ()
    year: Optional[int] = None
    date: Optional[str] = None              # ISO; acts: adoption date
    date_precision: str = "day"
    file: Optional[str] = None              # seeds: file name in ../shared/seeds
    doi: Optional[str] = None
    url: Optional[str] = None
    type: Optional[str] = None              # acts: one of ACT_TYPES
    number: Optional[str] = None
    in_corpus: bool = False
    editions: tuple[str, ...] = ()          # acts in the corpus: edition dates
    stated_by: tuple[str, ...] = ()         # acts outside the corpus: sources mentioning them
    note: Optional[str] = None

    @property
    def citation(self) -> str:
        """A short human citation.

        >>> Source("x", "seed", title="Т", authors=("А. Б.",), year=2024).citation
        'А. Б. Т (2024)'
        >>> Source("y", "act", title="О выборах", type="law", date="1995-09-28", number="2464").citation
        'О выборах, 1995-09-28 № 2464'
        """
        if self.kind == "act":
            out = self.title or self.id
            if self.date:
                out += f", {self.date if self.date_precision == 'day' else self.date[:4]}"
            return out + (f" № {self.number}" if self.number else "")
        who = ", ".join(self.authors)
        out = f"{who} {self.title or self.id}".strip()
        return out + (f" ({self.year})" if self.year else "")


@dataclass(frozen=True)
class Figure:
    """A number attached to a timeline event, with its source."""

    name: str
    value: float
    unit: str
    source: str
    qualifier: Optional[str] = None         # approx | more_than | less_than
    as_of: Optional[str] = None             # when the figure describes a later state
    note: Optional[str] = None


@dataclass(frozen=True)
class Ref:
    """Where in a source a fact is stated."""

    source: str
    where: str


@dataclass(frozen=True)
class AltDate:
    """Another date another source gives for the same event (a conflict kept)."""

    date: str
    date_precision: str
    source: str
    note: Optional[str] = None


@dataclass(frozen=True)
class TimelineEvent:
    """A reform event of ``timeline.yaml``."""

    id: str
    date: str
    date_precision: str
    type: str
    title: str
    title_en: str
    levels: tuple[str, ...]
    acts: tuple[str, ...]
    sources: tuple[str, ...]
    figures: tuple[Figure, ...] = ()
    refs: tuple[Ref, ...] = ()
    alternative_dates: tuple[AltDate, ...] = ()
    in_force: Optional[str] = None
    inferred: bool = False
    note: Optional[str] = None


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    unit: str


@dataclass(frozen=True)
class Observation:
    """One cell of an election data set (one measure)."""

    dataset: str
    election: str                           # timeline event id
    area: str
    indicator: str                          # a measure id of the data set
    value: Optional[float]
    unit: str
    source: str
    ref: str
    party: Optional[str] = None
    level: Optional[str] = None
    raw: Optional[str] = None               # the cell as printed
    qualifier: Optional[str] = None
    as_of: Optional[str] = None
    cell: Optional[tuple[str, str]] = None  # (row, column) labels as printed in the table
    note: Optional[str] = None

    @property
    def dimensions(self) -> dict:
        """Dimension values of the observation.

        >>> Observation("d", "e", "ВКО", "turnout", 90.9, "percent", "s", "r", level="rural").dimensions
        {'election': 'e', 'area': 'ВКО', 'party': None, 'level': 'rural'}
        """
        return {"election": self.election, "area": self.area, "party": self.party, "level": self.level}

    @property
    def measures(self) -> dict:
        return {self.indicator: self.value}


@dataclass(frozen=True)
class ElectionDataset:
    """A data set of ``elections.yaml`` with its observations."""

    id: str
    title: str
    title_en: str
    election: str
    level: Optional[str]
    dimensions: tuple[str, ...]
    measures: tuple[Measure, ...]
    source: str
    ref: str
    observations: tuple[Observation, ...] = ()
    columns: tuple[str, ...] = ()
    note: Optional[str] = None

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source of the data set and of its observations, first the data set's."""
        return tuple(dict.fromkeys([self.source, *(o.source for o in self.observations)]))


@dataclass(frozen=True)
class Basis:
    """A provision of the corpus stating a curated rule."""

    act: str
    edition: str
    path: str


@dataclass(frozen=True)
class CuratedRule:
    """How akims of one level took office in ``[valid_from, valid_to)``, with its sources."""

    id: str
    level: str
    selection: str
    selector: str
    valid_from: str
    sources: tuple[str, ...]
    kind: str = "general"
    consent: Optional[str] = None
    nomination: Optional[str] = None
    nominator: Optional[str] = None
    min_candidates: Optional[int] = None
    valid_to: Optional[str] = None
    valid_from_precision: str = "day"
    end_unknown: bool = False
    dating: Optional[str] = None
    scope: Optional[str] = None
    basis: tuple[Basis, ...] = ()
    note: Optional[str] = None

    def covers(self, date: str) -> bool:
        """Whether the rule holds on an ISO date (``valid_to`` exclusive, None open).

        >>> CuratedRule("x", "rural", "soviet", "local_soviet", "1991-01-01", ("s",),
        ...             valid_to="1992-02-07").covers("1992-02-07")
        False
        """
        return self.valid_from <= date and (self.valid_to is None or date < self.valid_to)


@dataclass(frozen=True)
class TextRuleSources:
    """Sources describing a rule read from the texts: the row ``pattern`` of the rule table
    (``kg.appointment.PATTERNS``) at ``level``. The rule itself is not repeated."""

    pattern: str
    level: str
    sources: tuple[str, ...]
    refs: tuple[Ref, ...] = ()
    note: Optional[str] = None


# ----------------------------------------------------------------------------- validation helpers

class _Entry:
    """Checks on one mapping of a file; every failure names the file and the entry."""

    def __init__(self, file: str, entry: str, data: Any, allowed: Iterable[str], required: Iterable[str] = ()):
        self.file, self.entry = file, entry
        if not isinstance(data, Mapping):
            self.fail(f"expected a mapping, got {type(data).__name__}")
        self.data = data
        extra = sorted(set(map(str, data)) - set(allowed))
        if extra:
            self.fail(f"unknown field(s) {', '.join(map(repr, extra))}")
        for key in required:
            if data.get(key) in (None, "", [], ()):
                self.fail(f"missing {key}")

    def fail(self, message: str):
        raise CuratedDataError(self.file, self.entry, message)

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    def text(self, key: str, required: bool = False) -> Optional[str]:
        v = self.data.get(key)
        if v is None or v == "":
            if required:
                self.fail(f"missing {key}")
            return None
        if not isinstance(v, (str, int, float)) or isinstance(v, bool):
            self.fail(f"{key} must be text, got {v!r}")
        return str(v).strip()

    def code(self, key: str, allowed: tuple, default=None):
        v = self.data.get(key, default)
        if v not in allowed:
            known = ", ".join("null" if a is None else a for a in allowed)
            self.fail(f"unknown {key} {v!r} (known: {known})")
        return v

    def codes(self, key: str, allowed: tuple) -> tuple:
        vals = self.seq(key)
        for v in vals:
            if v not in allowed:
                self.fail(f"unknown {key} code {v!r} (known: {', '.join(allowed)})")
        return vals

    def seq(self, key: str) -> tuple:
        v = self.data.get(key)
        if v is None:
            return ()
        if not isinstance(v, (list, tuple)):
            self.fail(f"{key} must be a list, got {v!r}")
        return tuple(v)

    def date(self, key: str, required: bool = False, precision: str = "day") -> Optional[str]:
        v = self.data.get(key)
        if v is None or v == "":
            if required:
                self.fail(f"missing {key}")
            return None
        return iso_date(v, precision, lambda m: self.fail(f"{key}: {m}"))

    def as_of(self) -> Optional[str]:
        """``as_of``: a year, a month (``YYYY-MM``) or an ISO date."""
        v = self.text("as_of")
        return v if v is None or _PARTIAL.match(v) else self.date("as_of")

    def flag(self, key: str) -> bool:
        v = self.data.get(key, False)
        if not isinstance(v, bool):
            self.fail(f"{key} must be true or false, got {v!r}")
        return v

    def number(self, key: str, required: bool = True) -> Optional[float]:
        v = self.data.get(key)
        if v is None:
            if required:
                self.fail(f"missing {key}")
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            self.fail(f"{key} must be a number, got {v!r}")
        return v

    def refs_to(self, ids: Iterable[str], sources: Mapping[str, Source], what: str = "source") -> tuple:
        ids = tuple(ids)
        for s in ids:
            if s not in sources:
                self.fail(f"{what} {s!r} is not in sources.yaml")
        return ids


def iso_date(value: Any, precision: str = "day", fail=None) -> str:
    """Validate a date of a curated file and return it as ISO text.

    Month and year precision require the first day of the month or year.

    >>> iso_date("2021-07-25"), iso_date(dt.date(1995, 8, 30)), iso_date("1991-01-01", "year")
    ('2021-07-25', '1995-08-30', '1991-01-01')
    >>> iso_date("2021-07-25", "month")
    Traceback (most recent call last):
    ...
    ValueError: 2021-07-25 is not the first day of its month (precision month)
    """
    def _fail(msg):
        if fail is not None:
            fail(msg)
        raise ValueError(msg)

    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        d = value
    else:
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            _fail(f"not an ISO date (YYYY-MM-DD): {value!r}")
        try:
            d = dt.date.fromisoformat(text)
        except ValueError:
            _fail(f"not a valid date: {value!r}")
    if precision not in PRECISIONS:
        _fail(f"unknown date precision {precision!r} (known: {', '.join(PRECISIONS)})")
    if precision == "month" and d.day != 1:
        _fail(f"{d.isoformat()} is not the first day of its month (precision month)")
    if precision == "year" and (d.month, d.day) != (1, 1):
        _fail(f"{d.isoformat()} is not the first day of its year (precision year)")
    return d.isoformat()


def _read(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise CuratedDataError(path.name, "file", f"not found: {path}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        raise CuratedDataError(path.name, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None


def _top(path: Path, key: str, kind: type) -> Any:
    data = _read(path)
    if not isinstance(data, Mapping) or not isinstance(data.get(key), kind):
        raise CuratedDataError(path.name, "file", f"expected a top-level {key!r} {kind.__name__}")
    return data


def _unique(file: str, what: str, ids: Iterable[str]) -> None:
    seen = set()
    for i in ids:
        if i in seen:
            raise CuratedDataError(file, f"{what} {i!r}", "duplicate id")
        seen.add(i)


def _slug(e: _Entry, value: Any, pattern: re.Pattern = _SLUG) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        e.fail(f"id must be a slug (a-z, 0-9, '-'), got {value!r}")
    return value


def _path(path: Optional[PathLike], default: Path) -> Path:
    return Path(path) if path is not None else default


# ----------------------------------------------------------------------------- sources

_SOURCE_FIELDS = ("kind", "title", "authors", "year", "date", "date_precision", "file", "doi", "url",
                  "type", "number", "in_corpus", "editions", "stated_by", "note")


def load_sources(path: Optional[PathLike] = None) -> dict[str, Source]:
    """The bibliography: source id → :class:`Source`, validated.

    >>> s = load_sources()
    >>> s["tolkynbek-2024"].kind, s["tolkynbek-2024"].year, s["law-2001-148"].editions[-1]
    ('seed', 2024, '2023-12-23')
    """
    p = _path(path, SOURCES_FILE)
    if path is None:
        return dict(_default_sources())
    return _load_sources(p)


@lru_cache(maxsize=1)
def _default_sources() -> tuple:
    return tuple(_load_sources(SOURCES_FILE).items())


def _load_sources(p: Path) -> dict[str, Source]:
    raw = _top(p, "sources", dict)["sources"]
    out: dict[str, Source] = {}
    for sid, data in raw.items():
        e = _Entry(p.name, f"source {sid!r}", data, _SOURCE_FIELDS, required=("kind",))
        _slug(e, sid, _SOURCE_ID)
        kind = e.code("kind", SOURCE_KINDS)
        precision = e.code("date_precision", PRECISIONS, "day")
        year = e.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            e.fail(f"year must be an integer, got {year!r}")
        in_corpus = e.flag("in_corpus")
        src = Source(
            id=sid, kind=kind, title=e.text("title"), authors=tuple(str(a) for a in e.seq("authors")),
            year=year, date=e.date("date", precision=precision), date_precision=precision,
            file=e.text("file"), doi=e.text("doi"), url=e.text("url"),
            type=e.code("type", ACT_TYPES + (None,)), number=e.text("number"), in_corpus=in_corpus,
            editions=tuple(iso_date(d, fail=lambda m: e.fail(f"editions: {m}")) for d in e.seq("editions")),
            stated_by=tuple(str(s) for s in e.seq("stated_by")), note=e.text("note"))
        if kind == "seed" and not (src.file and src.title):
            e.fail("a seed needs its file and a title")
        if kind == "act":
            if src.type is None or src.date is None:
                e.fail("an act needs its type and date")
            if in_corpus and not src.editions:
                e.fail("an act in the corpus needs its editions")
            if not in_corpus and not src.stated_by:
                e.fail("an act outside the corpus needs stated_by (the sources that mention it)")
        elif in_corpus or src.editions:
            e.fail("only acts can be in the corpus or have editions")
        out[sid] = src
    for src in out.values():
        for s in src.stated_by:
            if s not in out or s == src.id:
                raise CuratedDataError(p.name, f"source {src.id!r}", f"stated_by {s!r} is not another entry of sources.yaml")
    return out


# ----------------------------------------------------------------------------- timeline

_EVENT_FIELDS = ("id", "date", "date_precision", "type", "title", "title_en", "levels", "acts", "figures",
                 "sources", "refs", "alternative_dates", "in_force", "inferred", "note")
_FIGURE_FIELDS = ("name", "value", "unit", "source", "qualifier", "as_of", "note")


def load_timeline(path: Optional[PathLike] = None,
                  sources: Optional[Mapping[str, Source]] = None) -> tuple[TimelineEvent, ...]:
    """Reform events in date order, validated against ``sources`` (default: sources.yaml).

    >>> ev = {e.id: e for e in load_timeline()}
    >>> ev["rural-direct-elections-2021"].date, ev["constitution-1993"].date_precision
    ('2021-07-25', 'year')
    """
    if path is None and sources is None:
        return _default_timeline()
    return _load_timeline(_path(path, TIMELINE_FILE), sources if sources is not None else load_sources())


@lru_cache(maxsize=1)
def _default_timeline() -> tuple[TimelineEvent, ...]:
    return _load_timeline(TIMELINE_FILE, load_sources())


def _figure(file: str, entry: str, i: int, data: Any, sources) -> Figure:
    e = _Entry(file, f"{entry} figure {i + 1}", data, _FIGURE_FIELDS, required=("name", "unit", "source"))
    src = e.text("source", required=True)
    e.refs_to([src], sources)
    return Figure(name=e.text("name", True), value=e.number("value"), unit=e.code("unit", UNITS), source=src,
                  qualifier=e.code("qualifier", QUALIFIERS), as_of=e.as_of(), note=e.text("note"))


def _load_timeline(p: Path, sources: Mapping[str, Source]) -> tuple[TimelineEvent, ...]:
    raw = _top(p, "events", list)["events"]
    events = []
    for i, data in enumerate(raw):
        ident = data.get("id") if isinstance(data, Mapping) else None
        e = _Entry(p.name, f"event {ident!r}" if ident else f"event {i + 1}", data, _EVENT_FIELDS,
                   required=("id", "date", "type", "title", "title_en", "sources"))
        _slug(e, ident)
        precision = e.code("date_precision", PRECISIONS)
        acts = e.refs_to(e.seq("acts"), sources, "act")
        for a in acts:
            if sources[a].kind != "act":
                e.fail(f"act {a!r} is a {sources[a].kind}, not an act, in sources.yaml")
        refs = []
        for j, r in enumerate(e.seq("refs")):
            re_ = _Entry(p.name, f"{e.entry} ref {j + 1}", r, ("source", "where"), required=("source", "where"))
            refs.append(Ref(re_.refs_to([str(r["source"])], sources)[0], re_.text("where", True)))
        alts = []
        for j, a in enumerate(e.seq("alternative_dates")):
            ae = _Entry(p.name, f"{e.entry} alternative date {j + 1}", a, ("date", "date_precision", "source", "note"),
                        required=("date", "source"))
            ap = ae.code("date_precision", PRECISIONS, "day")
            alts.append(AltDate(ae.date("date", True, ap), ap, ae.refs_to([str(a["source"])], sources)[0],
                                ae.text("note")))
        events.append(TimelineEvent(
            id=ident, date=e.date("date", True, precision), date_precision=precision,
            type=e.code("type", EVENT_TYPES), title=e.text("title", True), title_en=e.text("title_en", True),
            levels=e.codes("levels", LEVELS), acts=acts,
            sources=e.refs_to([str(s) for s in e.seq("sources")], sources),
            figures=tuple(_figure(p.name, e.entry, j, f, sources) for j, f in enumerate(e.seq("figures"))),
            refs=tuple(refs), alternative_dates=tuple(alts), in_force=e.date("in_force"),
            inferred=e.flag("inferred"), note=e.text("note")))
    _unique(p.name, "event", (ev.id for ev in events))
    return tuple(sorted(events, key=lambda ev: (ev.date, ev.id)))


# ----------------------------------------------------------------------------- elections

_DATASET_FIELDS = ("id", "title", "title_en", "election", "level", "dimensions", "measures", "columns",
                   "source", "ref", "note")
_OBS_FIELDS = ("dataset", "election", "area", "party", "level", "indicator", "value", "unit", "raw",
               "qualifier", "as_of", "cell", "source", "ref", "note")


def load_elections(path: Optional[PathLike] = None, sources: Optional[Mapping[str, Source]] = None,
                   events: Optional[Iterable[TimelineEvent]] = None) -> tuple[ElectionDataset, ...]:
    """Election data sets with their observations, validated.

    Each observation's election must be an event of the timeline (default: timeline.yaml)
    and its indicator a measure of its data set, with the measure's unit.

    >>> ds = {d.id: d for d in load_elections()}
    >>> total = next(o for o in ds["rural-2021-by-party"].observations
    ...              if o.cell == ("ВСЕГО", "Аманат"))
    >>> total.value, total.unit, total.source
    (563, 'count', 'tolkynbek-2024')
    """
    if path is None and sources is None and events is None:
        return _default_elections()
    srcs = sources if sources is not None else load_sources()
    evs = tuple(events) if events is not None else load_timeline(sources=srcs)
    return _load_elections(_path(path, ELECTIONS_FILE), srcs, evs)


@lru_cache(maxsize=1)
def _default_elections() -> tuple[ElectionDataset, ...]:
    return _load_elections(ELECTIONS_FILE, load_sources(), load_timeline())


def _load_elections(p: Path, sources: Mapping[str, Source], events: Iterable[TimelineEvent]) -> tuple[ElectionDataset, ...]:
    data = _read(p)
    if not isinstance(data, Mapping) or not isinstance(data.get("datasets"), list) \
            or not isinstance(data.get("observations"), list):
        raise CuratedDataError(p.name, "file", "expected top-level 'datasets' and 'observations' lists")
    event_ids = {ev.id for ev in events}
    heads: dict[str, dict] = {}
    for i, d in enumerate(data["datasets"]):
        ident = d.get("id") if isinstance(d, Mapping) else None
        e = _Entry(p.name, f"dataset {ident!r}" if ident else f"dataset {i + 1}", d, _DATASET_FIELDS,
                   required=("id", "title", "title_en", "election", "measures", "source", "ref"))
        _slug(e, ident)
        if ident in heads:
            e.fail("duplicate id")
        election = e.text("election", True)
        if election not in event_ids:
            e.fail(f"election {election!r} is not an event of the timeline")
        measures = []
        for j, m in enumerate(e.seq("measures")):
            me = _Entry(p.name, f"{e.entry} measure {j + 1}", m, ("id", "label", "unit"), required=("id", "label", "unit"))
            measures.append(Measure(me.text("id", True), me.text("label", True), me.code("unit", UNITS)))
        _unique(p.name, f"{e.entry} measure", (m.id for m in measures))
        heads[ident] = dict(
            id=ident, title=e.text("title", True), title_en=e.text("title_en", True), election=election,
            level=e.code("level", LEVELS + (None,)), dimensions=e.codes("dimensions", DIMENSIONS),
            measures=tuple(measures), columns=tuple(str(c) for c in e.seq("columns")),
            source=e.refs_to([e.text("source", True)], sources)[0], ref=e.text("ref", True),
            note=e.text("note"), observations=[])
    for i, o in enumerate(data["observations"]):
        label = f"observation {i + 1}"
        if isinstance(o, Mapping):
            label += f" ({o.get('dataset')}/{o.get('area')}/{o.get('party') or '-'}/{o.get('indicator')})"
        e = _Entry(p.name, label, o, _OBS_FIELDS, required=("dataset", "area", "indicator", "unit", "source", "ref"))
        ds = heads.get(e.text("dataset", True))
        if ds is None:
            e.fail(f"dataset {o['dataset']!r} is not defined")
        measure = {m.id: m for m in ds["measures"]}.get(e.text("indicator", True))
        if measure is None:
            e.fail(f"indicator {o['indicator']!r} is not a measure of dataset {ds['id']!r}")
        unit = e.code("unit", UNITS)
        if unit != measure.unit:
            e.fail(f"unit {unit!r} differs from the unit {measure.unit!r} of measure {measure.id!r}")
        value = e.number("value", required=False)
        raw = e.text("raw")
        if value is None and raw is None:
            e.fail("an observation without a value must give the raw cell")
        election = e.text("election") or ds["election"]
        if election not in event_ids:
            e.fail(f"election {election!r} is not an event of the timeline")
        party = e.text("party")
        if party is not None and "party" not in ds["dimensions"]:
            e.fail(f"dataset {ds['id']!r} has no party dimension")
        cell = None
        if e.get("cell") is not None:
            ce = _Entry(p.name, f"{label} cell", e.get("cell"), ("row", "column"), required=("row", "column"))
            cell = (ce.text("row", True), ce.text("column", True))
        ds["observations"].append(Observation(
            dataset=ds["id"], election=election, area=e.text("area", True), indicator=measure.id, value=value,
            unit=unit, source=e.refs_to([e.text("source", True)], sources)[0], ref=e.text("ref", True),
            party=party, level=e.code("level", LEVELS + (None,)) or ds["level"], raw=raw,
            qualifier=e.code("qualifier", QUALIFIERS), as_of=e.as_of(), cell=cell, note=e.text("note")))
    return tuple(ElectionDataset(**{**h, "observations": tuple(h["observations"])}) for h in heads.values())


# ----------------------------------------------------------------------------- appointment rules

_RULE_FIELDS = ("id", "level", "selection", "selector", "consent", "nomination", "nominator", "min_candidates",
                "valid_from", "valid_from_precision", "valid_to", "end_unknown", "dating", "kind", "scope",
                "basis", "sources", "note")


def load_appointment_rules(path: Optional[PathLike] = None,
                           sources: Optional[Mapping[str, Source]] = None) -> tuple[CuratedRule, ...]:
    """Curated appointment rules, validated; general rules of one level never overlap.

    >>> rules = load_appointment_rules()
    >>> sorted({r.level for r in rules}) == sorted(LEVELS)
    True
    >>> [r.id for r in rules if r.kind == "variant"]
    ['district-experiment-2005']
    """
    if path is None and sources is None:
        return _default_rules()
    return _load_rules(_path(path, RULES_FILE), sources if sources is not None else load_sources())


@lru_cache(maxsize=1)
def _default_rules() -> tuple[CuratedRule, ...]:
    return _load_rules(RULES_FILE, load_sources())


def _basis(e: _Entry, items: tuple, sources: Mapping[str, Source]) -> tuple[Basis, ...]:
    out = []
    for j, b in enumerate(items):
        be = _Entry(e.file, f"{e.entry} basis {j + 1}", b, ("act", "edition", "path"), required=("act", "edition", "path"))
        act = sources.get(be.text("act", True))
        if act is None or act.kind != "act" or not act.in_corpus:
            be.fail(f"act {b['act']!r} is not an act of the corpus in sources.yaml")
        edition = be.date("edition", True)
        if edition not in act.editions:
            be.fail(f"edition {edition} is not an edition of {act.id} ({', '.join(act.editions)})")
        out.append(Basis(act.id, edition, be.text("path", True)))
    return tuple(out)


def _load_rules(p: Path, sources: Mapping[str, Source]) -> tuple[CuratedRule, ...]:
    raw = _top(p, "rules", list)["rules"]
    rules = []
    for i, data in enumerate(raw):
        ident = data.get("id") if isinstance(data, Mapping) else None
        e = _Entry(p.name, f"rule {ident!r}" if ident else f"rule {i + 1}", data, _RULE_FIELDS,
                   required=("id", "level", "selection", "selector", "valid_from", "kind", "sources"))
        _slug(e, ident)
        precision = e.code("valid_from_precision", PRECISIONS, "day")
        mc = e.get("min_candidates")
        if mc is not None and (isinstance(mc, bool) or not isinstance(mc, int) or mc < 1):
            e.fail(f"min_candidates must be a positive integer or null, got {mc!r}")
        rule = CuratedRule(
            id=ident, level=e.code("level", LEVELS), selection=e.code("selection", SELECTIONS),
            selector=e.code("selector", SELECTORS), valid_from=e.date("valid_from", True, precision),
            sources=e.refs_to([str(s) for s in e.seq("sources")], sources), kind=e.code("kind", RULE_KINDS),
            consent=e.code("consent", CONSENTS), nomination=e.code("nomination", NOMINATIONS),
            nominator=e.code("nominator", SELECTORS + (None,)), min_candidates=mc,
            valid_to=e.date("valid_to"), valid_from_precision=precision, end_unknown=e.flag("end_unknown"),
            dating=e.text("dating"), scope=e.text("scope"), basis=_basis(e, e.seq("basis"), sources),
            note=e.text("note"))
        if rule.valid_to is not None and rule.valid_from >= rule.valid_to:
            e.fail(f"valid_from {rule.valid_from} is not before valid_to {rule.valid_to}")
        if rule.end_unknown and rule.valid_to is None:
            e.fail("end_unknown needs valid_to: the end of the period the sources attest")
        if rule.kind == "variant" and not rule.scope:
            e.fail("a variant needs its scope")
        rules.append(rule)
    _unique(p.name, "rule", (r.id for r in rules))
    _check_overlaps(p.name, rules)
    return tuple(rules)


_LINK_FIELDS = ("pattern", "level", "sources", "refs", "note")


def load_text_rule_sources(path: Optional[PathLike] = None,
                           sources: Optional[Mapping[str, Source]] = None) -> tuple[TextRuleSources, ...]:
    """The ``text_rule_sources`` of ``appointment_rules.yaml``: sources attached to text rules.

    Each ref must cite one of the entry's sources; a pattern and level appear once.

    >>> [(x.pattern, x.level, x.sources) for x in load_text_rule_sources()]
    [('law148-32-elected', 'district', ('tolkynbek-2024', 'district-elections-commentary'))]
    """
    p = _path(path, RULES_FILE)
    srcs = sources if sources is not None else load_sources()
    data = _read(p)
    raw = data.get("text_rule_sources") if isinstance(data, Mapping) else None
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CuratedDataError(p.name, "file", "text_rule_sources must be a list")
    out = []
    for i, item in enumerate(raw):
        label = f"text_rule_sources {i + 1}"
        if isinstance(item, Mapping) and item.get("pattern"):
            label = f"text rule {item.get('pattern')!r}"
        e = _Entry(p.name, label, item, _LINK_FIELDS, required=("pattern", "level", "sources"))
        ids = e.refs_to([str(x) for x in e.seq("sources")], srcs)
        if not ids:
            e.fail("needs at least one source")
        refs = []
        for j, r in enumerate(e.seq("refs")):
            re_ = _Entry(p.name, f"{e.entry} ref {j + 1}", r, ("source", "where"), required=("source", "where"))
            if re_.text("source", True) not in ids:
                re_.fail(f"source {r['source']!r} is not among the entry's sources")
            refs.append(Ref(re_.text("source", True), re_.text("where", True)))
        out.append(TextRuleSources(pattern=e.text("pattern", True), level=e.code("level", LEVELS), sources=ids,
                                   refs=tuple(refs), note=e.text("note")))
    _unique(p.name, "text rule", (f"{x.pattern}@{x.level}" for x in out))
    return tuple(out)


def general_overlaps(rules: Iterable[CuratedRule]) -> list[tuple[CuratedRule, CuratedRule]]:
    """Pairs of general rules of the same level whose periods overlap.

    >>> a = CuratedRule("a", "rural", "soviet", "local_soviet", "1991-01-01", ("s",), valid_to="1993-01-01")
    >>> b = CuratedRule("b", "rural", "appointment", "higher_akim", "1992-06-01", ("s",))
    >>> [(x.id, y.id) for x, y in general_overlaps([a, b])]
    [('a', 'b')]
    """
    out = []
    general = sorted((r for r in rules if r.kind == "general"), key=lambda r: (r.level, r.valid_from))
    for i, a in enumerate(general):
        for b in general[i + 1:]:
            if b.level != a.level:
                break
            if a.valid_to is None or b.valid_from < a.valid_to:
                out.append((a, b))
    return out


def _check_overlaps(file: str, rules: list[CuratedRule]) -> None:
    for a, b in general_overlaps(rules):
        raise CuratedDataError(file, f"rule {b.id!r}",
                               f"general rule for {b.level} from {b.valid_from} overlaps rule {a.id!r} "
                               f"({a.valid_from} – {a.valid_to or 'open'})")
