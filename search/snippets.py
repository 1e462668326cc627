"""Snippets: the best-matching window of a provision, with the matched word forms in bold.

A hit's snippet shows the words that made it match, in the forms the text
uses («акимом», «избираются»), so a researcher sees why it matched. A long
provision (a list of competences runs to thousands of characters) is shown
through the window of :data:`SNIPPET_CHARS` characters that holds the most
*different* matched words (then the most matches, then the earliest), not
the first window with any match: the point where the query's words meet is
the one worth reading.

>>> snippet("Акимы районов назначаются акимом области.", {"lemma": {"аким"}})
'<b>Акимы</b> районов назначаются <b>акимом</b> области.'
>>> long = "Аким созывает сход. " + "Прочие положения. " * 12 + "Маслихат избирает акима тайным голосованием. " + "Прочее. " * 30
>>> snippet(long, {"lemma": {"аким", "маслихат", "избирать"}}, maxchars=80)
'… Прочие положения. <b>Маслихат</b> <b>избирает</b> <b>акима</b> тайным голосованием. Прочее. …'
"""
from __future__ import annotations

import html
import re
from typing import Mapping

from whoosh.analysis import Token
from whoosh.highlight import Formatter, Fragment

from search.analysis import exact_tokens, index_terms
from search.schema import EXACT

SNIPPET_CHARS = 220
_SPACES = re.compile(r"\s+")

# Which analyzer kind made each text field (headings fields are not in the text).
FIELD_KINDS = {"lemma": "lemma", "stem": "snowball", "plain": "plain", EXACT: "exact"}


class _Bold(Formatter):
    """``<b>…</b>`` around matched words, the rest HTML-escaped."""

    between = " … "

    def _text(self, text):
        return html.escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return "<b>" + html.escape(text[token.startchar:token.endchar], quote=False) + "</b>"


def matched_tokens(text: str, wanted) -> list:
    """The tokens of ``text`` that match: ``Token`` objects with ``key``, the first term
    that matched (so that «акимы» and «акимом» count as one word)."""
    out, keys = [], {}
    for form, start, end in exact_tokens(text):
        key = keys.get(form, False)
        if key is False:
            key = keys[form] = next((term for kind, terms in wanted for term in index_terms(form, kind)
                                     if term in terms), None)
        if key is not None:
            tok = Token(text=form, startchar=start, endchar=end)
            tok.matched, tok.key = True, key
            out.append(tok)
    return out


def best_window(tokens: list, maxchars: int) -> tuple[int, int]:
    """Indices ``(i, j)`` of the run ``tokens[i:j]`` spanning at most ``maxchars`` characters
    with the most different keys, then the most tokens, then the earliest.

    >>> toks = [Token(startchar=s, endchar=s + 3) for s in (0, 10, 100, 104, 108)]
    >>> for t, k in zip(toks, "aabca"): t.key = k
    >>> best_window(toks, 20)
    (2, 5)
    """
    best, best_score, j = (0, 1), (0, 0), 0
    for i, first in enumerate(tokens):
        j = max(j, i + 1)
        while j < len(tokens) and tokens[j].endchar - first.startchar <= maxchars:
            j += 1
        score = (len({t.key for t in tokens[i:j]}), j - i)
        if score > best_score:
            best, best_score = (i, j), score
    return best


def _around(text: str, first: int, last: int, maxchars: int) -> tuple[int, int]:
    """A ``[start, end)`` span of about ``maxchars`` characters around ``[first, last)``,
    widened evenly on both sides (more on one side at an end of the text) and cut
    at spaces without cutting ``[first, last)``.

    >>> t = "один два три четыре пять шесть семь"
    >>> s, e = _around(t, t.index("четыре"), t.index("четыре") + 6, 16); t[s:e]
    'три четыре пять'
    """
    spare = max(0, maxchars - (last - first))
    start = max(0, first - spare // 2)
    end = min(len(text), max(last, start + maxchars))
    start = max(0, min(start, end - maxchars))
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else first
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", last, end)
        end = space if space >= 0 else last
    return start, end


def snippet(text: str, field_terms: Mapping[str, set], maxchars: int = SNIPPET_CHARS) -> str:
    """An HTML snippet of ``text`` with the words matching the query terms in ``<b>``.

    ``field_terms`` maps a field name to the index terms the query matched in
    it; each original word form lights up when any term it was indexed under
    (any of its lemmas, its stem...) is among them. A text longer than
    ``maxchars`` is cut to its best window (see the module docstring), widened
    evenly on both sides to ``maxchars`` and cut at word boundaries.
    """
    wanted = [(FIELD_KINDS[f], terms) for f, terms in field_terms.items() if f in FIELD_KINDS and terms]
    text = _SPACES.sub(" ", text).strip()
    tokens = matched_tokens(text, wanted) if wanted else []
    if tokens and len(text) <= maxchars:
        return _Bold().format([Fragment(text, tokens, 0, len(text))]).strip()
    if tokens:
        i, j = best_window(tokens, maxchars)
        start, end = _around(text, tokens[i].startchar, tokens[j - 1].endchar, maxchars)
        inside = [t for t in tokens if start <= t.startchar and t.endchar <= end]
        body = _Bold().format([Fragment(text, inside, start, end)]).strip()
        return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")
    short = text[:maxchars]
    cut = short.rfind(" ") if len(text) > maxchars else -1
    return html.escape(short[:cut] if cut > 0 else short, quote=False) + (" …" if len(text) > maxchars else "")
