"""«Акимы: назначение и выборы»: how akims of each level take office, 1991–2026.

A level × time chart (colour = mode, diamonds = variants such as pilots), a
date slider with the as-of table and its legal basis, election statistics,
and downloads: the chart's table and the as-of table as CSV, the chart as PNG
(toolbar of the chart), and the years coded on the V-Dem scale (CSV).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from explorer import charts, data, nav, vdem
from explorer.i18n import SHORT_LEVEL, label, ru_date

FIRST, LAST = dt.date(1991, 1, 1), dt.date(2026, 12, 31)
PARTY_DATASET = "rural-2021-by-party"     # curated data set of the 2021 results by oblast and party
NATIONAL = "Казахстан"                     # the area of national totals in the curated data


def as_of_table(answer: dict) -> pd.DataFrame:
    """The ``modes --json`` answer for a date as a Russian table.

    >>> t = as_of_table({"date": "2022-01-01", "levels": [{"level": "rural", "selection": "direct_election",
    ...     "selector": "residents", "consent": None, "nomination": None, "min_candidates": None,
    ...     "since": "2021-07-25", "basis": [], "variants": [], "sources": ["S"]}]})
    >>> t.iloc[0]["Способ"], t.iloc[0]["Основание"]
    ('прямые выборы', 'S')
    """
    from kg.modes import period_ru

    rows = []
    for lv in answer["levels"]:
        basis = [f"{b['act']} (ред. {ru_date(b['edition'])}) {b['path']}" for b in lv.get("basis", [])]
        rows.append({
            "Уровень": SHORT_LEVEL.get(lv["level"], lv["level"]),
            "Способ": label("selection", lv["selection"]),
            "Кто назначает / избирает": label("selector", lv.get("selector")),
            "Согласие": label("consent", lv["consent"]) if lv.get("consent") else "—",
            "Внесение кандидатуры": label("nomination", lv["nomination"]) if lv.get("nomination") else "—",
            "Мин. кандидатов": str(lv.get("min_candidates") or "—"),
            "Период": period_ru(lv),
            "Основание": "; ".join(basis) or "; ".join(lv.get("sources", [])) or "неизвестно",
            "Варианты": "; ".join(f"{label('selection', v['selection'])} ({v.get('scope') or '—'}, "
                                  f"{period_ru(v)})" for v in lv.get("variants", [])) or "—",
        })
    return pd.DataFrame(rows)


def matrix_table(rows: list[dict]) -> pd.DataFrame:
    """``modes_matrix`` rows as a table (codes kept, for reuse in other tools)."""
    return pd.DataFrame([{
        "level": r["level"], "start": r["start"], "end": r["end"], "selection": r["selection"],
        "selector": r["selector"], "consent": r.get("consent"), "nomination": r.get("nomination"),
        "min_candidates": r.get("min_candidates"), "origin": r.get("origin"),
        "basis": "; ".join(r.get("basis") or []), "sources": "; ".join(r.get("sources") or []),
        "variants": "; ".join(f"{v['selection']} ({v.get('scope') or ''}) since {v.get('since')}"
                              for v in r.get("variants") or []),
    } for r in rows])


def render(build: data.Build) -> None:
    from kg.modes import modes_matrix, modes_on

    st.title("Акимы: назначение и выборы")
    rules = data.rules(str(build.path))
    today = min(dt.date.today(), LAST)
    day = st.slider("Дата", min_value=FIRST, max_value=LAST, value=today, format="DD.MM.YYYY", key="modes_date")
    rows = modes_matrix(rules, 1991, 2026)
    st.plotly_chart(charts.modes_figure(rows, day.isoformat()), key="modes_chart", config=charts.PNG_CONFIG)
    st.caption("Цвет — способ занятия должности; ромбы — варианты (пилотные выборы, частичный переход). "
               "PNG: кнопка с фотоаппаратом на панели графика.")
    answer = modes_on(day.isoformat(), rules)
    st.subheader(f"На {day.strftime('%d.%m.%Y')}")
    table = as_of_table(answer)
    st.dataframe(table, hide_index=True, width="stretch")
    _basis_buttons(build, answer)
    c1, c2, c3 = st.columns(3)
    c1.download_button("Таблица графика (CSV)", matrix_table(rows).to_csv(index=False).encode("utf-8"),
                       file_name="akimkg-modes-1991-2026.csv", mime="text/csv", key="dl_matrix")
    c2.download_button(f"Таблица на {day.strftime('%d.%m.%Y')} (CSV)", table.to_csv(index=False).encode("utf-8"),
                       file_name=f"akimkg-modes-{day.isoformat()}.csv", mime="text/csv", key="dl_asof")
    vrows = vdem.rows(lambda d: modes_on(d, rules), vdem.year_dates())
    c3.download_button("Кодировка V-Dem (CSV)", vdem.to_csv(vrows).encode("utf-8"),
                       file_name="akimkg-vdem-local-regional-elected.csv", mime="text/csv", key="dl_vdem")
    with st.expander("Как кодируется шкала V-Dem"):
        st.markdown(
            "Переменные V-Dem **v2elsrgel** (область, город республиканского значения, столица) и **v2ellocelc** "
            "(нижестоящие уровни): 0 — должности не выборные; 1 — избирается исполнительный орган, "
            "представительный нет; 2 — избирается представительный орган (маслихат), исполнительный "
            "(аким) нет; 3 — избирается исполнительный орган, представительного нет; 4 — избирается "
            "представительный орган, исполнительного нет; 5 — избираются оба. Учитывается общий способ "
            "(варианты — отдельной колонкой); избрание акима депутатами маслихата в основном коде не "
            "считается избранием (колонка `vdem_code_indirect` — считается). Если способ или статус "
            "маслихата неизвестен, код пуст.")
        st.dataframe(pd.DataFrame(vrows)[["year", "level", "akim_selection", "assembly", "vdem_code"]].astype(str),
                     hide_index=True, width="stretch", height=240)
    nav.guard(_elections)


def _basis_buttons(build: data.Build, answer: dict) -> None:
    seen = []
    for lv in answer["levels"]:
        for b in lv.get("basis", []):
            key = (b["act"], b["edition"], b.get("path"))
            if b["act"] in build.acts and key not in seen:
                seen.append(key)
    if not seen:
        return
    st.markdown("**Основания — открыть текст**")
    cols = st.columns(min(len(seen), 3))
    from kg.citation import citation

    for i, (act, ed, path) in enumerate(seen):
        eid = _eid_of(answer, act, ed, path)
        text = citation(build.acts[act], eid or "", ed)
        cols[i % len(cols)].button(text[:80], key=f"basis_{i}", help=text, on_click=nav.open_provision,
                                   args=(act, ed, eid))


def _eid_of(answer: dict, act: str, ed: str, path: str):
    from kg.uri import parse_iri

    for lv in answer["levels"]:
        for b in lv.get("basis", []):
            if (b["act"], b["edition"], b.get("path")) == (act, ed, path):
                return (parse_iri(b.get("id") or "") or {}).get("eid")
    return None


def party_table(datasets) -> pd.DataFrame:
    """Akims elected in 2021 by oblast (rows) and party (columns), from the curated data set.

    Rows are the oblasts of the source table (its national totals left out).
    """
    ds = next((d for d in datasets if d.id == PARTY_DATASET), None)
    if ds is None:
        return pd.DataFrame()
    obs = [o for o in ds.observations if o.indicator == "akims_elected" and o.party and o.area != NATIONAL
           and o.value is not None]
    frame = pd.DataFrame([{"area": o.area, "party": o.party, "value": o.value} for o in obs])
    if frame.empty:
        return frame
    order = list(dict.fromkeys(o.party for o in obs))
    return frame.pivot_table(index="area", columns="party", values="value", aggfunc="sum",
                             sort=False)[order].fillna(0)


def turnout_table(datasets, events: dict, sources: dict) -> pd.DataFrame:
    """Every turnout figure of the curated data: election (cycle), date, area, value and its source."""
    rows = []
    for d in datasets:
        for o in d.observations:
            if o.indicator != "turnout" or o.value is None:
                continue
            ev = events.get(o.election)
            src = sources.get(o.source)
            rows.append({"Выборы": ev.title if ev else o.election, "Дата": ev.date if ev else "",
                         "Территория": o.area, "Явка, %": o.value,
                         "Оценка": {"approx": "около", "more_than": "более", "less_than": "менее"}.get(o.qualifier, ""),
                         "Источник": src.citation if src else o.source})
    return pd.DataFrame(rows)


def _elections() -> None:
    """Election statistics from the curated data (results of 2021 by oblast and party, turnout by cycle)."""
    from corpus.curated import load_elections, load_sources, load_timeline

    datasets = load_elections()
    events = {e.id: e for e in load_timeline()}
    sources = load_sources()
    st.subheader("Выборы акимов: статистика")
    parties = party_table(datasets)
    if not parties.empty:
        ds = next(d for d in datasets if d.id == PARTY_DATASET)
        st.plotly_chart(charts.stacked_figure(list(parties.index), {c: list(parties[c]) for c in parties.columns},
                                              "Избранные акимы сельского уровня, 2021: области и партии",
                                              "акимов"), key="el_party", config=charts.PNG_CONFIG)
        src = sources.get(ds.source)
        st.caption(f"Источник: {src.citation if src else ds.source}, {ds.ref}.")
    turnout = turnout_table(datasets, events, sources)
    if not turnout.empty:
        national = turnout[turnout["Территория"] == NATIONAL].sort_values("Дата")
        shown = national if not national.empty else turnout
        st.plotly_chart(charts.bar_figure([f"{r['Выборы']} ({r['Дата'][:4]})" for _, r in shown.iterrows()],
                                          list(shown["Явка, %"]), "Явка по циклам выборов, %", y_title="%",
                                          color="#2ca02c", text_suffix="%"),
                        key="el_turnout", config=charts.PNG_CONFIG)
        st.dataframe(turnout.astype(str), hide_index=True, width="stretch")
    rows = [{"dataset": d.id, "election": o.election, "area": o.area, "party": o.party or "",
             "indicator": o.indicator, "value": o.value, "unit": o.unit, "qualifier": o.qualifier or "",
             "source": o.source, "ref": o.ref} for d in datasets for o in d.observations]
    st.download_button("Статистика выборов (CSV)", pd.DataFrame(rows).to_csv(index=False).encode("utf-8"),
                       file_name="akimkg-elections.csv", mime="text/csv", key="dl_elections")
