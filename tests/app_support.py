"""Shared pieces of the explorer's tests: the app on the real build, in AppTest or in a browser.

Test modules import the fixtures they use (``from app_support import app, app_home``).
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app_streamlit.py"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
TIMEOUT = 180          # seconds for one AppTest run (the first one loads the build)


@pytest.fixture(scope="session")
def app_home(real_home, real_build):
    """An ``AKIMKG_HOME`` holding a full build of the real corpus."""
    return real_home


@pytest.fixture
def app(app_home, monkeypatch):
    """``app(page, **state)``: the explorer in AppTest on ``page``, run once, with session state set."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("AKIMKG_HOME", str(app_home))

    def open_page(page: str, **state):
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.session_state["page"] = page
        for key, value in state.items():
            at.session_state[key] = value
        return at.run()

    return open_page


def clean(at):
    """Fail on any exception or error message shown by the app; return the AppTest."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]
