"""«Граф» page in AppTest on the real build: network on a date, node details, the node cap."""
from __future__ import annotations

import datetime as dt

import pytest

from app_support import app, app_home, clean, texts  # noqa: F401  (fixtures)
from explorer.graph_page import MAX_NODES

pytestmark = pytest.mark.corpus


def _relations(at) -> list[dict]:
    return at.dataframe[0].value.to_dict("records")


@pytest.mark.parametrize("day, node, relation, who, basis", [
    (dt.date(2015, 1, 1), "akim-rural", "← избирает", "маслихат", "decree-2013-555"),   # indirect elections
    (dt.date(2025, 1, 1), "akim-region", "← назначает", "Президент", "constitution-1995"),
])
def test_graph_shows_who_selects_an_akim(app, day, node, relation, who, basis):
    at = app("graph", g_date=day)
    at.selectbox(key="g_node").set_value(node).run()
    clean(at)
    rels = [r for r in _relations(at) if r["связь"] == relation and who in r["с кем"]]
    assert rels, _relations(at)
    assert any(basis in r["основание"] for r in rels)


def test_level_filter_and_node_cap(app):
    at = clean(app("graph", g_levels=["rural"]))
    ids = at.selectbox(key="g_node").options
    assert ids and len(ids) <= MAX_NODES
    at.checkbox(key="g_powers").check().run()
    clean(at)
    caption = next(c for c in texts(at.caption) if c.startswith("Узлов:"))
    shown = int(caption.split(",")[0].split(":")[1])
    assert shown <= MAX_NODES
    assert shown >= len(ids)
