"""«Хронология»: the reform events of 1991–2026 on an interactive time axis.

Filter by level and event type and by years; click an event (or pick it from
the list) for its details: description, figures with their sources, the
sources, the acts concerned and their provisions in the document reader.
"""
from __future__ import annotations

import streamlit as st

from explorer import charts, data, nav
from explorer.i18n import SHORT_LEVEL, label, quantity, ru_date
from kg.uri import parse_iri

LEVELS = ("region", "district", "district_in_city", "rural")
EVENT_TYPES = ("act", "amendment", "decree", "referendum", "election", "address", "other")


def _date_text(e: dict) -> str:
    p = e.get("date_precision") or "day"
    d = e["date"]
    return d[:4] + " г." if p == "year" else (f"{d[5:7]}.{d[:4]}" if p == "month" else ru_date(d))


def render(build: data.Build) -> None:
    from kg.timeline import events

    st.title("Хронология реформ, 1991–2026")
    c1, c2, c3 = st.columns([2, 2, 2])
    levels = c1.multiselect("Уровень", LEVELS, key="tl_levels", format_func=SHORT_LEVEL.get,
                            placeholder="все уровни")
    types = c2.multiselect("Вид события", EVENT_TYPES, key="tl_types", format_func=lambda t: label("event_type", t),
                           placeholder="все виды")
    years = c3.slider("Годы", 1991, 2026, (1991, 2026), key="tl_years")
    evs = events(years[0], years[1], levels=levels, types=types, links=data.event_links(str(build.path)))
    if not evs:
        st.info("Нет событий для выбранных условий.")
        return
    by_id = {e["id"]: e for e in evs}
    state = st.plotly_chart(charts.timeline_figure(evs), key="tl_chart", on_select="rerun",
                            selection_mode="points", config=charts.PNG_CONFIG)
    nav.follow_click(state, by_id, "tl_event")
    if st.session_state.get("tl_event") not in by_id:
        st.session_state["tl_event"] = evs[0]["id"]
    st.caption(f"Событий: {len(evs)}. Нажмите на точку графика или выберите событие из списка.")
    eid = st.selectbox("Событие", list(by_id), key="tl_event",
                       format_func=lambda i: f"{_date_text(by_id[i])} — {by_id[i]['title']}")
    _details(build, by_id[eid])


def _details(build: data.Build, e: dict) -> None:
    with st.container(border=True):
        st.subheader(e["title"])
        facts = [_date_text(e), label("event_type", e["type"])]
        if e.get("levels"):
            facts.append("уровни: " + ", ".join(SHORT_LEVEL.get(lv, lv) for lv in e["levels"]))
        st.caption(" · ".join(facts))
        if e.get("description"):
            st.markdown(e["description"])
        figures = e.get("figures") or []
        if figures:
            st.markdown("**Цифры**")
            cols = st.columns(min(len(figures), 4))
            for i, f in enumerate(figures):
                cols[i % len(cols)].metric(str(f.get("quantity") or "—"), quantity(f.get("value"), f.get("unit")))
                if f.get("sources"):
                    cols[i % len(cols)].caption("Источник: " + "; ".join(f["sources"]))
        acts = [a for a in e.get("acts") or [] if a in build.acts]
        if acts:
            st.markdown("**Акты**")
            for i, a in enumerate(acts):
                act = build.acts[a]
                st.button(act.short_title or act.title, key=f"tl_act_{i}", on_click=nav.open_provision,
                          args=(a, None, None))
        provs = e.get("provisions") or []
        if provs:
            st.markdown("**Положения**")
            for i, iri in enumerate(provs):
                _provision_button(build, iri, f"tl_prov_{i}")
        if e.get("sources"):
            st.markdown("**Источники**")
            st.markdown("\n".join(f"- {s}" for s in e["sources"]))


def _provision_button(build: data.Build, ref, key: str) -> None:
    """A button for a provision given as an IRI or as ``{act, edition, eid, path}``."""
    if isinstance(ref, dict):
        act, ed, eid, text = ref.get("act"), ref.get("edition"), ref.get("eid"), ref.get("path")
    else:
        parts = parse_iri(str(ref)) or {}
        act = next((a.id for a in build.acts.values() if a.code == parts.get("code")), None)
        ed, eid, text = parts.get("date"), parts.get("eid"), None
    if act not in build.acts:
        st.markdown(f"- {ref}")
        return
    from kg.model import provision_path

    label_text = f"{build.acts[act].short_title or act}: {text or provision_path(eid or '')}"
    st.button(label_text, key=key, on_click=nav.open_provision, args=(act, ed, eid))
