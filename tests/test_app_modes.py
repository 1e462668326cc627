"""«Акимы: назначение и выборы» page in AppTest on the real build, and the V-Dem coding of the real rules."""
from __future__ import annotations

import datetime as dt

import pytest

from app_support import app, app_home, clean, texts  # noqa: F401  (fixtures)
from explorer import vdem

pytestmark = pytest.mark.corpus


def _row(at, level_label: str) -> dict:
    frame = at.dataframe[0].value
    return frame[frame["Уровень"] == level_label].iloc[0].to_dict()


def test_date_slider_moves_the_as_of_table(app):
    at = app("modes")
    at.slider(key="modes_date").set_value(dt.date(1996, 6, 1)).run()
    clean(at)
    assert "На 01.06.1996" in texts(at.subheader)
    region = _row(at, "область / г. респ. значения")
    assert region["Способ"] == "назначение" and region["Кто назначает / избирает"] == "Президент Республики Казахстан"
    assert "constitution-1995" in region["Основание"] and "ред. 29.08.1995" in region["Основание"]
    at.slider(key="modes_date").set_value(dt.date(2023, 6, 1)).run()
    clean(at)
    assert "На 01.06.2023" in texts(at.subheader)
    assert _row(at, "область / г. респ. значения")["Согласие"] == "согласие маслихата"


def test_basis_button_opens_the_provision(app):
    at = app("modes")
    at.slider(key="modes_date").set_value(dt.date(1996, 6, 1)).run()
    button = next(b for b in at.button if b.key and b.key.startswith("basis_") and "Конституции" in b.label)
    button.click().run()
    clean(at)
    assert at.session_state["page"] == "document" and at.session_state["doc_act"] == "constitution-1995"
    assert at.selectbox(key="doc_unit").value.startswith("art_")


def test_downloads_are_offered(app):
    at = clean(app("modes"))
    labels = [b.label for b in at.download_button]
    assert "Таблица графика (CSV)" in labels and "Кодировка V-Dem (CSV)" in labels
    assert any(label.startswith("Таблица на ") for label in labels)


def test_vdem_coding_of_the_real_rules(app_home):
    from kg.artifacts import current_build
    from kg.modes import load_rules, modes_on

    rules = load_rules(current_build(app_home))
    rows = vdem.rows(lambda d: modes_on(d, rules), vdem.year_dates())
    assert {r["year"] for r in rows} == set(range(1991, 2027))
    for r in rows:   # every code follows from the mode and the assembly, and empty exactly when either is unknown
        expected = vdem.code(r["akim_selection"], None if r["assembly"] == "unknown" else r["assembly"])
        assert r["vdem_code"] == ("" if expected is None else expected)
    region_2000 = next(r for r in rows if r["year"] == 2000 and r["level"] == "region")
    assert (region_2000["variable"], region_2000["vdem_code"]) == ("v2elsrgel", 2)   # appointed akim, elected maslikhat
    rural = [r for r in rows if r["level"] == "rural" and r["akim_selection"] == "direct_election"]
    assert rural and all(r["vdem_code"] == 3 and r["year"] >= 2021 for r in rural)
