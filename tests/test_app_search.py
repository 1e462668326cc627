"""«Поиск» page in AppTest on the real build: query, as-of date, filters, citations, opening a hit."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from app_support import app, app_home, clean, texts  # noqa: F401  (fixtures)

pytestmark = pytest.mark.corpus

HEADER = re.compile(r"· ред\. от (\d\d)\.(\d\d)\.(\d{4}) ·")


def _editions_shown(at) -> list[str]:
    """ISO dates of the editions in the hit headers."""
    out = []
    for m in texts(at.markdown):
        hit = HEADER.search(m)
        if hit:
            out.append(f"{hit.group(3)}-{hit.group(2)}-{hit.group(1)}")
    return out


def _search(app, query: str, **state):
    at = app("search", **state)
    at.text_input(key="q").input(query).run()
    return clean(at)


def test_search_finds_election_of_akims_with_citations(app):
    at = _search(app, "избрание акимов")
    summary = next(m for m in texts(at.markdown) if m.startswith("Найдено положений"))
    assert int(re.search(r"\*\*(\d+)\*\*", summary).group(1)) > 10
    citations = texts(at.code)
    assert len(citations) == 10                                   # one page of hits
    assert all("(ред. от " in c for c in citations)
    # the election law's chapter on akims and Law 148-II are what this query is about
    assert any("О выборах" in m or "148-II" in m for m in texts(at.markdown)[:12])
    assert any("<b>" in m for m in texts(at.markdown)), "snippets carry the matched words in bold"
    assert any(m.startswith("**По актам**") for m in texts(at.markdown))


def test_search_as_of_a_date_shows_only_editions_then_in_force(app):
    at = _search(app, "акимы назначаются", q_date=dt.date(2000, 1, 1))
    shown = _editions_shown(at)
    assert shown, "the 1995 Constitution was in force on 1 January 2000"
    assert all(d <= "2000-01-01" for d in shown)
    assert "1995-08-29" in shown
    late = _search(app, "акимы назначаются", q_date=dt.date(2024, 1, 1))
    assert "1995-08-29" not in _editions_shown(late)


def test_search_filter_by_act_keeps_that_act_only(app):
    at = _search(app, "аким", q_acts=["constitution-1995"], q_all=True)
    citations = texts(at.code)
    assert citations and all("Конституции Республики Казахстан 1995 года" in c for c in citations)


def test_bad_query_is_a_russian_message_not_a_traceback(app):
    at = app("search")
    at.text_input(key="q").input('выборы "акимов').run()
    assert not at.exception
    assert any("кавычки" in e for e in texts(at.error))


def test_open_hit_in_document_reader(app):
    at = _search(app, "акимы областей назначаются на должность", q_acts=["constitution-1995"],
                 q_date=dt.date(2022, 10, 1))
    first_citation = texts(at.code)[0]
    at.button(key="open_h1_0").click().run()
    clean(at)
    assert at.session_state["page"] == "document"
    assert at.session_state["doc_act"] == "constitution-1995"
    assert at.session_state["doc_ed"] == "2022-09-17"
    assert first_citation in texts(at.code)
    assert any("akdoc" in h.proto.body for h in at.get("html"))


def test_uploaded_document_is_searched_beside_the_corpus(app):
    at = app("search")
    charter = ("# Положение о сходе села Пример\n\n### Статья 1. Сход\n\n"
               "1. Сход жителей села созывается акимом села по мере необходимости.\n").encode("utf-8")
    at.sidebar.file_uploader(key="upload_files").upload("положение.md", charter, "text/markdown").run()
    at.text_input(key="q").input("созыв схода").run()
    clean(at)
    assert any(re.fullmatch(r"В загруженных документах: [1-9]\d*", s) for s in texts(at.subheader))
    assert any("документа «Положение о сходе села Пример»" in c for c in texts(at.code))
