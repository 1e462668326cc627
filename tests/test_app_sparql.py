"""«SPARQL» page in AppTest on the real build: examples, results, downloads, read-only."""
from __future__ import annotations

import pytest

from app_support import app, app_home, clean, texts  # noqa: F401  (fixtures)
from kg.sparql import example_queries

EXAMPLES = example_queries()

pytestmark = pytest.mark.corpus


def _run(at, text=None):
    if text is not None:
        at.text_area(key="sparql_text").input(text).run()
    at.button(key="sparql_run").click().run()
    return at


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_every_example_query_answers(app, name):
    at = app("sparql")
    at.selectbox(key="sparql_example").set_value(name).run()
    assert at.text_area(key="sparql_text").value.startswith(EXAMPLES[name][:20])
    clean(_run(at))
    frame = at.dataframe[0].value
    assert len(frame) > 0, f"the example «{name}» found nothing in the real graph"
    assert [b.label for b in at.download_button] == ["Скачать CSV", "Скачать JSON"]


def test_modes_example_gives_one_general_rule_per_level(app):
    at = clean(_run(app("sparql")))
    frame = at.dataframe[0].value
    assert sorted(frame["level"]) == ["district", "district_in_city", "region", "rural"]
    assert frame.set_index("level").loc["region", "selection"] == "appointment"


def test_updates_are_refused_in_russian(app):
    at = _run(app("sparql"), "DELETE WHERE { ?s ?p ?o }")
    assert not at.exception
    assert any("только для чтения" in e for e in texts(at.error))
    assert not at.dataframe


def test_malformed_query_is_a_message(app):
    at = _run(app("sparql"), "SELECT ?s WHERE { ?s ")
    assert not at.exception
    assert any(e.startswith("Неверный ввод: ошибка в запросе") for e in texts(at.error))
