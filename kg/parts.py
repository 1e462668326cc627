"""The files of an edition as one stream of lines, in reading order.

A long act is split by the mirror: ``rus.md`` holds the title, the preamble
and a *table of parts* (``## Части документа`` and a Markdown table whose rows
link ``rus/<part>.md``), the parts hold the rest.  Reading order is the order
of that table (not the alphabetical order of the files: ``ch003-part008``
comes before ``ch003-1``); the parts are read where the table stands.  Parts
listed but absent are *missing parts*; parts present but not listed are read
after the listed ones, in name order.

Each file may start with YAML front matter (``---`` ... ``---``), which is
metadata, not text; and a part may start with a navigation line
(``↑ [Вся редакция](../rus.md)``).  Both are marked, not read as text.

>>> texts = {"rus.md": "# Закон\\n\\n## Части документа\\n\\n| Часть | Название |\\n|---|---|\\n"
...          "| [`ch002`](rus/ch002.md) | Глава 2 |\\n| [`ch001`](rus/ch001.md) | Глава 1 |\\n"
...          "| [`ch003`](rus/ch003.md) | Глава 3 |\\n",
...          "rus/ch001.md": "## Глава 1\\n", "rus/ch002.md": "## Глава 2\\n"}
>>> a = assemble(texts)
>>> [(l.file, l.text) for l in a.lines if l.role == "text" and l.text]
[('rus.md', '# Закон'), ('rus/ch002.md', '## Глава 2'), ('rus/ch001.md', '## Глава 1')]
>>> a.missing_parts
('rus/ch003.md',)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Optional

import yaml

from kg.model import Problem

MAIN = "rus.md"
PARTS_HEADING_RE = re.compile(r"^#{1,6}\s*Части документа\s*$")
_ROW_RE = re.compile(r"^\|\s*\[`?([^`\]]+)`?\]\(([^)]+)\)\s*\|\s*(.*?)\s*\|?\s*$")
_NAV_RE = re.compile(r"^\s*↑\s*\[[^\]]*\]\([^)]*\)\s*$")
_YAML_LINE_RE = re.compile(r"^(?:[\w.-]+\s*:.*|\s+\S.*|-\s.*|#.*)$")


@dataclass(frozen=True)
class SourceLine:
    """One line of one file. ``role``: ``text``, ``front_matter``, ``nav`` or ``parts_table``."""

    file: str
    no: int          # 1-based line number in its file
    text: str
    role: str = "text"


@dataclass(frozen=True)
class PartEntry:
    name: str        # "ch003-part008"
    path: str        # "rus/ch003-part008.md"
    title: str       # the title column of the table


@dataclass
class Assembly:
    lines: list[SourceLine] = field(default_factory=list)
    parts: list[PartEntry] = field(default_factory=list)
    missing_parts: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)


def front_matter_end(lines: list[str], file: str = "") -> tuple[int, list[Problem]]:
    """How many leading lines are YAML front matter (0 if none), with problems.

    A broken front matter (not valid YAML, or never closed) is still skipped:
    up to its closing ``---``, or, when unclosed, up to the last line that
    looks like YAML.

    >>> front_matter_end(["---", "source: x", "---", "# Title"])
    (3, [])
    >>> n, probs = front_matter_end(["---", "source: [x", "---", "# T"], "rus.md")
    >>> n, probs[0].line
    (3, 2)
    >>> n, probs = front_matter_end(["---", "a: 1", "", "# T"], "rus.md")
    >>> n, probs[0].message
    (2, 'front matter is not closed by ---')
    """
    if not lines or lines[0].strip() != "---":
        return 0, []
    for i in range(1, min(len(lines), 400)):
        if lines[i].strip() == "---":
            problems: list[Problem] = []
            try:
                data = yaml.safe_load("\n".join(lines[1:i]))
                if data is not None and not isinstance(data, dict):
                    problems.append(Problem(file, 2, "front matter is not a YAML mapping"))
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = (mark.line + 2) if mark is not None else 2
                msg = str(getattr(exc, "problem", "") or exc).splitlines()[0]
                problems.append(Problem(file, line, f"broken front matter: {msg}"))
            return i + 1, problems
    end = 1
    while end < len(lines) and lines[end].strip() and _YAML_LINE_RE.match(lines[end]):
        end += 1
    return end, [Problem(file, 1, "front matter is not closed by ---")]


def parse_parts_table(lines: list[str]) -> Optional[tuple[int, int, list[PartEntry]]]:
    """Find the table of parts: (first line index, index after its last line, entries).

    >>> parse_parts_table(["# T", "## Части документа", "", "Текст.", "",
    ...                    "| Часть | Название |", "|---|---|", "| [`sec001`](rus/sec001.md) | Раздел I |"])
    (1, 8, [PartEntry(name='sec001', path='rus/sec001.md', title='Раздел I')])
    """
    start = next((i for i, l in enumerate(lines) if PARTS_HEADING_RE.match(l.strip())), None)
    if start is None:
        return None
    entries: list[PartEntry] = []
    end = start + 1
    seen_table = False
    i = start + 1
    while i < len(lines):
        s = lines[i].strip()
        if s.startswith("|"):
            seen_table = True
            m = _ROW_RE.match(s)
            if m:
                path = m.group(2).lstrip("./")
                entries.append(PartEntry(m.group(1).strip(), path, m.group(3).strip()))
            end = i + 1
        elif seen_table and s:
            break
        elif s.startswith("#") or (not seen_table and i - start > 12):
            break
        i += 1
    if not seen_table:
        return None
    return start, end, entries


def assemble(texts: Mapping[str, str]) -> Assembly:
    """Order an edition's decoded files and mark the lines that are not text.

    ``texts`` maps relative paths (``rus.md``, ``rus/<part>.md``) to decoded
    text; other files (``meta.yaml``) must be left out by the caller.
    """
    out = Assembly()
    split: dict[str, list[str]] = {rel: t.split("\n") for rel, t in texts.items()}
    for rel, ls in split.items():  # a final newline makes no line
        if ls and ls[-1] == "":
            ls.pop()

    def file_lines(rel: str) -> list[SourceLine]:
        ls = split[rel]
        n, probs = front_matter_end(ls, rel)
        out.problems.extend(probs)
        res = []
        for i, t in enumerate(ls):
            role = "front_matter" if i < n else ("nav" if _NAV_RE.match(t) else "text")
            res.append(SourceLine(rel, i + 1, t, role))
        return res

    main = MAIN if MAIN in split else None
    if main is None:
        # no rus.md: read whatever .md files there are, in name order
        if split:
            out.problems.append(Problem(MAIN, 0, "rus.md is missing; parts read in name order"))
        for rel in sorted(split):
            out.lines.extend(file_lines(rel))
        return out

    main_lines = file_lines(main)
    table = parse_parts_table([l.text if l.role == "text" else "" for l in main_lines])
    listed: list[str] = []
    if table is not None:
        start, end, entries = table
        out.parts = entries
        for e in entries:
            rel = e.path if e.path.startswith("rus/") else f"rus/{e.path.split('/')[-1]}"
            if rel not in listed:
                listed.append(rel)
        for i in range(start, end):
            ln = main_lines[i]
            main_lines[i] = SourceLine(ln.file, ln.no, ln.text, "parts_table")
        before, after = main_lines[:end], main_lines[end:]
    else:
        before, after = main_lines, []
    missing = [rel for rel in listed if rel not in split]
    unlisted = sorted(rel for rel in split if rel != main and rel not in listed)
    out.lines.extend(before)
    for rel in listed:
        if rel in split:
            out.lines.extend(file_lines(rel))
    for rel in unlisted:
        out.problems.append(Problem(rel, 1, "part not listed in the table of parts of rus.md; read after the listed parts"))
        out.lines.extend(file_lines(rel))
    out.lines.extend(after)
    if missing and table is not None:
        for rel in missing:
            row = next((j for j in range(table[0], table[1]) if f"({rel})" in main_lines[j].text), table[0])
            out.problems.append(Problem(main, row + 1, f"part {rel} is listed in the table of parts but missing"))
    out.missing_parts = tuple(missing)
    return out
