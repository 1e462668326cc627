"""«Хронология» page in AppTest on the real build: filters and event details."""
from __future__ import annotations

import pytest

from app_support import app, app_home, clean, texts  # noqa: F401  (fixtures)

pytestmark = pytest.mark.corpus


def test_timeline_lists_events_and_shows_details(app):
    from kg.timeline import events

    at = clean(app("timeline"))
    evs = events(1991, 2026)
    assert at.selectbox(key="tl_event").options and len(at.selectbox(key="tl_event").options) == len(evs)
    last = evs[-1]
    at.selectbox(key="tl_event").set_value(last["id"]).run()
    clean(at)
    assert last["title"] in texts(at.subheader)
    if last.get("sources"):
        assert any(s[:40] in m for m in texts(at.markdown) for s in last["sources"])


def test_timeline_filters_by_type_and_years(app):
    from kg.timeline import events

    at = app("timeline")
    at.multiselect(key="tl_types").set_value(["election"]).run()
    at.slider(key="tl_years").set_value((2015, 2026)).run()
    clean(at)
    want = events(2015, 2026, types=["election"])
    got = at.selectbox(key="tl_event").options if want else []
    assert len(got) == len(want)
    assert all(e["type"] == "election" and e["date"] >= "2015" for e in want)
    if not want:
        assert any("Нет событий" in i for i in texts(at.info))


def test_event_acts_open_in_the_reader(app, app_home):
    import json

    from kg.artifacts import REPORT, current_build
    from kg.timeline import events

    in_corpus = set(json.loads((current_build(app_home) / REPORT).read_text(encoding="utf-8"))["acts"])
    with_acts = [e for e in events(1991, 2026) if set(e.get("acts") or ()) & in_corpus]
    assert with_acts, "some reform events name acts of the corpus"
    at = app("timeline", tl_event=with_acts[0]["id"])
    clean(at)
    buttons = [b for b in at.button if b.key and b.key.startswith("tl_act_")]
    assert buttons
    buttons[0].click().run()
    clean(at)
    assert at.session_state["page"] == "document"
    assert at.session_state["doc_act"] in with_acts[0]["acts"]
