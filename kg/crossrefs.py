"""Cross-references in the text of provisions: find them, then resolve them to provisions of known acts.

:func:`extract` reads the words — «пунктом 4 статьи 87 Конституции»,
«статьей 24 настоящего Закона», «пунктом 2 настоящей статьи»,
«Конституционным законом Республики Казахстан «О выборах в Республике
Казахстан»», «настоящим Законом» — into :class:`CrossRef` records, one per
cited provision:

>>> [(r.target, r.eid) for r in extract("в соответствии с пунктом 4 статьи 87 Конституции")]
[('constitution', 'art_87/point_4')]
>>> [(r.target, r.eid) for r in extract("пунктами 3, 7 и 16 статьи 78 Конституции")]
[('constitution', 'art_78/point_3'), ('constitution', 'art_78/point_7'), ('constitution', 'art_78/point_16')]
>>> [(r.target, r.eid) for r in extract("предусмотренных подпунктом 2) пункта 1 настоящей статьи")]
[('article', 'point_1/sub_2')]
>>> [(r.target, r.eid) for r in extract("пункта 6 статьи 113-3 и статье 113-9 настоящего Конституционного закона")]
[('self', 'art_113-3/point_6'), ('self', 'art_113-9')]
>>> r, = extract("порядке, установленном Конституционным законом Республики Казахстан «О выборах в Республике Казахстан»")
>>> r.target, r.eid, r.act.type, r.title
('act', '', 'constitutional_law', 'О выборах в Республике Казахстан')
>>> [(r.target, r.eid) for r in extract("в соответствии с настоящим Законом")]
[('self', '')]

:class:`Resolver` turns a record into ``(act id, eid)`` of a known act, or
None when the target is not in the corpus; «Конституции» means the
constitution in force on the date of the citing edition.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Union

from kg.footnotes import DATE_RE, parse_date
from kg.model import Act, ActRef
from kg.textnorm import fold_lookalikes

# ------------------------------------------------------------------ patterns

_NUM = r"\d+(?:-\d+)?"
_SUBNUM = _NUM + r"(?:\\?\))?"
_NUMLIST = rf"{_SUBNUM}(?:\s*(?:,|и|или)\s*{_SUBNUM})*"
_UNITS = {
    "sub": r"подпункт(?:ами|ах|ом|ов|а|е|ы|у)?",
    "point": r"пункт(?:ами|ах|ом|ов|а|е|ы|у)?",
    "part": r"част(?:ями|ях|ью|ей|и|ь)",
    "art": r"стат(?:ьями|ьях|ьям|ьей|ьёй|ья|ьи|ье|ью|ей)",
    "chp": r"глав(?:ами|ах|ам|ой|а|ы|е|у)",
}
_ELEM = re.compile(
    r"(?<![\w-])(?P<unit>" + "|".join(f"(?P<{k}>{v})" for k, v in _UNITS.items()) + r")"
    rf"\s+(?P<nums>{_NUMLIST})(?![\w.]\d)",
    re.IGNORECASE,
)
_DATE = DATE_RE.pattern      # «23 января 2001 года», «11.05.2004» (the footnote parser's dates)
_ACT_TYPES = (
    ("constitutional_law", r"Конституционн(?:ым|ого|ому|ый|ом)\s+закон(?:ом|а|у|е|ы|ов|ами)?"),
    ("law", r"Закон(?:ом|ами|ами|ах|а|у|е|ы|ов)?"),
    ("decree", r"Указ(?:ом|а|у|е|ы|ов)?(?:\s+Президента)?"),
    ("code", r"Кодекс(?:ом|а|у|е|ы|ов)?"),
)
_ACT = re.compile(
    r"(?P<type>" + "|".join(f"(?P<{k}>{v})" for k, v in _ACT_TYPES) + r")"
    r"(?:\s+Республики\s+Казахстан|\s+РК)?"
    rf"(?:\s+от\s+(?P<date>{_DATE}))?"
    r"(?:\s*(?:№|N)\s*(?P<number>\d+(?:-[IVXLCМ]+|-[А-Яа-я]+)*))?"
    r"(?:\s*(?:[«\"“„](?P<title>[^»\"”]{3,250})[»\"”]))?"
)
_SELF = re.compile(
    r"(?<![\w])[Нн]астоящ(?:ей|его|ему|им|ая|ий|ую|ем|их|ее|ие)\s+"
    r"(?P<what>Конституционн\w+\s+закон\w*|Закон\w*|Конституци\w+|Указ\w*|Регламент\w*|Правил\w*|"
    r"Положени\w*|Кодекс\w*|стать\w+|пункт\w+|подпункт\w+|глав\w+|част\w+)"
)
_CONSTITUTION = re.compile(r"(?<![\w«\"])Конституци(?:и|ей|ю|я|е)(?![\w])(?:\s+Республики\s+Казахстан)?")
_GAP = re.compile(r"\s*(?:,\s*)?(?:а\s+также|и|или|,)\s+")


@dataclass(frozen=True)
class CrossRef:
    """One cited provision (or act) as written.

    ``target``: "self" (the citing act), "constitution" (the constitution in
    force), "act" (another act named by title, date or number: ``act`` and
    ``title``), "article"/"point" (relative to the citing article/point:
    «настоящей статьи»), or "unknown" (no act named). ``eid`` is the cited
    path inside the target («art_87/point_4»; relative targets give the part
    below the citing article or point; "" is the whole act).
    """

    raw: str
    start: int
    end: int
    target: str
    eid: str = ""
    act: Optional[ActRef] = None
    title: Optional[str] = None


def _nums(text: str) -> list[tuple[str, bool]]:
    """Numbers of a list with whether each is written as a subpoint («2)»)."""
    return [(m.group(1), bool(m.group(2))) for m in re.finditer(rf"({_NUM})(\\?\))?", text)]


def _chain_paths(elems: list[re.Match]) -> list[str]:
    """Cited paths from a chain «подпунктом 2) пункта 1 статьи 6», innermost element first."""
    paths: list[list[str]] = [[]]
    for m in reversed(elems):                      # outermost (article) first
        unit = next(k for k in _UNITS if m.group(k))
        if unit == "part":                         # «частью 2»: unnumbered paragraphs have no stable eid
            continue
        new: list[list[str]] = []
        for num, paren in _nums(m.group("nums")):
            seg_unit = "sub" if unit == "point" and paren else unit
            for p in paths:
                new.append(p + [f"{seg_unit}_{num}"])
        paths = new or paths
    return ["/".join(p) for p in paths if p]


def _target_at(text: str, pos: int) -> Optional[tuple[str, int, Optional[ActRef], Optional[str]]]:
    """What a chain ending at ``pos`` refers to: (target, end, act, title) or None."""
    m = re.compile(r"\s*").match(text, pos)
    at = m.end()
    s = _SELF.match(text, at)
    if s:
        what = s.group("what").lower()
        if what.startswith(("стать", "част")):
            return "article", s.end(), None, None
        if what.startswith(("пункт", "подпункт")):
            return "point", s.end(), None, None
        if what.startswith("глав"):
            return "chapter", s.end(), None, None
        return "self", s.end(), None, None
    c = _CONSTITUTION.match(text, at)
    if c:
        return "constitution", c.end(), None, None
    a = _ACT.match(text, at)
    if a and (a.group("title") or a.group("date") or a.group("number")):
        return ("act", a.end(), _actref(a), a.group("title"))
    return None


def _actref(m: re.Match) -> ActRef:
    kind = next(k for k, _ in _ACT_TYPES if m.group(k))
    date = parse_date(m.group("date")) if m.group("date") else None
    return ActRef(type=kind if kind != "code" else "other", date=date, number=m.group("number"),
                  raw=m.group(0).strip())


def extract(text: str) -> list[CrossRef]:
    """All cross-references in ``text``, in text order (see the module doc for examples).

    >>> [(r.target, r.eid) for r in extract("Статья 24 настоящего Закона и пунктом 60 настоящего Регламента")]
    [('self', 'art_24'), ('self', 'point_60')]
    >>> [(r.target, r.eid) for r in extract("в пунктах 4), 5) и 6) пункта 1 настоящей статьи")]
    [('article', 'point_1/sub_4'), ('article', 'point_1/sub_5'), ('article', 'point_1/sub_6')]
    >>> [(r.target, r.eid) for r in extract("предусмотренных статьей 33 Конституции Республики Казахстан, а также")]
    [('constitution', 'art_33')]
    >>> [(r.target, r.act.date, r.act.number) for r in extract("статьей 9 Закона Республики Казахстан от 23 января 2001 года № 148-II")]
    [('act', '2001-01-23', '148-II')]
    >>> extract("в течение 10 дней со дня, указанного в статье")
    []
    """
    refs: list[CrossRef] = []
    elems = list(_ELEM.finditer(text))
    # group adjacent elements into chains
    chains: list[list[re.Match]] = []
    for m in elems:
        if chains and re.fullmatch(r"\s*", text[chains[-1][-1].end():m.start()]):
            chains[-1].append(m)
        else:
            chains.append([m])
    pending: list[tuple[list[re.Match], list[str]]] = []   # chains waiting for a target named after them
    covered: list[tuple[int, int]] = []
    for i, chain in enumerate(chains):
        paths = _chain_paths(chain)
        tgt = _target_at(text, chain[-1].end())
        if tgt is None:
            nxt = chains[i + 1] if i + 1 < len(chains) else None
            if nxt is not None and _GAP.fullmatch(text[chain[-1].end():nxt[0].start()]):
                pending.append((chain, paths))
                continue
            target, end, act, title = "unknown", chain[-1].end(), None, None
        else:
            target, end, act, title = tgt
        for waiting, wpaths in pending + [(chain, paths)]:
            start = waiting[0].start()
            raw = text[start:end] if waiting is chain else text[start:waiting[-1].end()]
            for p in wpaths:
                refs.append(CrossRef(raw=raw, start=start, end=end, target=target, eid=p, act=act, title=title))
        covered.append((pending[0][0][0].start() if pending else chain[0].start(), end))
        pending = []
    for waiting, wpaths in pending:
        for p in wpaths:
            refs.append(CrossRef(raw=text[waiting[0].start():waiting[-1].end()], start=waiting[0].start(),
                                 end=waiting[-1].end(), target="unknown", eid=p))

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in covered)

    # references to a whole act, outside chains
    for s in _SELF.finditer(text):
        what = s.group("what").lower()
        if free(s.start(), s.end()) and not what.startswith(("стать", "пункт", "подпункт", "глав", "част")):
            refs.append(CrossRef(raw=s.group(0), start=s.start(), end=s.end(), target="self"))
            covered.append((s.start(), s.end()))
    for a in _ACT.finditer(text):
        if a.group("title") and free(a.start(), a.end()):
            refs.append(CrossRef(raw=a.group(0).strip(), start=a.start(), end=a.end(), target="act",
                                 act=_actref(a), title=a.group("title")))
            covered.append((a.start(), a.end()))
    for c in _CONSTITUTION.finditer(text):
        if free(c.start(), c.end()):
            refs.append(CrossRef(raw=c.group(0), start=c.start(), end=c.end(), target="constitution"))
    refs.sort(key=lambda r: r.start)
    return refs


# ---------------------------------------------------------------- resolution

def normalize_title(title: str) -> str:
    """Case-, quote- and look-alike-insensitive form of a title.

    >>> normalize_title("О  местных пpедставительных органах") == normalize_title("о местных представительных органах")
    True
    """
    t = fold_lookalikes(title).lower().replace("ё", "е")
    t = re.sub(r"[«»\"“”„]", "", t)
    return re.sub(r"\s+", " ", t).strip(" .")


def _eid_key(eid: str) -> str:
    """The part of an eid a citation can name: articles, points, subpoints (no sections/chapters)."""
    return "/".join(p for p in eid.split("/") if p.split("_", 1)[0] in ("art", "point", "sub"))


def number_stem(number: Optional[str]) -> Optional[str]:
    """An act number without its convocation suffix: texts write «№ 254» and «№ 254-III» for one act.

    >>> number_stem("254-III"), number_stem("12"), number_stem(None)
    ('254', '12', None)
    """
    if not number:
        return None
    m = re.match(r"\d+", number)
    return m.group(0) if m else number


class Resolver:
    """Resolves :class:`CrossRef` records against the acts and provisions of the corpus.

    ``eids`` maps an act id to every eid seen in any of its editions.

    >>> from kg.model import Act
    >>> acts = {"constitution-1995": Act(id="constitution-1995", code="1", type="constitution", title="Конституция Республики Казахстан",
    ...                                  date="1995-08-30", in_force_to="2026-07-01"),
    ...         "law-2001-148": Act(id="law-2001-148", code="7966", type="law", number="148-II", date="2001-01-23",
    ...                             title="О местном государственном управлении и самоуправлении в Республике Казахстан")}
    >>> eids = {"constitution-1995": {"sec_8", "art_87", "art_87/point_4"}, "law-2001-148": {"art_24", "art_24/point_1"}}
    >>> res = Resolver(acts, eids)
    >>> [res.resolve(r, "law-2001-148", "art_32/point_1", "2014-11-07") for r in extract(
    ...     "пунктом 4 статьи 87 Конституции, пунктом 2 статьи 24 настоящего Закона, пунктом 1 настоящей статьи")]
    [('constitution-1995', 'art_87/point_4'), ('law-2001-148', 'art_24'), ('law-2001-148', '')]
    >>> r, = extract("Закона Республики Казахстан «О местном государственном управлении и самоуправлении в Республике Казахстан»")
    >>> res.resolve(r, "constitution-1995", "art_1", "2011-02-02")
    ('law-2001-148', '')
    >>> r, = extract("статьи 3 Конституции")
    >>> res.resolve(r, "law-2001-148", "art_1", "1993-12-10") is None   # the 1993 Constitution is not in the corpus
    True
    """

    def __init__(self, acts: Union[Mapping[str, Act], Iterable[Act]], eids: Mapping[str, Iterable[str]]):
        self.acts = dict(acts) if isinstance(acts, Mapping) else {a.id: a for a in acts}
        self._keys: dict[str, dict[str, str]] = {}
        for act_id, ids in eids.items():
            index: dict[str, str] = {}
            for e in sorted(ids, key=lambda e: (e.count("/"), e)):
                index.setdefault(_eid_key(e), e)
            self._keys[act_id] = index
        self._titles: dict[str, list[str]] = {}
        for a in self.acts.values():
            for t in {a.title, a.short_title or ""} - {""}:
                self._titles.setdefault(normalize_title(t), []).append(a.id)

    def constitution_on(self, date: str) -> Optional[str]:
        """The id of the constitution in force on ``date``, if it is in the corpus."""
        for a in self.acts.values():
            if a.type != "constitution":
                continue
            start = a.in_force_from or a.date or "0000"
            if start <= date and (a.in_force_to is None or date < a.in_force_to):
                return a.id
        return None

    def act_for(self, ref: ActRef, title: Optional[str] = None) -> Optional[str]:
        """The id of the act a reference names by title, or by date and number."""
        if title:
            ids = self._titles.get(normalize_title(title), [])
            typed = [i for i in ids if self.acts[i].type == ref.type]
            if len(typed or ids) == 1:
                return (typed or ids)[0]
        stem = number_stem(ref.number)
        if ref.date and stem:
            hits = [a.id for a in self.acts.values() if a.date == ref.date and number_stem(a.number) == stem]
            if len(hits) == 1:
                return hits[0]
        return None

    def provision(self, act_id: str, eid: str) -> str:
        """The deepest known provision of ``act_id`` on the cited path ("" when none is known)."""
        index = self._keys.get(act_id, {})
        parts = [p for p in _eid_key(eid).split("/") if p]
        while parts:
            hit = index.get("/".join(parts))
            if hit:
                return hit
            parts.pop()
        return ""

    def resolve(self, ref: CrossRef, act_id: str, eid: str, date: str) -> Optional[tuple[str, str]]:
        """(act id, eid) cited by ``ref`` from provision ``eid`` of ``act_id`` in its edition of ``date``."""
        if ref.target == "self":
            target = act_id
        elif ref.target == "constitution":
            target = act_id if self.acts.get(act_id) and self.acts[act_id].type == "constitution" \
                else self.constitution_on(date)
        elif ref.target == "act" and ref.act is not None:
            target = self.act_for(ref.act, ref.title)
        elif ref.target in ("article", "point"):
            base = [p for p in eid.split("/") if p]
            cut = "art_" if ref.target == "article" else "point_"
            idx = max((i for i, p in enumerate(base) if p.startswith(cut)), default=None)
            if idx is None:
                return None
            full = "/".join(base[: idx + 1] + ([ref.eid] if ref.eid else []))
            return act_id, self.provision(act_id, full)
        else:
            return None
        if target is None:
            return None
        return target, self.provision(target, ref.eid) if ref.eid else ""
