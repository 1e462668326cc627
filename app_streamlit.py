"""akimkg explorer: ``streamlit run app_streamlit.py`` (or ``akimkg app``).

Page routing only; each page lives in ``explorer/<name>_page.py`` and reads
the current build through :mod:`explorer.data`.
"""
from __future__ import annotations

import importlib

import streamlit as st

from explorer import data, nav, upload
from explorer.i18n import PAGES

st.set_page_config(page_title="akimkg — акимы и маслихаты Казахстана", page_icon="🏛️", layout="wide")
nav.apply_query_params()
page = st.sidebar.radio("Раздел", list(PAGES), format_func=PAGES.get, key="page")
st.sidebar.caption("Местное государственное управление Казахстана, 1991–2026: акты, редакции, граф знаний.")

build = nav.guard(data.current)
if build is None:
    nav.guard(importlib.import_module("explorer.about_page").render_no_build)
else:
    if page != "document":          # the reader puts the act and the edition in the address itself
        nav.set_query_params(page)
    nav.guard(upload.sidebar)
    nav.guard(importlib.import_module(f"explorer.{page}_page").render, build)
