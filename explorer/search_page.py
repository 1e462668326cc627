"""«Поиск»: full-text search over provisions, as of a date, with filters and facets.

Each hit shows its act, edition and path, the snippet with the matched words
in bold, a copyable citation and a button that opens the provision in the
document reader. The user's uploaded documents are searched beside the corpus.
"""
from __future__ import annotations

import datetime as dt
import html

import streamlit as st

from explorer import data, nav, upload
from kg.citation import citation
from explorer.i18n import SHORT_LEVEL, label, ru_date

PAGE_SIZE = 10
ALL_EDITIONS = "all"       # search.query's as_of value for «every edition»
LEVELS = ("region", "district", "district_in_city", "rural")


def _act_label(build: data.Build, act_id: str) -> str:
    act = build.acts.get(act_id)
    return f"{act.short_title or act.title}" if act else act_id


def _reset_page() -> None:
    st.session_state["q_page"] = 1


def _use_suggestion(text: str) -> None:
    st.session_state["q"] = text
    st.session_state["q_page"] = 1


def render(build: data.Build) -> None:
    st.title("Поиск по актам")
    with st.container(border=True):
        c1, c2 = st.columns([3, 1])
        query = c1.text_input("Запрос", key="q", placeholder="например: избрание акимов сельских округов",
                              on_change=_reset_page)
        as_of = c2.date_input("Действует на дату", value=dt.date.today(), key="q_date",
                              min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31),
                              format="DD.MM.YYYY")
        f1, f2, f3, f4 = st.columns([2, 1, 1, 1])
        acts = f1.multiselect("Акты", build.act_ids(), key="q_acts", format_func=lambda a: _act_label(build, a),
                              placeholder="все акты")
        types = f2.multiselect("Вид акта", sorted({a.type for a in build.acts.values()}), key="q_types",
                               format_func=lambda t: label("act_type", t), placeholder="все виды")
        levels = f3.multiselect("Уровень", LEVELS, key="q_levels", format_func=SHORT_LEVEL.get,
                                placeholder="все уровни")
        any_date = f4.checkbox("Все редакции", key="q_all", help="Искать во всех редакциях, а не только "
                                                                 "в действующих на дату")
        synonyms = f4.checkbox("Синонимы", value=True, key="q_syn")
    # opened before the first query: its vectors load in the background while the user types
    searcher = data.searcher(str(build.path))
    if not query.strip():
        st.info("Введите запрос: слова в любой форме, «фразу в кавычках», префикс* или операторы И, ИЛИ, НЕ.")
        return
    page = int(st.session_state.get("q_page", 1))
    when = ALL_EDITIONS if any_date else as_of.isoformat()
    result = searcher.search(query, as_of=when, acts=acts, types=types, levels=levels, limit=PAGE_SIZE,
                             page=page, synonyms=synonyms)
    if page > max(result["pages"], 1):
        st.session_state["q_page"] = page = 1
        result = searcher.search(query, as_of=when, acts=acts, types=types, levels=levels, limit=PAGE_SIZE,
                                 page=1, synonyms=synonyms)
    _summary(result, any_date, as_of)
    if result["total"]:
        main, side = st.columns([3, 1])
        with side:
            _facets(build, result.get("facets") or {})
        with main:
            for i, hit in enumerate(result["hits"]):
                _hit(build, hit, f"h{page}_{i}")
            if result["pages"] > 1:
                st.number_input(f"Страница (из {result['pages']})", min_value=1, max_value=result["pages"],
                                key="q_page", step=1)
    idx = upload.session_index()
    if idx is not None:
        nav.guard(_uploaded, build, idx, query)


def _summary(result: dict, any_date: bool, as_of: dt.date) -> None:
    when = "во всех редакциях" if any_date else f"в редакциях, действующих на {as_of.strftime('%d.%m.%Y')}"
    st.markdown(f"Найдено положений: **{result['total']}** {when}.")
    if result.get("suggestion"):
        st.button(f"Возможно, вы имели в виду: «{result['suggestion']}»", key="q_suggest",
                  on_click=_use_suggestion, args=(result["suggestion"],))


def snippet_html(snippet: str) -> str:
    """A search snippet as one HTML block (so Markdown never reads «3. …» as a list).

    >>> snippet_html("3. Акимы <b>избираются</b>\\n\\nдалее")
    '<div class="aksnip">3. Акимы <b>избираются</b> далее</div>'
    """
    return f'<div class="aksnip">{" ".join(snippet.split())}</div>'


def _facet(title: str, counts: dict, name) -> None:
    if not counts:
        return
    lines = "".join(f"<li>{html.escape(str(name(k)))} — <b>{v}</b></li>" for k, v in list(counts.items())[:12])
    st.markdown(f"**{title}**<ul style='font-size:0.88rem;padding-left:1.1em'>{lines}</ul>", unsafe_allow_html=True)


def _facets(build: data.Build, facets: dict) -> None:
    _facet("По актам", facets.get("act") or {}, lambda a: _act_label(build, a))
    _facet("По видам актов", facets.get("type") or {}, lambda t: label("act_type", t))
    _facet("По годам редакций", dict(sorted((facets.get("year") or {}).items())), str)


def _hit(build: data.Build, hit: dict, key: str) -> None:
    act = build.acts.get(hit["act"])
    with st.container(border=True):
        st.markdown(f"**{hit.get('act_title') or hit['act']}** · ред. от {ru_date(hit['edition'])} · "
                    f"**{hit['path']}**")
        st.markdown(snippet_html(hit["snippet"]), unsafe_allow_html=True)
        iv = hit.get("in_force") or {}
        st.caption(f"Действует с {ru_date(iv.get('from'))}" + (f" по {ru_date(iv.get('to'))} (не включая)"
                                                              if iv.get("to") else "") + f" · оценка {hit['score']:.2f}")
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        if act is not None:
            c1.code(citation(act, hit.get("eid") or "", hit["edition"]), language=None, wrap_lines=True)
        c2.button("Открыть", key=f"open_{key}", help="Открыть положение в документе", on_click=nav.open_provision,
                  args=(hit["act"], hit["edition"], hit.get("eid")))


def _uploaded(build: data.Build, idx: upload.UploadIndex, query: str) -> None:
    hits = idx.search(query, limit=PAGE_SIZE)
    st.subheader(f"В загруженных документах: {len(hits)}")
    ups = upload.session_uploads()
    for i, hit in enumerate(hits):
        with st.container(border=True):
            st.markdown(f"**{hit['act_title']}** · **{hit['path']}**")
            st.markdown(snippet_html(hit["snippet"]), unsafe_allow_html=True)
            up = ups.get(hit["act"])
            c1, c2 = st.columns([5, 1], vertical_alignment="center")
            if up is not None:
                c1.code(citation(up.act, hit.get("eid") or "", None), language=None, wrap_lines=True)
            c2.button("Открыть", key=f"open_up_{i}", help="Открыть положение в документе", on_click=nav.open_provision,
                      args=(hit["act"], hit["edition"], hit.get("eid")))
