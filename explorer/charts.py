"""Plotly figures of the explorer: reform timeline, modes of taking office, elections, network.

Every function takes plain records (the JSON shapes of the CLI) and returns a
``plotly.graph_objects.Figure``; nothing here talks to Streamlit, so figures
are tested as data. Labels are Russian; colours of the modes are shared
(:data:`explorer.i18n.SELECTION_COLORS`).

>>> fig = modes_figure([{"level": "rural", "start": "2021-07-25", "end": "2027-01-01",
...                      "selection": "direct_election", "selector": "residents", "variants": []}])
>>> [t.name for t in fig.data]
['прямые выборы']
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional, Sequence

import plotly.graph_objects as go

from explorer.i18n import SELECTION_COLORS, SHORT_LEVEL, label, ru_date

LEVEL_ORDER = ("region", "district", "district_in_city", "rural")
EVENT_COLORS = {"act": "#1f77b4", "amendment": "#17becf", "decree": "#9467bd", "referendum": "#d62728",
                "election": "#2ca02c", "address": "#ff7f0e", "other": "#7f7f7f"}
# The download button of every chart's toolbar saves a PNG (client side, no extra package).
PNG_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def selected_id(event) -> Optional[str]:
    """The id (``customdata[0]``) of the first point selected on a chart, from ``st.plotly_chart``'s event.

    >>> selected_id({"selection": {"points": [{"customdata": ["e7", "Выборы"]}]}})
    'e7'
    >>> selected_id(None) is None
    True
    """
    try:
        points = event["selection"]["points"]
    except (TypeError, KeyError, AttributeError):
        points = getattr(getattr(event, "selection", None), "points", None)
    for p in points or []:
        cd = p.get("customdata") if isinstance(p, dict) else None
        if cd:
            return cd[0]
    return None


def _days(start: str, end: Optional[str]) -> float:
    """Length of ``[start, end)`` in milliseconds (plotly's unit for date bars)."""
    a = dt.date.fromisoformat(start)
    b = dt.date.fromisoformat(end) if end else dt.date(2027, 1, 1)
    return (b - a).days * 86_400_000


def modes_figure(rows: Iterable[dict], date: Optional[str] = None) -> go.Figure:
    """Level × time bars of how akims take office (``kg.modes.modes_matrix`` rows); variants as diamonds."""
    rows = list(rows)
    fig = go.Figure()
    seen = set()
    for sel in SELECTION_COLORS:
        part = [r for r in rows if r["selection"] == sel]
        if not part:
            continue
        seen.add(sel)
        fig.add_trace(go.Bar(
            name=label("selection", sel), orientation="h", base=[r["start"] for r in part],
            x=[_days(r["start"], r["end"]) for r in part], y=[SHORT_LEVEL.get(r["level"], r["level"]) for r in part],
            marker_color=SELECTION_COLORS[sel], marker_line_width=0.5, marker_line_color="white",
            customdata=[[ru_date(r["start"]), ru_date(r["end"]) if r.get("end") else "…",
                         label("selector", r.get("selector")), "; ".join(r.get("basis") or r.get("sources") or [])[:300]]
                        for r in part],
            hovertemplate="%{y}<br>%{customdata[0]} — %{customdata[1]}<br>" + label("selection", sel)
                          + " (%{customdata[2]})<br>%{customdata[3]}<extra></extra>"))
    variants = [(r, v) for r in rows for v in r.get("variants") or [] if v.get("since")]
    if variants:
        fig.add_trace(go.Scatter(
            name="вариант (пилот, частичный переход)", mode="markers",
            x=[v["since"] for _, v in variants], y=[SHORT_LEVEL.get(r["level"], r["level"]) for r, _ in variants],
            marker=dict(symbol="diamond", size=13, color=[SELECTION_COLORS.get(v["selection"], "#333")
                                                           for _, v in variants],
                        line=dict(color="black", width=1.5)),
            customdata=[[label("selection", v["selection"]), v.get("scope") or "", ru_date(v["since"])]
                        for _, v in variants],
            hovertemplate="вариант: %{customdata[0]}<br>%{customdata[1]}<br>с %{customdata[2]}<extra></extra>"))
    if date:
        fig.add_vline(x=date, line_width=2, line_dash="dash", line_color="black")
    fig.update_layout(barmode="overlay", xaxis=dict(type="date", title=None), height=330,
                      yaxis=dict(title=None, categoryorder="array",
                                 categoryarray=[SHORT_LEVEL[lv] for lv in reversed(LEVEL_ORDER)]),
                      legend=dict(orientation="h", y=-0.2), margin=dict(l=10, r=10, t=30, b=10),
                      title="Как акимы занимают должность")
    return fig


def timeline_figure(events: Sequence[dict]) -> go.Figure:
    """Reform events on a time axis, one row per event type; ``customdata[0]`` is the event id.

    >>> fig = timeline_figure([{"id": "e1", "date": "2021-07-25", "type": "election", "title": "Выборы",
    ...                         "levels": ["rural"]}])
    >>> fig.data[0].customdata[0][0]
    'e1'
    """
    fig = go.Figure()
    for etype, color in EVENT_COLORS.items():
        part = [e for e in events if e["type"] == etype]
        if not part:
            continue
        fig.add_trace(go.Scatter(
            name=label("event_type", etype), mode="markers", x=[e["date"] for e in part],
            y=[label("event_type", etype)] * len(part),
            marker=dict(size=14, color=color, line=dict(color="white", width=1)),
            customdata=[[e["id"], e["title"], ", ".join(SHORT_LEVEL.get(lv, lv) for lv in e.get("levels", []))]
                        for e in part],
            hovertemplate="%{x|%d.%m.%Y}<br><b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"))
    fig.update_layout(height=360, xaxis=dict(type="date", title=None, range=["1990-07-01", "2027-01-01"]),
                      yaxis=dict(title=None), showlegend=False, margin=dict(l=10, r=10, t=10, b=10),
                      clickmode="event+select", dragmode="pan")
    return fig


def bar_figure(labels: Sequence[str], values: Sequence[float], title: str, x_title: str = "",
               y_title: str = "", color: str = "#1f77b4", text_suffix: str = "") -> go.Figure:
    """A simple vertical bar chart with the values written on the bars.

    >>> bar_figure(["2021", "2023"], [71.2, 63.0], "Явка").data[0].text
    ('71.2', '63')
    """
    fig = go.Figure(go.Bar(x=list(labels), y=list(values), marker_color=color,
                           text=[f"{v:g}{text_suffix}" for v in values], textposition="outside"))
    fig.update_layout(title=title, xaxis_title=x_title, yaxis_title=y_title, height=380,
                      margin=dict(l=10, r=10, t=50, b=10))
    return fig


def stacked_figure(categories: Sequence[str], series: dict[str, Sequence[float]], title: str,
                   y_title: str = "") -> go.Figure:
    """Stacked bars: one bar per category (e.g. oblast), one colour per series (e.g. party)."""
    fig = go.Figure()
    for name, values in series.items():
        fig.add_trace(go.Bar(name=name, x=list(categories), y=list(values)))
    fig.update_layout(barmode="stack", title=title, yaxis_title=y_title, height=460,
                      legend=dict(orientation="h", y=-0.35), margin=dict(l=10, r=10, t=50, b=10))
    return fig


def network_figure(nodes: Sequence[dict], edges: Sequence[dict], pos: dict) -> go.Figure:
    """A drawn network: ``nodes`` with id/label/group/size, ``edges`` with source/target/label.

    Edges are grouped by relation so each relation gets one legend entry and
    one colour; hovering a node shows its label, a click selects it
    (``customdata[0]`` is the node id).

    >>> fig = network_figure([{"id": "a", "label": "А", "group": "x"}, {"id": "b", "label": "Б", "group": "y"}],
    ...                      [{"source": "a", "target": "b", "label": "назначает"}], {"a": (0, 0), "b": (1, 1)})
    >>> sorted(t.name for t in fig.data if t.showlegend is not False)
    ['x', 'y', 'назначает']
    """
    palette = ["#d62728", "#2ca02c", "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
               "#bcbd22", "#7f7f7f"]
    fig = go.Figure()
    relations = sorted({e.get("label") or "" for e in edges})
    # Several relations between the same two nodes are drawn side by side, not on top of each other.
    pair_rels: dict = {}
    for e in edges:
        pair = frozenset((e["source"], e["target"]))
        rel = e.get("label") or ""
        if rel not in pair_rels.setdefault(pair, []):
            pair_rels[pair].append(rel)
    for i, rel in enumerate(relations):
        xs, ys, mx, my, mt = [], [], [], [], []
        for e in edges:
            if (e.get("label") or "") != rel or e["source"] not in pos or e["target"] not in pos:
                continue
            (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
            rels = pair_rels[frozenset((e["source"], e["target"]))]
            if len(rels) > 1:
                shift = (rels.index(rel) - (len(rels) - 1) / 2) * 0.03
                a, b = sorted((e["source"], e["target"]), key=str)       # one side for both directions
                (ax, ay), (bx, by) = pos[a], pos[b]
                length = max(((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5, 1e-9)
                dx, dy = -(by - ay) / length * shift, (bx - ax) / length * shift
                x0, y0, x1, y1 = x0 + dx, y0 + dy, x1 + dx, y1 + dy
            xs += [x0, x1, None]
            ys += [y0, y1, None]
            mx.append(x0 + 0.62 * (x1 - x0))
            my.append(y0 + 0.62 * (y1 - y0))
            mt.append(rel)
        color = palette[i % len(palette)]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=rel or "связь", line=dict(width=1.3, color=color),
                                 hoverinfo="skip", legendgroup=rel))
        fig.add_trace(go.Scatter(x=mx, y=my, mode="markers", marker=dict(symbol="triangle-right", size=7,
                                                                         color=color),
                                 hovertext=mt, hoverinfo="text", showlegend=False, legendgroup=rel))
    groups = sorted({n.get("group") or "" for n in nodes})
    for j, grp in enumerate(groups):
        part = [n for n in nodes if (n.get("group") or "") == grp and n["id"] in pos]
        fig.add_trace(go.Scatter(
            x=[pos[n["id"]][0] for n in part], y=[pos[n["id"]][1] for n in part], mode="markers+text",
            name=grp or "—", text=[n["label"][:28] for n in part], textposition="top center",
            textfont=dict(size=10),
            marker=dict(size=[n.get("size", 14) for n in part], symbol="circle",
                        color=palette[(j + 3) % len(palette)], line=dict(color="white", width=1)),
            customdata=[[n["id"], n["label"]] for n in part], hovertemplate="%{customdata[1]}<extra></extra>"))
    fig.update_layout(height=640, showlegend=True, legend=dict(orientation="h", y=-0.05),
                      xaxis=dict(visible=False), yaxis=dict(visible=False), margin=dict(l=10, r=10, t=10, b=10),
                      clickmode="event+select", dragmode="pan", plot_bgcolor="white")
    return fig
