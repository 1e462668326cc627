"""The examples in the docstrings of the graph modules run and hold."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.namespaces", "kg.vocab", "kg.validity", "kg.crossrefs", "kg.rdf_helpers", "kg.rdf_documents",
           "kg.graph", "kg.store", "kg.sparql", "kg.export", "kg.quality"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
