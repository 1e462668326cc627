"""The whoosh schema of the provision index.

Text is indexed twice or more: ``lemma`` (the default search field) and
``exact`` (lower-cased forms with stop words, for exact and phrase search)
always; ``stem`` (Snowball) and ``plain`` (no morphology) only in indexes
built for evaluation and benchmarks. Each morphology field has a ``*_ctx``
twin holding the headings of the enclosing chapter and article, searched
with a lower boost, and a ``*_head`` twin holding an article's own heading
(empty for other units) for the heading-coverage bonus.

>>> s = build_schema()
>>> sorted(n for n in s.names() if n in ("lemma", "lemma_ctx", "exact", "stem"))
['exact', 'lemma', 'lemma_ctx']
>>> "stem" in build_schema(variants=("lemma", "snowball")).names()
True
"""
from __future__ import annotations

from typing import Sequence

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from search.analysis import exact_analyzer, lemma_analyzer, plain_analyzer, snowball_analyzer

# Search mode → (body field, context field, analyzer factory). "exact" has no context field.
VARIANTS = {
    "lemma": ("lemma", "lemma_ctx", lemma_analyzer),
    "snowball": ("stem", "stem_ctx", snowball_analyzer),
    "plain": ("plain", "plain_ctx", plain_analyzer),
}
# Search mode → field of an article's own heading (the heading-coverage bonus, search.query)
HEADINGS = {"lemma": "lemma_head", "snowball": "stem_head", "plain": "plain_head"}
EXACT = "exact"
MODES = tuple(VARIANTS) + (EXACT,)
DEFAULT_VARIANTS = ("lemma",)
ALL_VARIANTS = tuple(VARIANTS)


def build_schema(variants: Sequence[str] = DEFAULT_VARIANTS) -> Schema:
    """Schema with the metadata fields, ``exact`` and one body/context pair per variant."""
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        raise ValueError(f"unknown analyzer variant(s) {unknown}; expected some of {sorted(VARIANTS)}")
    fields = dict(
        id=ID(stored=True, unique=True),
        work=ID(stored=True),
        act=ID(stored=True, sortable=True),
        act_title=STORED(),
        type=ID(stored=True, sortable=True),
        edition=ID(stored=True),
        year=ID(stored=True, sortable=True),
        act_year=ID(stored=True, sortable=True),
        eid=ID(stored=True),
        kind=ID(stored=True),
        article=STORED(),
        point=STORED(),
        subpoint=STORED(),
        path=STORED(),
        valid_from=ID(stored=True, sortable=True),
        valid_to=ID(stored=True, sortable=True),
        levels=KEYWORD(stored=True, scorable=False),
        institutions=KEYWORD(stored=True, scorable=False),
        order=NUMERIC(stored=True),
        group=ID(sortable=True),   # article (or enclosing headings) in its edition: search.index.group_key
        text=STORED(),
    )
    fields[EXACT] = TEXT(analyzer=exact_analyzer(), phrase=True)
    for v in variants:
        body, ctx, factory = VARIANTS[v]
        fields[body] = TEXT(analyzer=factory(), phrase=True)
        fields[ctx] = TEXT(analyzer=factory(), phrase=False)
        fields[HEADINGS[v]] = TEXT(analyzer=factory(), phrase=True)
    return Schema(**fields)
