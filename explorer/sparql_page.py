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

EXAMPLES = {
    "Способы занятия должности акимов на дату": """\
# Как акимы каждого уровня занимают должность на 1 января 2022 года
SELECT ?level ?selection ?selector ?from ?to WHERE {
  ?rule a akn:AppointmentRule ;
        akn:level/skos:notation ?level ;
        akn:selection/skos:notation ?selection ;
        akn:selector/skos:notation ?selector ;
        akn:validFrom ?from .
  OPTIONAL { ?rule akn:validTo ?to }
  FILTER NOT EXISTS { ?rule a akn:AppointmentVariant }
  FILTER (?from <= "2022-01-01"^^xsd:date && (!BOUND(?to) || ?to > "2022-01-01"^^xsd:date))
}
ORDER BY ?level""",
    "Полномочия органа (аким сельского уровня)": """\
# Полномочия, которые тексты актов закрепляют за акимом города районного значения, села, поселка, сельского округа
SELECT ?text ?from ?to WHERE {
  ?power a akn:Power ;
         akn:heldBy <{base}id/institution/akim-rural> ;
         rdf:value ?text .
  OPTIONAL { ?power akn:validFrom ?from }
  OPTIONAL { ?power akn:validTo ?to }
}
ORDER BY ?from
LIMIT 200""",
    "Изменения статьи (ст. 87 Конституции 1995 г.)": """\
# Сноски об изменениях статьи 87 Конституции 1995 года и её пунктов, по редакциям
SELECT ?edition ?action ?text WHERE {
  ?rec a akn:AmendmentRecord ;
       akn:target ?target ;
       akn:action/skos:notation ?action ;
       akn:recordedIn ?where ;
       rdf:value ?text .
  FILTER (?target = <{base}eli/kz/constitution/1995/1/art_87>
          || STRSTARTS(STR(?target), "{base}eli/kz/constitution/1995/1/art_87/"))
  BIND (REPLACE(STR(?where), "^.*/rus@([0-9-]+).*$", "$1") AS ?edition)
}
ORDER BY ?edition""",
    "Акты и число редакций": """\
SELECT ?act (COUNT(?ed) AS ?editions) WHERE {
  ?w a akn:Act ; akn:actId ?act .
  OPTIONAL { ?w eli:is_realized_by ?ed }
}
GROUP BY ?act
ORDER BY ?act""",
}


def example(name: str) -> str:
    """The text of an example query, with the IRI base in use (``AKIMKG_BASE_IRI``).

    >>> "<https://w3id.org/akimkg/id/institution/akim-rural>" in example("Полномочия органа (аким сельского уровня)")
    True
    """
    from kg.uri import base_iri

    return EXAMPLES[name].replace("{base}", base_iri())


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
    names = list(EXAMPLES)
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
