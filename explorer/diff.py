"""Side-by-side comparison of one provision in two editions (``difflib``).

Paragraphs are aligned first; inside a changed pair, words are compared, so
a one-word amendment of a long point shows as that word struck out on the
left and inserted on the right.

>>> rows = compare("1. Акимы назначаются Президентом.\\n\\n2. Срок — четыре года.",
...                "1. Акимы назначаются Президентом.\\n\\n2. Срок — пять лет.")
>>> [r.tag for r in rows]
['equal', 'replace']
>>> rows[1].left
'2. Срок — <del>четыре года</del>.'
>>> rows[1].right
'2. Срок — <ins>пять лет</ins>.'
>>> summary(rows)
{'equal': 1, 'replace': 1, 'delete': 0, 'insert': 0}
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+(?:[-‐]\w+)*|\s+|[^\w\s]", re.UNICODE)

STYLE = """<style>
table.akdiff{border-collapse:collapse;width:100%;table-layout:fixed;font-size:0.92rem}
table.akdiff th{background:#f0f2f6;text-align:left;padding:4px 8px}
table.akdiff td{vertical-align:top;padding:4px 8px;border-top:1px solid #e6e6e6;white-space:pre-wrap;word-wrap:break-word}
table.akdiff tr.replace td{background:#fffbe6} table.akdiff tr.delete td.l{background:#ffecec}
table.akdiff tr.insert td.r{background:#eaffea}
table.akdiff del{background:#ffc9c9;text-decoration:line-through} table.akdiff ins{background:#b7f5b7;text-decoration:none}
</style>"""


@dataclass(frozen=True)
class Row:
    """One aligned pair of paragraphs; ``left``/``right`` are HTML-escaped, changes marked."""

    tag: str       # equal | replace | delete | insert
    left: str
    right: str


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (lines) of a text, whitespace-trimmed.

    >>> paragraphs("a\\n\\n  b \\n")
    ['a', 'b']
    """
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def _words(a: str, b: str) -> tuple[str, str]:
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    # Fold a run of bare whitespace kept between two changes into the change,
    # so «четыре года» → «пять лет» reads as one replacement.
    merged: list[list] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        merged.append([tag, i1, i2, j1, j2])
        while len(merged) >= 3 and merged[-1][0] != "equal" and merged[-3][0] != "equal" \
                and merged[-2][0] == "equal" and not "".join(ta[merged[-2][1]:merged[-2][2]]).strip():
            last = merged.pop()
            merged.pop()
            merged[-1] = ["replace", merged[-1][1], last[2], merged[-1][3], last[4]]
    left, right = [], []
    for op, i1, i2, j1, j2 in merged:
        x, y = html.escape("".join(ta[i1:i2])), html.escape("".join(tb[j1:j2]))
        if op == "equal":
            left.append(x)
            right.append(y)
            continue
        if x:
            left.append(f"<del>{x}</del>")
        if y:
            right.append(f"<ins>{y}</ins>")
    return "".join(left), "".join(right)


def compare(old: str, new: str) -> list[Row]:
    """Aligned rows comparing two texts paragraph by paragraph, then word by word."""
    a, b = paragraphs(old), paragraphs(new)
    rows: list[Row] = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            rows.extend(Row("equal", html.escape(p), html.escape(p)) for p in a[i1:i2])
            continue
        left, right = a[i1:i2], b[j1:j2]
        for k in range(max(len(left), len(right))):
            x = left[k] if k < len(left) else None
            y = right[k] if k < len(right) else None
            if x is not None and y is not None:
                rows.append(Row("replace", *_words(x, y)))
            elif x is not None:
                rows.append(Row("delete", f"<del>{html.escape(x)}</del>", ""))
            else:
                rows.append(Row("insert", "", f"<ins>{html.escape(y)}</ins>"))
    return rows


def summary(rows: list[Row]) -> dict:
    """How many rows of each kind."""
    out = {"equal": 0, "replace": 0, "delete": 0, "insert": 0}
    for r in rows:
        out[r.tag] += 1
    return out


def to_html(rows: list[Row], left_title: str, right_title: str) -> str:
    """A two-column HTML table of the rows (with its own small stylesheet).

    >>> "<th>ред. 1995</th>" in to_html(compare("a", "b"), "ред. 1995", "ред. 2007")
    True
    """
    body = "".join(f'<tr class="{r.tag}"><td class="l">{r.left}</td><td class="r">{r.right}</td></tr>'
                   for r in rows)
    return (f'{STYLE}<table class="akdiff"><thead><tr><th>{html.escape(left_title)}</th>'
            f"<th>{html.escape(right_title)}</th></tr></thead><tbody>{body}</tbody></table>")
