"""«Граф»: who appoints, elects, consents to, dismisses and reports to whom, on a date.

The network (:func:`kg.network.build_network`) is drawn with plotly: a
maintained library already used by the other charts, drawing thousands of
points without a browser plug-in, with hover, zoom and click selection.
Institutions are laid out by level (national bodies on top, villages at the
bottom); powers, when shown, are placed around their holders. The drawing is
capped at :data:`MAX_NODES` nodes (institutions first, then the powers with
the most holders), so the page stays responsive on the whole graph.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

import networkx as nx
import pandas as pd
import streamlit as st

from explorer import charts, data, nav
from explorer.i18n import SHORT_LEVEL, ru_date

MAX_NODES = 150
LEVELS = ("region", "district", "district_in_city", "rural")
RELATIONS_RU = {"appoints": "назначает", "elects": "избирает", "consents_to": "даёт согласие",
                "nominates": "вносит кандидатуру", "dismisses": "освобождает от должности",
                "reports_to": "подотчётен", "has_power": "полномочие"}
_LAYER = {"": 0, "region": 1, "district": 2, "district_in_city": 3, "rural": 4}
_PATH_UNITS = {"раздел": "sec", "глава": "chp", "параграф": "par", "статья": "art", "пункт": "point",
               "подпункт": "sub", "часть": "text"}


def eid_from_path(path: str) -> str:
    """«Статья 87, пункт 4» → ``art_87/point_4`` (the inverse of :func:`kg.model.provision_path`).

    >>> eid_from_path("Статья 83-1, пункт 2, подпункт 3")
    'art_83-1/point_2/sub_3'
    >>> eid_from_path("Акт целиком")
    ''
    """
    out = []
    for part in path.split(","):
        m = re.match(r"\s*(\w+)\s+([\w-]+)\s*$", part)
        if m and m.group(1).lower() in _PATH_UNITS:
            out.append(f"{_PATH_UNITS[m.group(1).lower()]}_{m.group(2)}")
    return "/".join(out)


def parse_basis(text: str) -> list[tuple[str, str, str]]:
    """«act (ред. date) path; …» citations → ``(act, edition, eid)``.

    >>> parse_basis("constitution-1995 (ред. 2022-09-17) Статья 87, пункт 4")
    [('constitution-1995', '2022-09-17', 'art_87/point_4')]
    """
    out = []
    for item in (text or "").split(";"):
        m = re.match(r"\s*(\S+)\s+\(ред\.\s*(\d{4}-\d{2}-\d{2})\)\s*(.*)$", item)
        if m:
            out.append((m.group(1), m.group(2), eid_from_path(m.group(3))))
    return out


def capped(g: nx.MultiDiGraph, limit: int = MAX_NODES) -> tuple[nx.MultiDiGraph, int]:
    """The subgraph drawn: every institution, then powers by number of holders, up to ``limit`` nodes.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", node="institution"); g.add_node("p1", node="power"); g.add_node("p2", node="power")
    >>> g.add_edge("a", "p1"); g.add_edge("a", "p2")
    0
    0
    >>> sub, hidden = capped(g, 2)
    >>> sorted(sub.nodes), hidden
    (['a', 'p1'], 1)
    """
    inst = [n for n, d in g.nodes(data=True) if d.get("node") != "power"]
    powers = sorted((n for n, d in g.nodes(data=True) if d.get("node") == "power"),
                    key=lambda n: (-g.in_degree(n), str(n)))
    keep = inst[:limit] + powers[: max(0, limit - len(inst))]
    return g.subgraph(keep).copy(), g.number_of_nodes() - len(keep)


def layout(g: nx.MultiDiGraph) -> dict:
    """Institutions in rows by level, powers placed around them by a seeded spring layout."""
    inst = [n for n, d in g.nodes(data=True) if d.get("node") != "power"]
    rows: dict[int, list] = {}
    for n in sorted(inst, key=lambda n: (g.nodes[n].get("type", ""), str(n))):
        rows.setdefault(_LAYER.get((g.nodes[n].get("level") or "").split(",")[0], 0), []).append(n)
    pos = {}
    for layer, members in rows.items():
        for i, n in enumerate(members):
            # every other node a little lower, so edges within a row and labels do not overlap
            pos[n] = ((i + 1) / (len(members) + 1) * 2 - 1, 1 - layer * 0.6 - (i % 2) * 0.2)
    if len(pos) < g.number_of_nodes():
        simple = nx.Graph(g.to_undirected())
        pos = nx.spring_layout(simple, pos=pos, fixed=list(pos) or None, seed=7, k=0.35, iterations=60)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


@st.cache_data(show_spinner="Строю сеть…", max_entries=32)
def network(build_path: str, date: Optional[str], levels: tuple, with_powers: bool) -> dict:
    """Nodes, edges and positions of the drawn network (cached per filter)."""
    from kg.network import build_network

    source = data.graph(build_path) if with_powers else data.rules(build_path)
    g = build_network(source, date=date, levels=list(levels))
    if not with_powers:
        g.remove_nodes_from([n for n, d in list(g.nodes(data=True)) if d.get("node") == "power"])
    total = g.number_of_nodes()
    sub, hidden = capped(g)
    pos = layout(sub)
    nodes = [{"id": n, "label": d.get("label") or str(n), "group": _group(d),
              "size": 12 + 3 * min(sub.degree(n), 8), **{k: d.get(k, "") for k in
                                                        ("kind", "type", "level", "valid_from", "valid_to")}}
             for n, d in sub.nodes(data=True)]
    edges = [{"source": u, "target": v, "label": RELATIONS_RU.get(d.get("relation"), d.get("relation")),
              "relation": d.get("relation"), "basis": d.get("basis", ""), "sources": d.get("sources", ""),
              "valid_from": d.get("valid_from", ""), "valid_to": d.get("valid_to", ""),
              "variant": d.get("variant", False)}
             for u, v, d in sub.edges(data=True)]
    return {"nodes": nodes, "edges": edges, "pos": pos, "total": total, "hidden": hidden}


def visible(net: dict, relations: set, isolated: bool) -> dict:
    """The drawn network restricted to some relations, without unconnected nodes unless ``isolated``.

    >>> net = {"nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "pos": {}, "total": 3, "hidden": 0,
    ...        "edges": [{"source": "a", "target": "b", "relation": "appoints"}]}
    >>> [n["id"] for n in visible(net, {"appoints"}, False)["nodes"]], len(visible(net, {"elects"}, True)["edges"])
    (['a', 'b'], 0)
    """
    edges = [e for e in net["edges"] if e.get("relation") in relations]
    linked = {e["source"] for e in edges} | {e["target"] for e in edges}
    nodes = [n for n in net["nodes"] if isolated or n["id"] in linked]
    return {**net, "nodes": nodes, "edges": edges}


def _group(d: dict) -> str:
    if d.get("node") == "power":
        return "полномочия"
    lv = (d.get("level") or "").split(",")[0]
    return SHORT_LEVEL.get(lv, "республиканский уровень")


def render(build: data.Build) -> None:
    st.title("Граф: органы, должности и их связи")
    c1, c2, c3, c4 = st.columns([2, 2, 3, 2])
    day = c1.date_input("На дату", value=min(dt.date.today(), dt.date(2026, 12, 31)), key="g_date",
                       min_value=dt.date(1991, 1, 1), max_value=dt.date(2026, 12, 31), format="DD.MM.YYYY")
    levels = c2.multiselect("Уровни", LEVELS, key="g_levels", format_func=SHORT_LEVEL.get, placeholder="все уровни")
    relations = c3.multiselect("Связи", list(RELATIONS_RU), default=[r for r in RELATIONS_RU if r != "has_power"],
                               key="g_relations", format_func=RELATIONS_RU.get)
    with_powers = c4.checkbox("Полномочия", key="g_powers", help="Показать полномочия органов (из текстов актов)")
    isolated = c4.checkbox("Все органы", key="g_isolated", help="Показать и органы без выбранных связей")
    net = visible(network(str(build.path), day.isoformat(), tuple(levels), with_powers),
                  set(relations) | ({"has_power"} if with_powers else set()), isolated)
    if not net["nodes"]:
        st.info("На эту дату для выбранных уровней связей нет.")
        return
    msg = f"Узлов: {len(net['nodes'])}, связей: {len(net['edges'])}."
    if net["hidden"]:
        msg += f" Не показано узлов: {net['hidden']} из {net['total']} (ограничение {MAX_NODES}); сузьте фильтр."
    st.caption(msg)
    state = st.plotly_chart(charts.network_figure(net["nodes"], net["edges"], net["pos"]), key="g_chart",
                            on_select="rerun", selection_mode="points", config=charts.PNG_CONFIG)
    by_id = {n["id"]: n for n in net["nodes"]}
    nav.follow_click(state, by_id, "g_node")
    ids = sorted(by_id, key=lambda i: (by_id[i]["group"], by_id[i]["label"]))
    if st.session_state.get("g_node") not in by_id:
        st.session_state["g_node"] = next((i for i in ids if i.startswith("akim-")), ids[0])
    node = st.selectbox("Узел", ids, key="g_node", format_func=lambda i: f"{by_id[i]['label']} ({by_id[i]['group']})")
    _details(build, by_id[node], net["edges"], by_id)


def _details(build: data.Build, node: dict, edges: list[dict], by_id: dict) -> None:
    with st.container(border=True):
        st.subheader(node["label"])
        facts = [node["group"]]
        if node.get("valid_from") or node.get("valid_to"):
            facts.append(f"с {ru_date(node.get('valid_from') or None)}"
                         + (f" по {ru_date(node['valid_to'])}" if node.get("valid_to") else ""))
        st.caption(" · ".join(facts))
        rows, links = [], []
        for e in edges:
            if node["id"] not in (e["source"], e["target"]):
                continue
            other = e["target"] if e["source"] == node["id"] else e["source"]
            direction = "→" if e["source"] == node["id"] else "←"
            rows.append({"связь": f"{direction} {e['label']}", "с кем": by_id.get(other, {}).get("label", other),
                         "с": ru_date(e.get("valid_from") or None), "по": ru_date(e.get("valid_to") or None),
                         "основание": e.get("basis") or e.get("sources") or "—"})
            links.extend(parse_basis(e.get("basis", "")))
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        links = [x for x in dict.fromkeys(links) if x[0] in build.acts]
        if links:
            st.markdown("**Положения**")
            from kg.citation import citation

            cols = st.columns(min(len(links), 3))
            for i, (act, ed, eid) in enumerate(links[:30]):
                cols[i % len(cols)].button(citation(build.acts[act], eid, ed)[:80], key=f"g_prov_{i}",
                                           on_click=nav.open_provision, args=(act, ed, eid))
