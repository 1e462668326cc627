"""The Streamlit explorer of akimkg: one module per page, plus shared helpers.

``app_streamlit.py`` only routes between the pages; each page module exposes
``render(data)`` and reads the built artefacts through :mod:`explorer.data`.
Helpers that hold no Streamlit code (citations, diffs, uploads, V-Dem coding,
figures) are plain functions with doctests, so they are tested without a
browser. Everything the user reads is in Russian (:mod:`explorer.i18n`).
"""
