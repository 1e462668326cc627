"""The examples in the docstrings of the search modules run and hold."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["search.analysis", "search.derivation", "search.documents", "search.evaluation", "search.index",
           "search.questionwords", "search.query", "search.ranking", "search.rewrite", "search.sample",
           "search.schema", "search.scorer", "search.snippets", "search.synonyms"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
