"""Decoding and normalising the raw legal texts.

The mirror's Markdown carries artefacts of its conversion from the official
database: Latin letters inside Russian words (``пpедставительных`` with a
Latin ``p``), Cyrillic letters inside Roman numerals (``Раздел IХ`` with a
Cyrillic ``Х``), Markdown escapes in numbering (``1\\)``, ``6\\.``), stray
spaces (``Статья 2-1 .``), database markers (``P090603``) and footnote
reference marks (``<*>``).  This module decodes bytes into text and offers the
small normalisations the parser needs.  Two rules:

* provision text keeps the words as written (look-alike letters included);
  only Markdown syntax and the markers above are taken out of it
  (:func:`clean_line`);
* numbers, eids and the keywords matched by the parser are normalised
  (:func:`fold_lookalikes`, :func:`normalize_number`, :func:`normalize_roman`).

>>> clean_line("   > *Сноска. Статья 2 с изменениями.*  ")
'Сноска. Статья 2 с изменениями.'
>>> normalize_number("2-1 ")
'2-1'
>>> normalize_roman("IХ")      # Cyrillic Х
'IX'
>>> roman_to_int("XIV")
14
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Optional

from kg.model import Problem

# --- decoding -----------------------------------------------------------------

_BOM = "\ufeff"


@dataclass(frozen=True)
class Decoded:
    """The text of one file, or ``None`` when the file cannot be used."""

    text: Optional[str]
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    encoding: str = "utf-8"


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: NUL bytes or mostly control bytes.

    >>> looks_binary(b"\\x00\\x01PK")
    True
    >>> looks_binary("Статья 1.".encode())
    False
    """
    if not data:
        return False
    if b"\x00" in data[:65536]:
        return True
    sample = data[:65536]
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return ctrl / len(sample) > 0.05


def decode(data: bytes, file: str = "") -> Decoded:
    """Decode a text file: UTF-8 (BOM or not), else cp1251; refuse binary content.

    Newlines are normalised to ``\\n``; control characters other than tab and
    newline and U+FFFD replacement characters are removed (with a warning).

    >>> decode("Статья 1".encode("cp1251"), "rus.md").problems[0].message
    'file is not UTF-8; decoded as cp1251'
    >>> decode(b"\\x00\\x00", "rus.md").text is None
    True
    >>> decode("\\ufeffТекст\\r\\n".encode()).text
    'Текст\\n'
    """
    problems: list[Problem] = []
    if looks_binary(data):
        return Decoded(None, (Problem(file, 1, "binary content (not a text file); file skipped", "error"),),
                       encoding="binary")
    encoding = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1251")
            encoding = "cp1251"
            problems.append(Problem(file, line, "file is not UTF-8; decoded as cp1251"))
        except UnicodeDecodeError:  # pragma: no cover - cp1251 maps almost every byte
            return Decoded(None, (Problem(file, line, "file cannot be decoded (neither UTF-8 nor cp1251); "
                                          "file skipped", "error"),), encoding="none")
    if text.startswith(_BOM):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    junk = _JUNK_RE.search(text)
    if junk:
        line = text.count("\n", 0, junk.start()) + 1
        n = len(_JUNK_RE.findall(text))
        problems.append(Problem(file, line, f"{n} junk character(s) (control or replacement characters) removed"))
        text = _JUNK_RE.sub("", text)
    return Decoded(text, tuple(problems), encoding)


_JUNK_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\u200b\u2060]")

# --- look-alike letters -------------------------------------------------------

_LAT2CYR = str.maketrans("aceopxyABCEHKMOPTXk", "асеорхуАВСЕНКМОРТХк")
_CYR2LAT_ROMAN = str.maketrans("ІХСМӀ", "IXCMI")
_CYR_RE = re.compile("[А-Яа-яЁёІіҚқҒғҮүҰұӘәӨөҺһ]")
_LAT_RE = re.compile("[A-Za-z]")
_LATIN_WORD_RE = re.compile(r"\w*[A-Za-z]\w*")
_ROMAN_CHARS = set("IVXLCDMІХСМ")


def fold_lookalikes(text: str) -> str:
    """Replace Latin look-alike letters inside Cyrillic words by Cyrillic ones.

    Words written wholly in Latin letters (``IV``, ``N``) are kept; a word of
    Roman-numeral letters mixing both scripts becomes a Latin numeral.

    >>> fold_lookalikes("О досpочном пpекpащении")   # Latin p
    'О досрочном прекращении'
    >>> fold_lookalikes("Cноска к статье IХ")          # Latin C, Cyrillic Х
    'Сноска к статье IX'
    """
    if not _LAT_RE.search(text):
        return text

    def fix(m: re.Match) -> str:
        w = m.group(0)
        if not _CYR_RE.search(w):
            return w
        if set(w) <= _ROMAN_CHARS:
            return w.translate(_CYR2LAT_ROMAN)
        return w.translate(_LAT2CYR)

    return _LATIN_WORD_RE.sub(fix, text)


# --- numbers ------------------------------------------------------------------

_DIGIT_LOOKALIKES = str.maketrans({"О": "0", "о": "0", "O": "0", "o": "0", "З": "3", "з": "3",
                                   "l": "1", "І": "1", "і": "1"})


def normalize_number(num: str) -> str:
    """A provision number as an ASCII token: ``"83 - 1"`` -> ``"83-1"``.

    Look-alike letters next to digits become digits (``"1О"`` with a Cyrillic
    О -> ``"10"``); Roman numerals are left to :func:`normalize_roman`.

    >>> normalize_number(" 13 -1 ")
    '13-1'
    >>> normalize_number("1О")
    '10'
    """
    s = re.sub(r"\s*-\s*", "-", num.strip())
    s = re.sub(r"\s+", "", s)
    if re.search(r"\d", s):
        s = s.translate(_DIGIT_LOOKALIKES)
    return s


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def normalize_roman(s: str) -> str:
    """Roman numeral in Latin capitals (Cyrillic look-alikes replaced).

    >>> normalize_roman("ХІV")
    'XIV'
    """
    return s.strip().upper().translate(_CYR2LAT_ROMAN)


def roman_to_int(s: str) -> Optional[int]:
    """Value of a Roman numeral, or None if it is not one.

    >>> roman_to_int("IX"), roman_to_int("IIII"), roman_to_int("ABC")
    (9, 4, None)
    """
    s = normalize_roman(s)
    if not s or any(c not in _ROMAN_VALUES for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN_VALUES[c]
        if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total if total > 0 else None


def normalize_act_number(num: str) -> str:
    """An act's number as written in a requisite, normalised: ``"157-VІI"`` -> ``"157-VII"``.

    >>> normalize_act_number("254-III ")
    '254-III'
    >>> normalize_act_number("157-VІI")      # Cyrillic І
    '157-VII'
    >>> normalize_act_number("74- НП")
    '74-НП'
    """
    s = re.sub(r"\s*-\s*", "-", num.strip().rstrip(".,;"))
    parts = s.split("-")
    out = []
    for p in parts:
        # a Roman convocation suffix ("III", "VІI" with a Cyrillic І)
        if p and set(p) <= _ROMAN_CHARS and (_LAT_RE.search(p) or set(p) <= set("ІХ")):
            p = p.translate(_CYR2LAT_ROMAN)
        out.append(p)
    return "-".join(out)


# --- markup and markers -------------------------------------------------------

_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_PMARKER_RE = re.compile(r"\s*(?<![\w])[PР]\d{6,8}(?![\w])")
_REFMARK_RE = re.compile(r"\s*<\*>")
_QUOTE_PREFIX_RE = re.compile(r"^\s*(?:>\s?)+")
_HEADING_PREFIX_RE = re.compile(r"^\s*#{1,6}\s+")
_INLINE_ANCHOR_RE = re.compile(r'<a\s+(?:id|name)="[^"]*"\s*>\s*</a>\s*')


def unescape_markdown(s: str) -> str:
    r"""Remove Markdown backslash escapes: ``1\)`` -> ``1)``.

    >>> unescape_markdown(r"6\. Настоящий Указ")
    '6. Настоящий Указ'
    """
    return _ESCAPE_RE.sub(r"\1", s)


def strip_markers(s: str) -> str:
    """Remove database markers (``P090603``) and footnote reference marks (``<*>``).

    >>> strip_markers("обеспечивает ее исполнение; P090603")
    'обеспечивает ее исполнение;'
    >>> strip_markers("определяются законом. <*>")
    'определяются законом.'
    """
    s = _REFMARK_RE.sub("", s)
    return _PMARKER_RE.sub("", s).rstrip()


def strip_emphasis(s: str) -> str:
    """Remove emphasis markers wrapping a whole line: ``**Статья 1**`` -> ``Статья 1``.

    >>> strip_emphasis("*Президент*")
    'Президент'
    >>> strip_emphasis("**Примечание. См. ...**")
    'Примечание. См. ...'
    >>> strip_emphasis("2 * 2")
    '2 * 2'
    """
    t = s.strip()
    m = _EMPHASIS_RE.match(t)
    return m.group(2).strip() if m else t


_EMPHASIS_RE = re.compile(r"^(\*{1,3})(?=\S)(.*?)(?<=\S)(\*{1,3})$")


def markup_prefix(line: str) -> str:
    """The Markdown block prefix of a line: ``'##'``, ``'>'``, ``''``.

    >>> markup_prefix("### Статья 1"), markup_prefix("   > *Сноска*"), markup_prefix("Текст")
    ('###', '>', '')
    """
    m = re.match(r"^\s*(#{1,6})\s", line)
    if m:
        return m.group(1)
    if re.match(r"^\s*>", line):
        return ">"
    return ""


@lru_cache(maxsize=1 << 16)
def clean_line(line: str) -> str:
    """A line of Markdown as plain text: no indentation, heading or quote
    markers, whole-line emphasis, escapes, inline ``<a id>`` anchors, markers
    or trailing line breaks.

    >>> clean_line("### Статья 2-1. Основы")
    'Статья 2-1. Основы'
    >>> clean_line(r"   1\\) его выезде")
    '1) его выезде'
    >>> clean_line("> *Мы, народ Казахстана,*  ")
    'Мы, народ Казахстана,'
    >>> clean_line('<a id="st85"></a>### Статья 85')
    'Статья 85'
    """
    s = _INLINE_ANCHOR_RE.sub("", line)
    s = _HEADING_PREFIX_RE.sub("", s)
    s = _QUOTE_PREFIX_RE.sub("", s)
    s = strip_emphasis(s)
    s = unescape_markdown(s)
    s = strip_markers(s)
    return s.strip()


def normalize_space(s: str) -> str:
    """Collapse runs of whitespace (NBSP included) to one space.

    >>> normalize_space(" a\\u00a0 b\\n c ")
    'a b c'
    """
    return " ".join(unicodedata.normalize("NFC", s).split())


@lru_cache(maxsize=1 << 16)
def match_key(line: str) -> str:
    """The form of a line the parser matches keywords against: cleaned,
    look-alikes folded, bold markers inside the line dropped, spaces collapsed.

    >>> match_key("### Cтатья 2-1 . Основы")     # Latin C
    'Статья 2-1 . Основы'
    >>> match_key("**Статья 5.** Текст статьи")
    'Статья 5. Текст статьи'
    """
    return normalize_space(fold_lookalikes(clean_line(line)).replace("**", ""))
