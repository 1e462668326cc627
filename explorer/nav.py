"""Moving between pages: session state, deep links (query parameters) and the error guard.

The page in view is the sidebar radio's state (``st.session_state["page"]``);
buttons move to another page through :func:`go` used as an ``on_click``
callback, which runs before the next rerun draws any widget. A link such as
``?page=document&act=constitution-1995&ed=2022-09-17&eid=art_87`` opens a
provision directly (:func:`apply_query_params`), so links can be shared and
cross-references in the text are plain links.

>>> provision_link("constitution-1995", "2022-09-17", "art_87/point_4")
'?page=document&act=constitution-1995&ed=2022-09-17&eid=art_87%2Fpoint_4'
>>> error_text(ValueError("unbalanced quotes in the query"))
'Неверный ввод: незакрытые кавычки в запросе'
"""
from __future__ import annotations

import logging
import re
from typing import Callable, Optional
from urllib.parse import urlencode

import streamlit as st

from explorer.i18n import PAGES

log = logging.getLogger("akimkg.app")

# Widget keys of the document page that a link or a button may set.
DOC_KEYS = {"act": "doc_act", "ed": "doc_ed", "eid": "doc_eid"}

# Russian wording of the one-line messages of the project's ValueErrors.
_MESSAGES = (
    (r"^empty query$", "пустой запрос"),
    (r"^unbalanced quotes in the query$", "незакрытые кавычки в запросе"),
    (r"^unbalanced brackets in the query$", "незакрытые скобки в запросе"),
    (r"^the query has only stop words.*", "в запросе только служебные слова; добавьте значимое слово"),
    (r"^the query has no words to search for$", "в запросе нет слов для поиска"),
    (r"^the query has nothing to search for besides negated words$", "в запросе только слова с отрицанием"),
    (r"^query too long.*", "слишком длинный запрос"),
    (r"^impossible (.*) '(.*)'.*", r"несуществующая дата «\2»"),
    (r"^unknown act id '(.*?)'.*", r"неизвестный акт «\1»"),
    (r"^cannot parse the query: (.*)", r"не удалось разобрать запрос: \1"),
    (r"^no build in .*", "данные ещё не собраны: выполните `akimkg corpus sync && akimkg build`"),
    (r"^updates are refused.*", "запросы на изменение запрещены: граф открыт только для чтения"),
    (r"^malformed query: (.*)", r"ошибка в запросе: \1"),
    (r"^query failed: (.*)", r"запрос не выполнен: \1"),
    (r".*timed? ?out.*", "превышено время выполнения запроса"),
)


def error_text(exc: BaseException) -> str:
    """A one-line Russian message for an error (bad input, or an internal error)."""
    msg = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    for pattern, ru in _MESSAGES:
        if re.match(pattern, msg, re.IGNORECASE):
            msg = re.sub(pattern, ru, msg, flags=re.IGNORECASE)
            break
    if isinstance(exc, ValueError):
        return f"Неверный ввод: {msg}"
    if isinstance(exc, TimeoutError):
        return f"Превышено время ожидания: {msg}"
    return f"Внутренняя ошибка ({type(exc).__name__}): {msg}"


def guard(fn: Callable, *args, **kwargs):
    """Run a page (or a part of one); an exception becomes an ``st.error``, never a traceback."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the page's last line of defence
        log.exception("page error")
        st.error(error_text(exc))
        return None


def follow_click(event, options, key: str) -> None:
    """Point the selectbox ``key`` at the item last clicked on a plotly chart (once per click)."""
    from explorer.charts import selected_id

    clicked = selected_id(event)
    last = f"_{key}_click"
    if clicked in options and st.session_state.get(last) != clicked:
        st.session_state[key] = clicked
    st.session_state[last] = clicked


def go(page: str, **state) -> None:
    """Switch to ``page`` and set widget state (use as an ``on_click`` callback)."""
    st.session_state["page"] = page
    for key, value in state.items():
        st.session_state[key] = value


def open_provision(act: str, edition: Optional[str], eid: Optional[str]) -> None:
    """Open a provision in the document reader (an ``on_click`` callback)."""
    go("document", doc_act=act, doc_ed=edition, doc_eid=eid or "")


def provision_link(act: str, edition: Optional[str], eid: Optional[str]) -> str:
    """A relative link that opens a provision in a new load of the app."""
    params = {"page": "document", "act": act}
    if edition:
        params["ed"] = edition
    if eid:
        params["eid"] = eid
    return "?" + urlencode(params)


def apply_query_params() -> None:
    """Apply ``?page=…&act=…`` once per distinct query string (a fresh load or a followed link)."""
    qp = {k: st.query_params.get(k) for k in ("page", *DOC_KEYS)}
    qp = {k: v for k, v in qp.items() if v}
    if not qp or st.session_state.get("_applied_query") == qp:
        return
    st.session_state["_applied_query"] = qp
    if qp.get("page") in PAGES:
        st.session_state["page"] = qp["page"]
    for param, key in DOC_KEYS.items():
        if param in qp:
            st.session_state[key] = qp[param]


def set_query_params(page: str, **params: Optional[str]) -> None:
    """Reflect the page in view in the address bar (so it can be bookmarked)."""
    wanted = {"page": page, **{k: v for k, v in params.items() if v}}
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)
        st.session_state["_applied_query"] = {k: v for k, v in wanted.items() if k in ("page", *DOC_KEYS)}
