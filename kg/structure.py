"""Headings to a provision tree: one edition's files -> :class:`~kg.model.Edition`.

Parsing goes in three passes over the edition's lines (in the reading order
of :mod:`kg.parts`):

1. **Layers.** Every non-blank line is put in exactly one :class:`Segment`.
   Segments of the kinds in :data:`REMOVED_KINDS` are not body text:

   ========================  ==================================================
   ``front_matter``          YAML between ``---`` lines at the top of a file
   ``nav``                   a part's navigation line ``↑ [Вся редакция](../rus.md)``
   ``parts_table``           ``## Части документа``, its boilerplate and table
   ``title``                 the act's title (the first ``# `` heading of
                             ``rus.md``); kept in :attr:`Edition.title`
   ``toc``                   a table of contents: a run of headings with no
                             text between them whose first heading comes again
                             later (the 2011/2014 editions of Law 148-II, the
                             section list of the 2011 Constitution)
   ``anchor``                ``<a id="st85"></a>`` lines
   ``fence``                 the ````` lines of code blocks (their content is
                             read as plain text)
   ``marker``                footnote reference marks ``<*>`` on a line of
                             their own
   ``footnote``              a «Сноска» block -> one :class:`~kg.model.Amendment`
   ``note``                  a «Примечание» block (with the new wording quoted
                             after it, or the paragraph after «Примечание
                             РЦПИ!») -> one :class:`~kg.model.Note`
   ========================  ==================================================

   Everything else is ``body``.

2. **Tree.** Body lines are read in order: headings open provisions
   (section, chapter, paragraph, article; the decree's attached rules open an
   ``annex``), numbered lines open points (``1.``) and subpoints (``1)``),
   other lines are the text of the innermost open provision.  Unnumbered
   paragraphs of an article stay in the article's own text; paragraphs after a
   point or subpoint belong to it.  Text before the first heading or point is
   the ``preamble``.  Lines inside a quotation opened by «, up to its closing
   », are text, never points.

3. **Records.** Each footnote becomes an Amendment of the provision it follows
   (the innermost open article, chapter, section, annex or preamble; a point or
   subpoint when the footnote names it: «Пункт 6 исключен ...»; the act, target
   ``""``, before any provision).  Notes likewise.

Text of a provision: its lines cleaned by :func:`kg.textnorm.clean_line`
(Markdown syntax, ``<*>`` and ``P090603``-style markers removed; words kept as
written), lines of one paragraph joined by ``\\n``, paragraphs by ``\\n\\n``.
So joining the ``text`` of all provisions in ``order`` gives back the body
(the ``body`` segments) up to whitespace and markup.

eids: ``preamble``, ``sec_8`` (Roman numerals as Arabic), ``chp_13-1``,
``chp_6/par_4``, ``art_87``, ``art_87/point_4``, ``art_87/point_4/sub_2``,
``art_44/sub_2`` (subpoints of an article without points); a decree's own
points ``point_1``; its attached rules ``annex_1`` with ``annex_1/chp_2``,
``annex_1/point_7``; the numbered subdivisions of a Roman-numbered section
(Law No. 4100) ``sec_2/chp_1``.  A repeated eid gets ``__2``, ``__3`` and a
Problem.

>>> from kg.model import EditionMeta
>>> text = '''# Закон о примере
...
... ## Глава 1. Общие положения
...
... ### Статья 1. Понятия
...
... 1. Первый пункт:
...
...    1) подпункт;
...
... > *Сноска. Статья 1 с изменениями, внесенными Законом РК от 21.05.2007 № 254-III.*
... '''
>>> ed = parse_edition(EditionMeta("law-x", "2020-01-01"), {"rus.md": text.encode()})
>>> ed.title, [p.eid for p in ed.provisions]
('Закон о примере', ['chp_1', 'art_1', 'art_1/point_1', 'art_1/point_1/sub_1'])
>>> ed.amendments[0].target, ed.amendments[0].acts[0].key
('art_1', 'law|2007-05-21|254-III')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Optional

from kg.footnotes import FOOTNOTE_RE, is_footnote_start, is_note_start, make_note, parse_footnote
from kg.model import Amendment, Edition, EditionMeta, Note, Problem, Provision
from kg.parts import assemble
from kg.textnorm import (clean_line, decode, fold_lookalikes, match_key, normalize_number,
                         normalize_roman, normalize_space, roman_to_int)

REMOVED_KINDS = ("front_matter", "nav", "parts_table", "title", "toc", "anchor", "fence", "marker",
                 "footnote", "note")

_RANK = {"annex": 0, "section": 1, "chapter": 2, "paragraph": 3, "article": 4, "point": 5, "subpoint": 6}
_NUM = r"(\d+(?:\s*-\s*\d+)*)"
_ART_RE = re.compile(r"^Статья\s+" + _NUM + r"(?![\d])\s*(.*)$", re.IGNORECASE)
_CHP_RE = re.compile(r"^Глава\s+" + _NUM + r"(?![\d])\s*(.*)$", re.IGNORECASE)
_PAR_RE = re.compile(r"^(?:Параграф|§)\s*" + _NUM + r"(?![\d])\s*(.*)$", re.IGNORECASE)
_SEC_RE = re.compile(r"^(?:Раздел|РАЗДЕЛ)\s+([IVXLCDMІХСМ]+|\d+(?:-\d+)?)(?![\w])\s*(.*)$")
_ROMAN_LINE_RE = re.compile(r"^([IVXLCІХ]+)\.\s+(\S.*)$")
_NUM_TITLE_RE = re.compile(r"^(\d{1,3}(?:-\d{1,3})*)\.\s+(\S.*)$")
_POINT_RE = re.compile(r"^(\d{1,3}(?:\s?-\s?\d{1,3})*)\s?\.(?![\d])\s*(.*)$")
_SUB_RE = re.compile(r"^(\d{1,3}(?:-\d{1,3})*)\)\s*(.*)$")
_STAMP_RE = re.compile(r"^УТВЕРЖДЕН[АЫО]?(?![\w])", re.IGNORECASE)
_ANNEX_TITLE_RE = re.compile(r"^(?:ПРАВИЛА|ПОЛОЖЕНИЕ|РЕГЛАМЕНТ|ИНСТРУКЦИЯ|ПОРЯДОК|ТИПОВОЙ РЕГЛАМЕНТ"
                             r"|ТИПОВЫЕ ПРАВИЛА|ТИПОВОЕ ПОЛОЖЕНИЕ)(?![\w])")
_EXCLUDED_RE = re.compile(r"^[\s.(\-–—]*исключен", re.IGNORECASE)
_ANCHOR_RE = re.compile(r'^\s*<a\s+(?:id|name)="[^"]*"\s*>\s*</a>\s*$')
_MARKER_RE = re.compile(r"^\s*<\*>\s*$")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_MD_HEADING_RE = re.compile(r"^\s*#{1,6}\s")
_TITLE_RE = re.compile(r"^\s*#\s+\S")
_NAMED_UNIT_RE = re.compile(r"^(?:Данная\s+редакция\s+|В\s+)?(пункт|подпункт)\w*\s+(\d+(?:-\d+)*)",
                            re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    """Consecutive lines of one file that form one layer of the text."""

    kind: str                # "body" or one of REMOVED_KINDS
    file: str
    line: int                # first line, 1-based
    end: int                 # last line, inclusive
    lines: tuple[str, ...]   # the raw lines, blank ones inside included
    code: bool = False       # inside a ``` code block

    @property
    def text(self) -> str:
        """The segment's words without Markdown: the lines of a paragraph joined
        by a space, paragraphs by a newline."""
        paras: list[list[str]] = [[]]
        for raw in self.lines:
            if not raw.strip() or re.fullmatch(r"\s*(?:>\s*)+", raw):
                if paras[-1]:
                    paras.append([])
                continue
            c = clean_line(raw)
            if c:
                paras[-1].append(c)
        return "\n".join(" ".join(p) for p in paras if p)


# --- pass 1: layers ------------------------------------------------------------------

@dataclass
class _Ln:
    file: str
    no: int
    raw: str
    role: str
    code: bool = False
    clean: str = ""


def _is_quote(raw: str) -> bool:
    return raw.lstrip().startswith(">")


def _is_italic_par(raw: str) -> bool:
    s = raw.strip()
    s = re.sub(r"^(?:>\s?)+", "", s).strip()
    return s.startswith("*") and s.rstrip().endswith("*")


def _is_arabic(num: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:\s*-\s*\d+)*", num))


def _heading_match(key: str, markup: bool) -> Optional[tuple[str, str, str]]:
    """(kind, num, rest) if the line is a section/chapter/paragraph/article heading.

    ``markup``: the line is a Markdown heading or a bold line, so any words may
    follow the number; a plain line needs «Статья 5.», «Статья 5» alone or
    «Статья 5 исключена ...» (a sentence «Статья 5 настоящего Закона ...» is
    not a heading).
    """
    for kind, rx in (("article", _ART_RE), ("chapter", _CHP_RE), ("section", _SEC_RE), ("paragraph", _PAR_RE)):
        m = rx.match(key)
        if not m:
            continue
        num, rest = m.group(1), m.group(2).strip()
        if kind == "section" and roman_to_int(num) is None and not _is_arabic(num):
            return None
        if not markup and rest and not rest.startswith(".") and not _EXCLUDED_RE.match(rest):
            return None
        if kind == "section":
            num = normalize_number(num) if _is_arabic(num) else normalize_roman(num)
        else:
            num = normalize_number(num)
        return kind, num, rest.lstrip(". ").strip()
    return None


def _markup_heading(raw: str) -> bool:
    """A Markdown heading or a line in bold as a whole."""
    s = raw.strip()
    return bool(_MD_HEADING_RE.match(raw)) or (s.startswith("**") and s.endswith("**") and len(s) > 4)


def _heading_of(raw: str) -> Optional[tuple[str, str, str]]:
    """:func:`_heading_match` of a raw line; a line starting in bold («**Статья 5.** Текст»)
    counts as marked up."""
    return _heading_match(match_key(raw), _markup_heading(raw) or raw.lstrip().startswith("**"))


def _layer(lines: list) -> tuple[list[_Ln], list[Problem]]:
    """Mark code blocks and compute cleaned lines; report unclosed code blocks."""
    out: list[_Ln] = []
    problems: list[Problem] = []
    in_code, fence_at, cur_file = False, 0, None
    for sl in lines:
        if sl.file != cur_file:
            if in_code:
                problems.append(Problem(cur_file, fence_at, "code block not closed at the end of the file"))
            in_code, cur_file = False, sl.file
        ln = _Ln(sl.file, sl.no, sl.text, sl.role)
        if sl.role == "text" and _FENCE_RE.match(sl.text):
            ln.role = "fence"
            in_code = not in_code
            fence_at = sl.no
        else:
            ln.code = in_code
            ln.clean = clean_line(sl.text) if sl.role == "text" else ""
        out.append(ln)
    if in_code:
        problems.append(Problem(cur_file, fence_at, "code block not closed at the end of the file"))
    return out, problems


def _structural(ln: _Ln, key: str) -> bool:
    """Could this line open a provision (so that it ends a footnote running on)?"""
    if _heading_of(ln.raw):
        return True
    return bool(_ROMAN_LINE_RE.match(key) or _POINT_RE.match(key) or _SUB_RE.match(key))


def _block_end(ls: list[_Ln], i: int, kind: str) -> int:
    """Index after the last line of the footnote/note block starting at ``i``."""
    n = len(ls)
    first = ls[i]

    def usable(j: int) -> bool:
        return j < n and ls[j].file == first.file and ls[j].role == "text" and bool(ls[j].raw.strip())

    def opens_record(j: int) -> bool:
        return is_footnote_start(ls[j].clean) or is_note_start(ls[j].clean)

    def next_nonblank(j: int) -> Optional[int]:
        while j < n and ls[j].file == first.file and ls[j].role == "text" and not ls[j].raw.strip():
            j += 1
        return j if usable(j) else None

    def paragraph_end(j: int, quoted: bool) -> int:
        # consecutive lines of one paragraph (a quote continues only with quote lines)
        prev = ls[j - 1].clean
        while usable(j) and not opens_record(j) and not _ANCHOR_RE.match(ls[j].raw) \
                and not _MARKER_RE.match(ls[j].raw):
            if quoted != _is_quote(ls[j].raw):
                break
            key = match_key(ls[j].raw)
            if not quoted and (_structural(ls[j], key)
                               or (prev.rstrip("* ").endswith(".") and key[:1].isupper())):
                break
            prev = ls[j].clean
            j += 1
        return j

    quoted = _is_quote(first.raw)
    j = paragraph_end(i + 1, quoted)
    text = " ".join(ls[k].clean for k in range(i, j))
    if kind == "footnote":
        # «Сноска. По всему тексту Закона:» continues with «слова ...» paragraphs (quoted,
        # or plain in the 2014 edition of Law 148-II)
        while True:
            k = next_nonblank(j)
            if k is None or opens_record(k):
                break
            c, tail, kq = ls[k].clean, text.rstrip("* "), _is_quote(ls[k].raw)
            if not ((quoted and kq and (c[:1].islower() or tail.endswith(":")))
                    or (tail.endswith((":", ";")) and c[:1].islower())):
                break
            j = paragraph_end(k + 1, kq)
            text += " " + " ".join(ls[m].clean for m in range(k, j))
        return j
    # notes
    if text.rstrip("* ").endswith(":"):
        # the new wording the note announces: italic paragraphs, or (2023 Constitution)
        # one plain paragraph indented like the note
        indent = len(first.raw) - len(first.raw.lstrip())
        k = next_nonblank(j)
        if k is not None and not opens_record(k) and not _is_italic_par(ls[k].raw) and indent > 0 \
                and len(ls[k].raw) - len(ls[k].raw.lstrip()) >= indent \
                and not _heading_of(ls[k].raw):
            j = k + 1
            while usable(j) and not opens_record(j) and not _structural(ls[j], match_key(ls[j].raw)):
                j += 1
        while True:
            k = next_nonblank(j)
            if k is None or not _is_italic_par(ls[k].raw) or opens_record(k):
                break
            j = k + 1
            while usable(j) and _is_italic_par(ls[j].raw) and not opens_record(j):
                j += 1
    elif re.fullmatch(r"\S+\s+\S+!|\S+!", text.strip()):
        # «Примечание РЦПИ!» and the paragraph that says what it notes
        k = next_nonblank(j)
        if k is not None and not opens_record(k) and not _heading_of(ls[k].raw):
            j = k + 1
            while usable(j) and not opens_record(j) and not _structural(ls[j], match_key(ls[j].raw)):
                j += 1
    return j


def _segments(ls: list[_Ln]) -> list[Segment]:
    segs: list[Segment] = []
    i, n = 0, len(ls)
    while i < n:
        ln = ls[i]
        if not ln.raw.strip() and ln.role == "text":
            i += 1
            continue
        if ln.role != "text":
            j = i + 1
            while j < n and ls[j].role == ln.role and ls[j].file == ln.file and ln.role != "fence":
                j += 1
            kind = ln.role
        elif _ANCHOR_RE.match(ln.raw):
            j, kind = i + 1, "anchor"
        elif _MARKER_RE.match(ln.raw):
            j, kind = i + 1, "marker"
        elif is_footnote_start(ln.clean):
            j, kind = _block_end(ls, i, "footnote"), "footnote"
        elif is_note_start(ln.clean):
            j, kind = _block_end(ls, i, "note"), "note"
        else:
            j, kind = i + 1, "body"
        # blank lines at the end of a block are not part of it
        last = j - 1
        while last > i and not ls[last].raw.strip():
            last -= 1
        segs.append(Segment(kind, ln.file, ln.no, ls[last].no, tuple(l.raw for l in ls[i:last + 1]), ln.code))
        i = j
    return segs


def _mark_toc(segs: list[Segment]) -> list[Segment]:
    """Mark tables of contents (see the module docstring) as ``toc``."""
    heads: dict[int, tuple[str, str]] = {}
    for idx, s in enumerate(segs):
        if s.kind == "body":
            h = _heading_of(s.lines[0])
            if h:
                heads[idx] = (h[0], h[1])
    toc: set[int] = set()
    runs: list[list[int]] = []
    run: list[int] = []
    for idx, s in enumerate(segs):
        if idx in heads:
            run.append(idx)
        elif s.kind in ("anchor",) or s.kind in ("front_matter", "nav"):
            continue
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in runs:
        if len(run) < 3:
            continue
        first = heads[run[0]]
        again = next((k for k in range(1, len(run)) if heads[run[k]] == first), None)
        if again is not None:
            toc.update(run[:again])
        elif any(heads[k] == first for k in heads if k > run[-1]):
            toc.update(run)
    if not toc:
        return segs
    return [Segment("toc", s.file, s.line, s.end, s.lines, s.code) if k in toc else s for k, s in enumerate(segs)]


def _mark_title(segs: list[Segment], main: str) -> tuple[list[Segment], str]:
    for k, s in enumerate(segs):
        if s.kind == "body" and s.file == main and _TITLE_RE.match(s.lines[0]):
            title = normalize_space(fold_lookalikes(clean_line(s.lines[0])))
            segs = list(segs)
            segs[k] = Segment("title", s.file, s.line, s.end, s.lines, s.code)
            return segs, title
    return segs, ""


def segment_files(files: Mapping[str, bytes]) -> tuple[list[Segment], str, list[Problem], tuple[str, ...]]:
    """Decode, order and layer an edition's files.

    Returns ``(segments, title, problems, missing_parts)``; blank lines belong
    to no segment, every other line of every usable file to exactly one.
    """
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for rel in sorted(files):
        if rel == "meta.yaml" or not rel.endswith(".md"):
            continue
        dec = decode(files[rel], rel)
        problems.extend(dec.problems)
        if dec.text is None:
            continue
        if not dec.text.strip():
            problems.append(Problem(rel, 1, "file is empty", "error"))
            continue
        texts[rel] = dec.text
    if not texts:
        if not any(rel.endswith(".md") for rel in files):
            problems.append(Problem("rus.md", 0, "no text file (rus.md) in the edition", "error"))
        return [], "", problems, ()
    asm = assemble(texts)
    problems.extend(asm.problems)
    ls, probs = _layer(asm.lines)
    problems.extend(probs)
    segs = _mark_toc(_segments(ls))
    segs, title = _mark_title(segs, "rus.md")
    return segs, title, problems, asm.missing_parts


# --- pass 2: the tree ----------------------------------------------------------------

@dataclass
class _Node:
    eid: str
    kind: str
    num: Optional[str]
    heading: Optional[str]
    parent: Optional[str]
    file: str
    line: int
    status: str = "in_force"
    lines: list = field(default_factory=list)   # (file, no, cleaned text)
    heading_open: bool = False                  # a plain heading may go on on the next line
    heading_only: bool = True                   # no text after the heading line(s) yet


class _Builder:
    def __init__(self, segs: list[Segment]):
        self.segs = segs
        self.nodes: list[_Node] = []
        self.by_eid: dict[str, _Node] = {}
        self.stack: list[_Node] = []
        self.problems: list[Problem] = []
        self.amendments: list[Amendment] = []
        self.notes: list[Note] = []
        self.annexes = 0
        self.plain_roman = 0          # last Roman-numbered plain section (Law No. 4100 style)
        self.quote = 0                # open «…» quotations
        self.quote_indent = 0
        self.annex_title_pending = False
        self.lists: dict[str, int] = {}   # parent eid -> generation of its subpoint list

    # -- helpers
    def top(self) -> Optional[_Node]:
        return self.stack[-1] if self.stack else None

    def annex(self) -> Optional[_Node]:
        return self.stack[0] if self.stack and self.stack[0].kind == "annex" else None

    def prefix(self) -> str:
        a = self.annex()
        return a.eid + "/" if a else ""

    def find(self, kind: str) -> Optional[_Node]:
        for n in reversed(self.stack):
            if n.kind == kind:
                return n
        return None

    def open(self, kind: str, num: Optional[str], heading: Optional[str], seg: Segment, first_line: str,
             eid: Optional[str] = None) -> _Node:
        """Open a provision at ``seg`` (its first line ``first_line``), closing those it ends."""
        rank = _RANK[kind]
        while self.stack and (self.stack[-1].kind == "preamble" or _RANK.get(self.stack[-1].kind, 9) >= rank):
            self.stack.pop()
        parent = self.top()
        if eid is None:
            eid = self.eid_for(kind, num, parent)
        if kind == "subpoint" and parent is not None:
            # a list of subpoints starting again at 1 within one point is a second list
            gen = self.lists.get(parent.eid, 1)
            if num == "1" and eid in self.by_eid:
                gen += 1
                self.lists[parent.eid] = gen
            if gen > 1:
                eid = f"{eid}__{gen}"
        if eid in self.by_eid:
            base, k = eid.split("__")[0], 2
            while f"{base}__{k}" in self.by_eid:
                k += 1
            eid = f"{base}__{k}"
            self.problems.append(Problem(seg.file, seg.line, f"duplicate {kind} {num}: eid {base} "
                                                             f"already used, this one is {eid}"))
        node = _Node(eid, kind, num, heading or None, parent.eid if parent else None, seg.file, seg.line)
        node.lines.append((seg.file, seg.line, first_line))
        self.nodes.append(node)
        self.by_eid[eid] = node
        self.stack.append(node)
        return node

    def eid_for(self, kind: str, num: Optional[str], parent: Optional[_Node]) -> str:
        p = self.prefix()
        if kind == "annex":
            return f"annex_{num}"
        if kind == "section":
            n = roman_to_int(num) if num and not _is_arabic(num) else None
            return f"{p}sec_{n if n is not None else num}"
        if kind == "chapter":
            return f"{p}chp_{num}"
        if kind == "paragraph":
            if parent is not None and parent.kind in ("chapter", "section"):
                return f"{parent.eid}/par_{num}"
            return f"{p}par_{num}"
        if kind == "article":
            return f"{p}art_{num}"
        if kind == "point":
            art = self.find("article")
            return f"{art.eid}/point_{num}" if art else f"{p}point_{num}"
        if kind == "subpoint":
            if parent is not None and parent.kind in ("point", "article"):
                return f"{parent.eid}/sub_{num}"
            return f"{p}sub_{num}"
        raise ValueError(kind)

    def add_text(self, seg: Segment, clean: str) -> None:
        node = self.top()
        if node is None:
            node = self.preamble(seg)
        if clean:
            node.lines.append((seg.file, seg.line, clean))
        node.heading_only = False
        node.heading_open = False

    def preamble(self, seg: Segment) -> _Node:
        eid, k = "preamble", 2
        while eid in self.by_eid:
            eid, k = f"preamble__{k}", k + 1
        node = _Node(eid, "preamble", None, None, None, seg.file, seg.line)
        self.nodes.append(node)
        self.by_eid[eid] = node
        self.stack = [node]
        return node

    # -- lookahead for the Roman sections and numbered subdivisions of Law No. 4100
    def next_is_article(self, idx: int, through_subdivision: bool = False) -> bool:
        """Is the next heading after segment ``idx`` (skipping its lowercase continuation
        lines, anchors, fences, footnotes) an article?  With ``through_subdivision``, a
        numbered title «1. Структура ...» followed by an article counts too."""
        for k in range(idx + 1, min(idx + 12, len(self.segs))):
            s = self.segs[k]
            if s.kind in ("anchor", "fence", "marker", "footnote", "note"):
                continue
            if s.kind != "body":
                return False
            key = match_key(s.lines[0])
            if key[:1].islower():
                continue
            h = _heading_of(s.lines[0])
            if h is not None:
                return h[0] == "article"
            return through_subdivision and bool(_NUM_TITLE_RE.match(key)) and self.next_is_article(k)
        return False

    def heading_text_of(self, idx: int, first: str) -> str:
        """A plain heading with its lowercase continuation lines."""
        text = first
        for s in self.segs[idx + 1: idx + 6]:
            if s.kind in ("fence", "anchor", "marker"):
                continue
            if s.kind != "body":
                break
            key = match_key(s.lines[0])
            if not key[:1].islower():
                break
            text += " " + key
        return text

    # -- the main loop
    def run(self) -> None:
        for idx, seg in enumerate(self.segs):
            if seg.kind == "body":
                self.body(idx, seg)
            elif seg.kind == "footnote":
                self.footnote(seg)
            elif seg.kind == "note":
                self.note(seg)

    def body(self, idx: int, seg: Segment) -> None:
        raw = seg.lines[0]
        if FOOTNOTE_RE.search(raw):
            self.problems.append(Problem(seg.file, seg.line, "«Сноска» inside a line of text: "
                                                             "not read as a footnote"))
        clean = clean_line(raw)
        key = match_key(raw)
        markup = _markup_heading(raw)
        indent = len(raw) - len(raw.lstrip())

        # inside a «quotation»: text, unless a real heading closes it
        if self.quote > 0:
            h = _heading_of(raw) if markup else None
            if h is None and not (self.quote_indent > 0 and indent < self.quote_indent and raw.strip()):
                self.quote += raw.count("«") - raw.count("»")
                self.add_text(seg, clean)
                return
            self.quote = 0

        self.classify(idx, seg, raw, clean, key, markup)
        opened = raw.count("«") - raw.count("»")
        if opened > 0:
            self.quote, self.quote_indent = opened, indent

    def classify(self, idx: int, seg: Segment, raw: str, clean: str, key: str, markup: bool) -> _Node:
        """Open the provision a body line starts, or add the line to the open one."""
        top = self.top()
        # a plain heading going on on the next line(s): «Статья 35. Собственность административно-
        # территориальных» / «единиц»
        if top is not None and top.heading_open and key[:1].islower() and not markup:
            top.heading = normalize_space(f"{top.heading or ''} {key}")
            top.lines.append((seg.file, seg.line, clean))
            if re.search(r"[.;:!?]$", key):
                top.heading_open = False
            return top
        if top is not None:
            top.heading_open = False

        h = _heading_of(raw)
        if h is not None:
            kind, num, rest = h
            node = self.open(kind, num, rest, seg, clean)
            if _EXCLUDED_RE.match(rest or ""):
                node.status = "excluded"
            node.heading_open = not markup and not re.search(r"[.;:!?]$", rest or ".")
            return node

        # the decree's attached rules: a stamp «УТВЕРЖДЕНЫ Указом ...» then their title,
        # or an upper-case title alone («## ПРАВИЛА ...»)
        if self.annex_title_pending:
            self.annex_title_pending = False
            if top is not None and top.kind == "annex" and top.heading is None:
                if markup or _ANNEX_TITLE_RE.match(key):
                    top.heading = normalize_space(clean)
                    top.lines.append((seg.file, seg.line, clean))
                    return top
                if _is_quote(raw) or _is_italic_par(raw):   # more lines of the stamp
                    top.lines.append((seg.file, seg.line, clean))
                    self.annex_title_pending = True
                    return top
        if (_STAMP_RE.match(key) and len(key) < 40) or (markup and _ANNEX_TITLE_RE.match(key)):
            self.annexes += 1
            node = self.open("annex", str(self.annexes), None, seg, clean)
            if _STAMP_RE.match(key):
                self.annex_title_pending = True
            else:
                node.heading = normalize_space(clean)
            return node

        # a heading with no keyword right after a heading without title is its title
        # («## Раздел I.» + «## Общие положения»)
        if markup and top is not None and top.kind in ("section", "chapter", "paragraph") \
                and top.heading is None and top.heading_only:
            top.heading = normalize_space(clean)
            top.lines.append((seg.file, seg.line, clean))
            return top

        # a numbered title as a Markdown heading: a chapter of the attached rules
        m = _NUM_TITLE_RE.match(key) if markup else None
        if m:
            return self.open("chapter", normalize_number(m.group(1)), m.group(2), seg, clean)

        if not markup:
            # Law No. 4100: «II. Структура ...» sections without the word «Раздел»
            m = _ROMAN_LINE_RE.match(key)
            if m and len(key) < 200 and roman_to_int(m.group(1)) == self.plain_roman + 1 \
                    and m.group(2)[:1].isupper() and self.next_is_article(idx, through_subdivision=True):
                num = normalize_roman(m.group(1))
                node = self.open("section", num, m.group(2), seg, clean)
                self.plain_roman += 1
                node.heading_open = not re.search(r"[.;:!?]$", key)
                return node
            # ... and their numbered subdivisions «1. Структура и организационные основы»
            m = _NUM_TITLE_RE.match(key)
            if m and self.plain_roman and m.group(2)[:1].isupper():
                full = self.heading_text_of(idx, key)
                if not re.search(r"[.;:,!?]$", full) and self.next_is_article(idx):
                    sec = self.find("section")
                    num = normalize_number(m.group(1))
                    eid = f"{sec.eid}/chp_{num}" if sec else None
                    node = self.open("chapter", num, m.group(2), seg, clean, eid=eid)
                    node.heading_open = True
                    return node

        for kind, rx in (("point", _POINT_RE), ("subpoint", _SUB_RE)):
            m = None if markup else rx.match(key)
            if m:
                node = self.open(kind, normalize_number(m.group(1)), None, seg, clean)
                node.heading_only = False
                if _EXCLUDED_RE.match(m.group(2)):
                    node.status = "excluded"
                return node

        self.add_text(seg, clean)
        return self.top()

    # -- footnotes and notes
    def target(self, text: str) -> str:
        if not self.stack:
            return ""
        level = next((n for n in reversed(self.stack) if n.kind not in ("point", "subpoint")), None)
        body = re.sub(r"^\s*(?:Сноска|Примечание)\W*", "", fold_lookalikes(text), flags=re.IGNORECASE)
        m = _NAMED_UNIT_RE.match(body)
        if m:
            kind = "subpoint" if m.group(1).lower().startswith("под") else "point"
            num = m.group(2)
            for n in reversed(self.stack):
                if n.kind == kind and n.num == num:
                    return n.eid
            # a unit closed already, within the current article
            art = self.find("article")
            if art is not None:
                for n in reversed(self.nodes):
                    if n.eid.startswith(art.eid + "/") and n.kind == kind and n.num == num:
                        return n.eid
        if level is None:
            level = self.stack[0]
        return level.eid

    def footnote(self, seg: Segment) -> None:
        text = seg.text
        self.amendments.append(parse_footnote(text, self.target(text), seg.file, seg.line))

    def note(self, seg: Segment) -> None:
        text = seg.text
        self.notes.append(make_note(text, self.target(text), seg.file, seg.line))


def _join(lines: list) -> str:
    out: list[str] = []
    prev = None
    for file, no, text in lines:
        if prev is not None:
            out.append("\n" if (file == prev[0] and no == prev[1] + 1) else "\n\n")
        out.append(text)
        prev = (file, no)
    return "".join(out)


def _check_truncation(segs: list[Segment], builder: _Builder) -> list[Problem]:
    """Warn about files that seem cut off: a last body line stopping mid-sentence,
    or a last article with a heading and nothing else."""
    problems = []
    last_body: dict[str, Segment] = {}
    for s in segs:
        if s.kind == "body":
            last_body[s.file] = s
    for file, s in last_body.items():
        text = clean_line(s.lines[-1])
        if _heading_of(s.lines[-1]):
            continue
        if len(text) > 60 and not re.search(r"[.;:!?»\")*…]$", text):
            problems.append(Problem(file, s.end, "text ends mid-sentence: the file may be truncated"))
    if builder.nodes:
        last = builder.nodes[-1]
        if last.kind == "article" and last.status != "excluded" and len(last.lines) <= 1 \
                and not any(a.target == last.eid for a in builder.amendments):
            problems.append(Problem(last.file, last.line,
                                    f"article {last.num} has a heading and no text: the file may be truncated"))
    return problems


def parse_edition(meta: EditionMeta, files: Mapping[str, bytes]) -> Edition:
    """Parse one edition's files into an :class:`~kg.model.Edition`.

    Pure and total: bad input never raises; it gives :class:`~kg.model.Problem`
    records (severity ``error`` for a file that cannot be used at all).
    """
    try:
        segs, title, problems, missing = segment_files(files)
        b = _Builder(segs)
        b.run()
    except Exception as exc:  # pragma: no cover - a bug must not stop a build
        return Edition(meta=meta, title="", problems=(Problem("rus.md", 0, f"parser failure: {exc!r}", "error"),))
    problems = problems + b.problems + _check_truncation(segs, b)
    excluded_by_note = {a.target for a in b.amendments if a.action == "excluded"}
    provisions = []
    for order, n in enumerate(b.nodes):
        status = n.status
        if status != "excluded" and n.kind == "article" and n.eid in excluded_by_note \
                and len(n.lines) <= 1 and not any(m.parent == n.eid for m in b.nodes):
            status = "excluded"
        provisions.append(Provision(eid=n.eid, kind=n.kind, num=n.num, heading=n.heading, text=_join(n.lines),
                                    parent=n.parent, order=order, status=status, file=n.file, line=n.line))
    return Edition(meta=meta, title=title, provisions=tuple(provisions), amendments=tuple(b.amendments),
                   notes=tuple(b.notes), problems=tuple(problems), missing_parts=missing)
