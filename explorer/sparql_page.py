"""«SPARQL»: read-only SPARQL 1.1 over the knowledge graph, with a time limit and a row cap.

Example queries fill the editor; results come as a table with CSV and JSON
downloads. Updates are refused by :func:`kg.sparql.run_query` before anything
runs; the prefixes eli, akn, org, prov, time, skos, dcterms, qb, rdf, rdfs,
owl, xsd, kz and akid are predeclared.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import data, nav

TIMEOUT = 10.0       # seconds
MAX_ROWS = 5000

def _examples() -> dict[str, str]:
    from kg.sparql import example_queries

    return example_queries()


def example(name: str) -> str:
    """The text of an example query (the files of ``kg/queries/``).

    >>> "/id/institution/akim-rural" in example("Полномочия органа (аким сельского уровня)")
    True
    """
    return _examples()[name]


def _load_example() -> None:
    st.session_state["sparql_text"] = example(st.session_state["sparql_example"])
    st.session_state.pop("sparql_result", None)


def to_frame(result) -> pd.DataFrame:
    """A query result as a table of compact (prefixed) terms."""
    from kg.sparql import compact

    if result.kind == "ask":
        return pd.DataFrame({"ответ": ["да" if result.boolean else "нет"]})
    if result.kind == "graph":
        return pd.DataFrame([[compact(t) for t in tr] for tr in result.triples],
                            columns=["subject", "predicate", "object"])
    return pd.DataFrame([[compact(t) for t in row] for row in result.rows], columns=result.vars)


def render(build: data.Build) -> None:
    from kg.sparql import format_result, run_query

    st.title("SPARQL")
    st.caption(f"Только чтение. Ограничение времени — {TIMEOUT:g} с, строк — {MAX_ROWS}. Предопределены "
               "префиксы eli, akn, org, prov, time, skos, dcterms, qb, rdf, rdfs, owl, xsd, kz, akid.")
    names = list(_examples())
    if "sparql_text" not in st.session_state:
        st.session_state["sparql_text"] = example(names[0])
    st.selectbox("Пример запроса", names, key="sparql_example", on_change=_load_example)
    text = st.text_area("Запрос", key="sparql_text", height=260)
    if st.button("Выполнить", key="sparql_run", type="primary"):
        st.session_state.pop("sparql_result", None)
        graph = data.graph(str(build.path))
        result = nav.guard(run_query, graph, text, timeout=TIMEOUT, limit=MAX_ROWS)
        if result is not None:
            st.session_state["sparql_result"] = (text, result)
    stored = st.session_state.get("sparql_result")
    if not stored or stored[0] != text:
        return
    result = stored[1]
    frame = to_frame(result)
    note = f"Строк: {len(frame)} за {result.seconds:.2f} с" + (f" (обрезано до {MAX_ROWS})" if result.truncated else "")
    st.caption(note)
    st.dataframe(frame, hide_index=True, width="stretch")
    c1, c2 = st.columns(2)
    c1.download_button("Скачать CSV", format_result(result, "csv").encode("utf-8"), file_name="akimkg-sparql.csv",
                       mime="text/csv", key="sparql_csv")
    c2.download_button("Скачать JSON", format_result(result, "json").encode("utf-8"), file_name="akimkg-sparql.json",
                       mime="application/json", key="sparql_json")
