"""Footnotes («Сноска. …») and notes («Примечание …») as records.

A footnote of the official database says what happened to the provision it
follows: which acts amended it, how (new wording, exclusion, supplement...),
and from when.  :func:`parse_footnote` turns its words into an
:class:`~kg.model.Amendment`; :func:`parse_act_refs` reads the acts it names.

>>> a = parse_footnote("Сноска. Статья 42 с изменениями, внесенными Законами РК от 7 октября 1998 г. "
...                    "N 284 ; от 21 мая 2007 г. N 254 (вводится в действие со дня его официального "
...                    "опубликования).", target="art_42")
>>> a.action, [r.key for r in a.acts]
('amended', ['law|1998-10-07|284', 'law|2007-05-21|254'])
>>> a.effective
'вводится в действие со дня его официального опубликования'
"""
from __future__ import annotations

import re
from typing import Optional

from kg.model import ActRef, Amendment, Note
from kg.textnorm import fold_lookalikes, normalize_act_number, normalize_space

# --- recognising footnotes and notes -----------------------------------------

# «Сноска» with Latin look-alikes and small misspellings («Сноcка», «Cноска»,
# «Сносска»); «Сноска.Статья» without a space is a footnote too.
_FOOTNOTE_WORD = r"(?<![\w])[СC][нH][оo][сc]{1,2}[кk][аa]"
FOOTNOTE_RE = re.compile(_FOOTNOTE_WORD, re.IGNORECASE)
_FOOTNOTE_START_RE = re.compile(r"^" + _FOOTNOTE_WORD + r"(?![\w])", re.IGNORECASE)
_NOTE_START_RE = re.compile(r"^[ПP]римечание(?![\w])", re.IGNORECASE)


def is_footnote_start(clean: str) -> bool:
    """True if a cleaned line opens a footnote.

    >>> is_footnote_start("Сноска. Статья 2 ..."), is_footnote_start("Сноcка. ...")   # Latin c
    (True, True)
    >>> is_footnote_start("Сноска.Статья 75 ..."), is_footnote_start("Сноски нет")
    (True, False)
    """
    return bool(_FOOTNOTE_START_RE.match(clean.lstrip("<*> ").lstrip()))


def is_note_start(clean: str) -> bool:
    """True if a cleaned line opens a «Примечание» block.

    >>> is_note_start("Примечание РЦПИ!"), is_note_start("Примечание. См. ..."), is_note_start("Примечания к статье")
    (True, True, False)
    """
    return bool(_NOTE_START_RE.match(clean.strip()))


def count_footnotes(text: str) -> int:
    """Occurrences of the word «Сноска» (any spelling handled here) in a raw text.

    >>> count_footnotes("> *Сноска. a*\\n\\nСноcка. b\\nсноска в тексте")
    3
    """
    return len(FOOTNOTE_RE.findall(text))


# --- dates ----------------------------------------------------------------------

_MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}
_DATE_WORDS = r"(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\s*(?:г\.|года|г(?![\w]))?"
_DATE_DOTS = r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)(?:\s*(?:г\.|года))?"
DATE_RE = re.compile(r"(?:" + _DATE_WORDS + r")|(?:" + _DATE_DOTS + r")", re.IGNORECASE)


def _iso(y: int, m: int, d: int) -> Optional[str]:
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_date(text: str) -> Optional[str]:
    """The first date written in Russian style, as ISO.

    >>> parse_date("от 7 октября 1998 г."), parse_date("от 21.05.2007"), parse_date("от 24.01.96")
    ('1998-10-07', '2007-05-21', '1996-01-24')
    >>> parse_date("без даты") is None
    True
    """
    m = DATE_RE.search(fold_lookalikes(text))
    return _date_of(m) if m else None


def _date_of(m: re.Match) -> Optional[str]:
    if m.group(1):
        return _iso(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    y = m.group(6)
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 30 else 1900 + int(y))
    return _iso(year, int(m.group(5)), int(m.group(4)))


# --- act references -------------------------------------------------------------

# The type words, longest first; "имеющим силу Закона" qualifies a decree and
# names no act of its own.
_TYPE_WORDS = [
    (re.compile(r"[Кк]онституционн\w*\s+[Зз]акон\w*"), "constitutional_law"),
    (re.compile(r"[Кк]одекс\w*"), "law"),
    (re.compile(r"(?<!силу\s)(?<!сил\s)[Зз]акон(?:а|ом|ами|ы|ов|ам|е)?(?![\w])"), "law"),
    (re.compile(r"[Уу]каз(?:а|ом|ами|ы|ов|ам|е)?(?![\w])"), "decree"),
    (re.compile(r"[Пп]остановлени\w*"), "resolution"),
    (re.compile(r"[Рр]аспоряжени\w*"), "other"),
    (re.compile(r"[Рр]ешени\w*"), "other"),
    (re.compile(r"[Пп]риказ\w*"), "other"),
]
# a requisite: "от <date>" (or "; <date>" continuing a list), then an optional number
_NUMBER = r"(?:\s*(?:№|N|No\.?)\s*(\d+(?:\s*[-/]\s*[0-9A-Za-zА-Яа-яІі]+)*)|\s+(\d+/\d+)(?=[\s.,;)]|$))?"
_REQ_RE = re.compile(r"(?:(?<![\w])от\s+|;\s*)(?:" + _DATE_WORDS + r"|" + _DATE_DOTS + r")" + _NUMBER,
                     re.IGNORECASE)


def parse_act_refs(text: str) -> tuple[ActRef, ...]:
    """The acts named with a date in a footnote or note, in the order written.

    The type comes from the nearest type word before the date (Закон/Законом/
    законами -> law, Конституционным законом -> constitutional_law, Указ ->
    decree, постановление -> resolution); a date continuing a list («...; от
    21.05.2007 № 254-III») takes the type of the previous act.

    >>> [r.key for r in parse_act_refs("Указом Президента РК, имеющим силу Закона, от 26 января 1996 г. N 2824.")]
    ['decree|1996-01-26|2824']
    >>> [r.key for r in parse_act_refs("Конституционным законом РК от 06.05.1999 № 375-I; от 24.05.2021 № 41-VІI")]
    ['constitutional_law|1999-05-06|375-I', 'constitutional_law|2021-05-24|41-VII']
    >>> [r.key for r in parse_act_refs("См. постановление Конституционного Совета РК от 3 июля 2000 г. 15/2.")]
    ['resolution|2000-07-03|15/2']
    >>> [r.key for r in parse_act_refs("в соответствии с Законом РК от 08.06.2022 (вводится в действие с 08.06.2022)")]
    ['law|2022-06-08|']
    """
    text = fold_lookalikes(text)
    refs: list[ActRef] = []
    prev_end = 0
    prev_type: Optional[str] = None
    for m in _REQ_RE.finditer(text):
        date = _date_of_req(m)
        if date is None:
            continue
        window = text[prev_end:m.start()]
        # the type word closest to the date (the longer one when two end together:
        # «Конституционным законом» over «законом»)
        best: Optional[tuple[int, int, str, int]] = None
        for rx, kind in _TYPE_WORDS:
            for tm in rx.finditer(window):
                cand = (tm.end(), tm.end() - tm.start(), kind, tm.start())
                if best is None or cand[:2] > best[:2]:
                    best = cand
        if best is not None:
            kind, raw_start = best[2], prev_end + best[3]
        else:  # a date continuing a list takes the previous act's type
            kind, raw_start = (prev_type or "other"), m.start()
        number = m.group(7) or m.group(8)
        refs.append(ActRef(type=kind, date=date,
                           number=normalize_act_number(number) if number else None,
                           raw=normalize_space(text[raw_start:m.end()].lstrip(" ;"))))
        prev_end, prev_type = m.end(), kind
    return tuple(refs)


def _date_of_req(m: re.Match) -> Optional[str]:
    if m.group(1):
        return _iso(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    if m.group(4):
        y = m.group(6)
        year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 30 else 1900 + int(y))
        return _iso(year, int(m.group(5)), int(m.group(4)))
    return None


# --- action and effective date --------------------------------------------------

_PAREN_RE = re.compile(r"\([^()]*\)")
_EFFECTIVE_RE = re.compile(
    r"(?:вводится|вводятся|введен\w*|вступает|вступают|вступил\w*)\s+в\s+(?:действие|силу)[^);]*"
    r"|порядок\s+введения\s+в\s+действие[^);]*",
    re.IGNORECASE)
_ACTIONS = [
    ("excluded", re.compile(r"исключен[аоы]?(?![\w])", re.IGNORECASE)),
    ("new_wording", re.compile(r"в\s+редакции", re.IGNORECASE)),
    ("supplemented", re.compile(r"дополнен\w*", re.IGNORECASE)),
    ("amended", re.compile(r"с\s+изменени\w*|с\s+дополнени\w*|внесен\w*\s+изменени\w*|заменен\w*"
                           r"|изменен\w*", re.IGNORECASE)),
    ("entry_into_force", re.compile(r"(?:вводится|вводятся|вступает|вступают)\s+в\s+(?:действие|силу)"
                                    r"|действу\w+\s+с\s", re.IGNORECASE)),
]
_REFERENCE_RE = re.compile(r"(?<![\w])См\.|(?<![\w])см\.", re.IGNORECASE)


def footnote_action(text: str) -> str:
    """What the footnote says happened, from its words (outside parentheses).

    The earliest of: excluded («исключена»), new_wording («в редакции»),
    supplemented («дополнена»), amended («с изменениями», «внесены
    изменения», «заменены»), entry_into_force («вводится в действие с ...»
    as the footnote's own statement); else reference («См. ...») or other.

    >>> footnote_action("Сноска. Статья 16 исключена Законом РК от 21.07.2011 № 465-IV (вводится в действие ...).")
    'excluded'
    >>> footnote_action("Сноска. См. постановление Конституционного Совета РК от 23 апреля 2003 г. N 4 . "
    ...                 "Статья 2 с изменениями, внесенными Законом РК от 21 мая 2007 г. N 254.")
    'amended'
    >>> footnote_action("Сноска. См. постановление Конституционного Совета РК от 21 декабря 2001 г. N 18/2.")
    'reference'
    >>> footnote_action("Сноска. Пункт 1 вводится в действие с 01.01.2018 для городов районного значения.")
    'entry_into_force'
    >>> footnote_action("Сноска. В дальнейшем собрание.")
    'other'
    """
    body = _PAREN_RE.sub(" ", text)
    best: Optional[tuple[int, str]] = None
    for action, rx in _ACTIONS:
        m = rx.search(body)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), action)
    if best is not None:
        return best[1]
    if _REFERENCE_RE.search(body):
        return "reference"
    return "other"


def effective_phrase(text: str) -> Optional[str]:
    """The effective-date phrases of a footnote («вводится в действие ...»),
    distinct ones joined by «; », or None.

    >>> effective_phrase("Законом РК от 05.11.2022 № 157-VII (вводится в действие с 01.01.2023).")
    'вводится в действие с 01.01.2023'
    >>> effective_phrase("Статья 2 с изменениями.") is None
    True
    """
    found: list[str] = []
    for m in _EFFECTIVE_RE.finditer(text):
        phrase = normalize_space(m.group(0)).rstrip(" .*")
        if phrase and phrase not in found:
            found.append(phrase)
    return "; ".join(found) if found else None


# --- records ----------------------------------------------------------------------

def footnote_text(text: str) -> str:
    """A footnote's words without Markdown: one line per paragraph, spaces collapsed."""
    return "\n".join(normalize_space(p) for p in text.split("\n") if p.strip())


def parse_footnote(text: str, target: str = "", file: str = "", line: int = 0) -> Amendment:
    """An :class:`~kg.model.Amendment` from a footnote's cleaned text.

    >>> a = parse_footnote("Сноска. Конституция дополнена статьей 94-1 в соответствии с Законом РК "
    ...                    "от 21 мая 2007 г. N 254 (вводится в действие со дня его официального опубликования).",
    ...                    target="art_94-1", file="rus.md", line=1395)
    >>> a.action, a.acts[0].number, a.line
    ('supplemented', '254', 1395)
    """
    text = footnote_text(text)
    return Amendment(target=target, action=footnote_action(text), acts=parse_act_refs(text),
                     effective=effective_phrase(text), text=text, file=file, line=line)


def make_note(text: str, target: str = "", file: str = "", line: int = 0) -> Note:
    """A :class:`~kg.model.Note` from a note block's cleaned text.

    >>> make_note("Примечание РЦПИ!\\nВ статью 6 предусмотрено изменение.", "art_5", "rus.md", 299).text
    'Примечание РЦПИ!\\nВ статью 6 предусмотрено изменение.'
    """
    return Note(target=target, text=footnote_text(text), file=file, line=line)
