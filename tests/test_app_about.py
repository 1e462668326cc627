"""«О данных» page on the real build, and the first screen when nothing is built yet (AppTest)."""
from __future__ import annotations

import pytest

from app_support import APP, TIMEOUT, app, app_home, clean, texts  # noqa: F401  (fixtures)

pytestmark = pytest.mark.corpus


def test_about_lists_every_edition_with_its_hash(app, app_home):
    import pickle

    from kg.artifacts import EDITIONS, current_build

    with open(current_build(app_home) / EDITIONS, "rb") as fh:
        _, editions = pickle.load(fh)
    at = clean(app("about"))
    table = at.dataframe[0].value
    assert len(table) == len(editions)
    assert set(table["id"]) == {e.act_id for e in editions}
    assert all(h.endswith("…") and len(h) == 13 for h in table["SHA-256"])
    assert any("cff-version" in c for c in texts(at.code))            # how to cite
    assert any("авторского права" in m for m in texts(at.markdown))     # licence of the texts


def test_about_prepares_a_graph_download(app):
    at = app("about")
    at.button(key="prep_ttl").click().run()
    clean(at)
    assert "Скачать Turtle (TTL)" in [b.label for b in at.download_button]


def test_without_a_build_the_app_says_how_to_build(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("AKIMKG_HOME", str(tmp_path))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    clean(at)
    assert any("akimkg corpus sync && akimkg build" in i for i in texts(at.info))
    assert at.button(key="build_now").label == "Собрать данные сейчас"


def test_build_button_builds_with_a_progress_bar(tmp_path, monkeypatch, real_source_path):
    """The button syncs the corpus and builds into an empty home; the explorer then opens."""
    from streamlit.testing.v1 import AppTest

    from kg.artifacts import current_build

    monkeypatch.setenv("AKIMKG_HOME", str(tmp_path))
    monkeypatch.setenv("AKIMKG_CORPUS_SOURCE", real_source_path)
    at = AppTest.from_file(str(APP), default_timeout=600).run()
    at.button(key="build_now").click().run()
    clean(at)
    assert current_build(tmp_path) is not None
    assert any(s.startswith("Сборка ") and "готова" in s for s in texts(at.success))
    at.button(key="after_build").click().run()
    clean(at)
    assert at.text_input(key="q") is not None                            # the search page is up
