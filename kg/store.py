"""Persist the graph in a build directory and open it again, read-only, without rebuilding.

The store is Oxigraph (RocksDB on disk) reached through pyoxigraph, and
through oxrdflib when an rdflib :class:`~rdflib.Graph` is wanted. It was
chosen by ``scripts/bench_store.py`` over rdflib's in-memory store with an
N-Triples or pickle cache: opening the on-disk store takes milliseconds
whatever the size of the graph, and its SPARQL engine answers the queries
of the app and CLI one to two orders of magnitude faster than rdflib's
(figures in ``docs/graph.md``).

Layout of ``<build>/graph/``: ``oxigraph/`` (the store) and ``store.json``
(backend, number of triples, when saved).

>>> import tempfile
>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph().add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("б", lang="ru")))
>>> d = Path(tempfile.mkdtemp()) / "graph"
>>> save_graph(g, d)["triples"]
1
>>> h = load_graph(d)
>>> str(h.value(URIRef("https://example.org/a"), URIRef("https://example.org/p")))
'б'
>>> len(h)
1
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Union

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.namespaces import bind_all

GRAPH_DIR = "graph"          # = kg.artifacts.GRAPH, the name inside a build directory
OXIGRAPH_DIR = "oxigraph"
MANIFEST = "store.json"


class StoreError(ValueError):
    """No persisted graph where one was expected, or an unreadable one."""


def graph_dir(path: Union[str, Path]) -> Path:
    """The persisted-graph directory for ``path``: a build directory or the graph directory itself.

    >>> import tempfile
    >>> try:
    ...     graph_dir(tempfile.mkdtemp())
    ... except StoreError as exc:
    ...     print(str(exc).split(" in ")[0])
    no persisted graph
    """
    p = Path(path)
    for cand in (p, p / GRAPH_DIR):
        if (cand / MANIFEST).is_file() and (cand / OXIGRAPH_DIR).is_dir():
            return cand
    raise StoreError(f"no persisted graph in {p}; run `akimkg build`")


def to_oxigraph(graph: Graph, path: Union[str, Path, None] = None) -> ox.Store:
    """Copy an rdflib graph into a new Oxigraph store: on disk at ``path``, or in memory.

    N-Triples written by rdflib and bulk-loaded by Oxigraph: the fastest route measured
    (converting term by term in Python is twice as slow).
    """
    store = ox.Store(str(path)) if path is not None else ox.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def save_graph(graph: Graph, path: Union[str, Path]) -> dict:
    """Write ``graph`` as an Oxigraph store into the directory ``path`` (replaced if present).

    Returns the manifest: ``{"backend", "triples", "saved", "bytes"}``.
    """
    path = Path(path)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    store = to_oxigraph(graph, path / OXIGRAPH_DIR)
    store.flush()
    store.optimize()
    triples = len(store)
    del store
    manifest = {"backend": "oxigraph", "pyoxigraph": ox.__version__ if hasattr(ox, "__version__") else None,
                "triples": triples,
                "saved": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "bytes": sum(f.stat().st_size for f in (path / OXIGRAPH_DIR).rglob("*") if f.is_file())}
    (path / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def manifest(path: Union[str, Path]) -> dict:
    """What :func:`save_graph` recorded about the persisted graph."""
    return json.loads((graph_dir(path) / MANIFEST).read_text(encoding="utf-8"))


def open_store(path: Union[str, Path]) -> ox.Store:
    """The persisted graph as a read-only :class:`pyoxigraph.Store` (updates on it fail)."""
    d = graph_dir(path)
    try:
        return ox.Store.read_only(str(d / OXIGRAPH_DIR))
    except OSError as exc:
        raise StoreError(f"cannot open the graph in {d}: {exc}".splitlines()[0]) from exc


def load_graph(path: Union[str, Path]) -> Graph:
    """The persisted graph as a read-only rdflib :class:`~rdflib.Graph` (Oxigraph underneath).

    ``path`` is a build directory or its ``graph`` directory. Triple patterns
    and ``graph.query`` both run in Oxigraph; nothing is loaded into memory.
    """
    from oxrdflib import OxigraphStore

    store = OxigraphStore(store=open_store(path))
    g = Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID)
    return bind_all(g)
