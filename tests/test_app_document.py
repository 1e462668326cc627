"""«Документ» page in AppTest on the real build: editions, article view, footnotes, links, diff, uploads."""
from __future__ import annotations

import re

import pytest

from app_support import app, app_home, clean, texts  # noqa: F401  (fixtures)

pytestmark = pytest.mark.corpus


def _body(at) -> str:
    return next(h.proto.body for h in at.get("html") if "akdoc" in h.proto.body)


def test_article_of_an_edition_with_citation_and_footnote(app):
    at = clean(app("document", doc_act="constitution-1995", doc_ed="2023-01-01", doc_eid="art_87/point_4"))
    assert at.selectbox(key="doc_unit").value == "art_87"
    assert "п. 4 ст. 87 Конституции Республики Казахстан 1995 года (ред. от 01.01.2023)" in texts(at.code)
    body = _body(at)
    assert 'id="art_87/point_4" class="point target"' in body          # the cited point is marked
    assert "назначаются на должность Президентом Республики" in body
    assert re.search(r'<div class="fn">Сноска\. Статья 87 с изменениями', body)   # amendment footnote
    # each amending act is marked with its requisites (the amending laws are outside the corpus)
    assert 'title="изменение акта (закон) от 21.05.2007 № 254-III — текста нет в корпусе"' in body
    assert "art_88" not in body                                          # one article only
    amending = next(e for e in at.expander if e.label.startswith("Изменяющие акты: "))
    assert any("от 21.05.2007 № 254-III — сносок: 1" in m for m in texts(amending.markdown))


def test_edition_picker_changes_the_wording(app):
    at = clean(app("document", doc_act="constitution-1995", doc_ed="1995-08-29", doc_eid="art_87"))
    old = _body(at)
    at.selectbox(key="doc_ed").set_value("2022-09-17").run()
    clean(at)
    new = _body(at)
    assert "ст. 87 Конституции Республики Казахстан 1995 года (ред. от 17.09.2022)" in texts(at.code)
    assert "по представлению Премьер-Министра" in old and "по представлению Премьер-Министра" not in new
    assert "с согласия" in new


def test_changing_act_resets_the_fragment(app):
    at = clean(app("document", doc_act="constitution-1995", doc_eid="art_87"))
    at.selectbox(key="doc_act").set_value("law-2001-148").run()
    clean(at)
    assert at.selectbox(key="doc_ed").value == "2023-12-23"              # the latest edition
    assert at.selectbox(key="doc_unit").value != "art_87"


def test_cross_reference_opens_the_cited_provision(app):
    at = clean(app("document", doc_act="law-2001-148", doc_ed="2023-12-23", doc_eid="art_39-3"))
    assert 'class="xref" href="?page=document&amp;act=const-law-1995-2464' in _body(at)
    label = "п. 6 ст. 113-3 Конституционного закона"
    button = next(b for b in at.button if b.label.startswith(label))
    button.click().run()
    clean(at)
    assert at.session_state["doc_act"] == "const-law-1995-2464"
    assert at.selectbox(key="doc_unit").value == "art_113-3"
    assert any(c.startswith("п. 6 ст. 113-3") for c in texts(at.code))


def test_side_by_side_diff_of_article_87(app):
    at = clean(app("document", doc_act="constitution-1995", doc_ed="2022-09-17", doc_eid="art_87"))
    key_l, key_r = "diff_l_constitution-1995_art_87", "diff_r_constitution-1995_art_87"
    assert at.selectbox(key=key_r).value == "2023-01-01"                 # the latest edition by default
    at.selectbox(key=key_l).set_value("1995-08-29").run()
    at.selectbox(key=key_r).set_value("2022-09-17").run()
    clean(at)
    table = next(h.proto.body for h in at.get("html") if "akdiff" in h.proto.body)
    assert "<th>ред. от 29.08.1995</th><th>ред. от 17.09.2022</th>" in table
    assert "<del>" in table and "<ins>" in table
    summary = next(c for c in texts(at.caption) if c.startswith("Без изменений"))
    assert int(re.search(r"изменено: (\d+)", summary).group(1)) > 0


def test_deep_link_opens_a_provision(app_home, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from app_support import APP, TIMEOUT

    monkeypatch.setenv("AKIMKG_HOME", str(app_home))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({"page": "document", "act": "law-2001-148", "ed": "2014-11-07", "eid": "art_32"})
    clean(at.run())
    assert at.session_state["page"] == "document"
    assert at.selectbox(key="doc_ed").value == "2014-11-07"
    assert any(c.startswith("ст. 32 Закона Республики Казахстан") and "(ред. от 07.11.2014)" in c
               for c in texts(at.code))


def test_uploaded_document_is_read_as_an_act(app):
    at = app("document")
    text = ("# Положение о собрании села Пример\n\n### Статья 1. Собрание\n\n1. Собрание созывается акимом.\n\n"
            "### Статья 2. Решения\n\n1. Решения принимаются большинством голосов.\n").encode("utf-8")
    at.sidebar.file_uploader(key="upload_files").upload("пример.md", text, "text/markdown").run()
    act_id = next(iter(at.session_state["uploads"]))
    at.selectbox(key="doc_act").set_value(act_id).run()
    at.selectbox(key="doc_unit").set_value("art_2").run()
    clean(at)
    assert "ст. 2 документа «Положение о собрании села Пример»" in " ".join(texts(at.code))
    assert "Решения принимаются большинством голосов." in _body(at)


def test_bad_upload_is_refused_with_a_message(app):
    at = app("document")
    at.sidebar.file_uploader(key="upload_files").upload("программа.txt", b"\x00\x00", "text/plain").run()
    assert not at.exception
    assert any("в файле нет текста" in e for e in texts(at.sidebar.error))
    assert not at.session_state["uploads"]


def test_every_edition_renders_whole_and_by_fragment(app, app_home):
    import pickle

    from explorer.document_page import WHOLE, units
    from kg.artifacts import EDITIONS, current_build

    with open(current_build(app_home) / EDITIONS, "rb") as fh:
        _, editions = pickle.load(fh)
    at = app("document")
    for ed in editions:
        if at.selectbox(key="doc_act").value != ed.act_id:
            at.selectbox(key="doc_act").set_value(ed.act_id).run()
        at.selectbox(key="doc_ed").set_value(ed.date).run()
        at.selectbox(key="doc_unit").set_value(units(ed)[-1].eid).run()
        clean(at)
        assert any(c.endswith(f"(ред. от {ed.date[8:]}.{ed.date[5:7]}.{ed.date[:4]})") for c in texts(at.code))
        at.selectbox(key="doc_unit").set_value(WHOLE).run()
        clean(at)
        body = _body(at)
        assert body.count("<p>") >= len([p for p in ed.provisions if p.text.strip()]) // 2, (ed.act_id, ed.date)
