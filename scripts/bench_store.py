#!/usr/bin/env python
"""Benchmark the ways to persist and reopen the graph; prints the figures that chose kg.store.

Candidates:
  rdflib-nt      rdflib in-memory graph, cached as N-Triples, parsed again on load
  rdflib-pickle  rdflib in-memory graph, cached with pickle
  oxigraph-mem   Oxigraph in memory, loaded from the N-Triples cache
  oxigraph-disk  Oxigraph on disk (RocksDB), opened read-only (what kg.store does)

For each: save time, size on disk, load (open) time, time of a few SPARQL
queries, and the wall time of a fresh Python process that opens the graph and
answers one query (what a CLI call costs).

Input graph: the parsed editions of the current build in $AKIMKG_HOME
(editions.pickle), or of --editions PICKLE, or the corpus at --source (synced
and parsed into a temporary home). Usage:

    python scripts/bench_store.py [--source ../shared/corpus] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.namespaces import sparql_prologue  # noqa: E402

QUERIES = {
    "count provisions per act (aggregate)": """
        SELECT ?act (COUNT(?x) AS ?n) WHERE {
          ?x a akn:ProvisionEdition ; eli:is_part_of ?ed . ?ed a akn:Edition ; eli:realizes ?w . ?w akn:actId ?act
        } GROUP BY ?act ORDER BY ?act""",
    "one provision in every edition (lookup)": """
        SELECT ?ed ?text WHERE {
          ?w akn:actId "constitution-1995" ; eli:is_realized_by ?ed .
          ?p eli:is_part_of ?ed ; akn:eid "art_87/point_4" ; rdf:value ?text } ORDER BY ?ed""",
    "who cites art. 87 of the Constitution (join)": """
        SELECT DISTINCT ?src WHERE {
          ?t akn:eid ?e . FILTER(STRSTARTS(?e, "art_87"))
          ?src eli:cites ?t }""",
    "editions in force on 2015-01-01 (dates)": """
        SELECT ?ed WHERE { ?ed a akn:Edition ; akn:validFrom ?f .
          OPTIONAL { ?ed akn:validTo ?t }
          FILTER(?f <= "2015-01-01"^^xsd:date && (!BOUND(?t) || ?t > "2015-01-01"^^xsd:date)) }""",
}


def get_editions(args):
    if args.editions:
        with open(args.editions, "rb") as fh:
            return pickle.load(fh)
    home = Path(os.environ.get("AKIMKG_HOME", "data"))
    from kg.artifacts import EDITIONS, current_build

    build = current_build(home)
    if build is not None and (build / EDITIONS).is_file() and not args.source:
        with open(build / EDITIONS, "rb") as fh:
            return pickle.load(fh)
    from corpus.sync import load_synced, sync
    from kg.pipeline import parse_all

    tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
    sync(args.source or str(ROOT.parent / "shared" / "corpus"), tmp / "corpus")
    source_editions, _ = load_synced(tmp / "corpus")
    acts, editions, _ = parse_all(source_editions)
    return acts, editions


def make_graph(acts, editions):
    from kg.graph import build_graph

    extra = ()
    try:
        from kg.modes import all_rules
        from kg.rdf_rules import graph_extras

        rules, _ = all_rules(acts, editions)
        extra = graph_extras(acts, editions, rules)
    except ImportError:
        pass
    t = time.perf_counter()
    g = build_graph(acts, editions, extra=extra, build_info={"id": "bench"})
    return g, time.perf_counter() - t


def timed(fn, repeat=1):
    times = []
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, min(times)


def dir_size(p: Path) -> int:
    return p.stat().st_size if p.is_file() else sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


def run_queries(query_fn, repeat=3):
    out = {}
    for name, q in QUERIES.items():
        rows, t = timed(lambda: list(query_fn(sparql_prologue() + q)), repeat)
        out[name] = (t, len(rows))
    return out


def cold_process(code: str) -> float:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", help="corpus source to sync and parse (default: current build or ../shared/corpus)")
    ap.add_argument("--editions", help="pickle of (acts, editions)")
    ap.add_argument("--json", help="write the figures as JSON here")
    args = ap.parse_args()

    import pyoxigraph as ox
    from rdflib import Graph

    from kg.store import load_graph, save_graph

    acts, editions = get_editions(args)
    g, build_s = make_graph(acts, editions)
    print(f"graph: {len(g)} triples from {len(editions)} editions; build_graph {build_s:.2f} s")
    work = Path(tempfile.mkdtemp(prefix="bench-store-"))
    nt = work / "graph.nt"
    pk = work / "graph.pickle"
    disk = work / "graph"
    results = {}

    _, t = timed(lambda: nt.write_bytes(g.serialize(format="nt", encoding="utf-8")))
    loaded, lt = timed(lambda: Graph().parse(nt, format="nt"))
    results["rdflib-nt"] = {"save_s": t, "bytes": dir_size(nt), "load_s": lt,
                            "queries": run_queries(lambda q: loaded.query(q), repeat=1)}
    loaded = None

    def dump():
        with open(pk, "wb") as fh:
            pickle.dump(g, fh, protocol=pickle.HIGHEST_PROTOCOL)
    _, t = timed(dump)

    def unpickle():
        with open(pk, "rb") as fh:
            return pickle.load(fh)
    loaded, lt = timed(unpickle)
    results["rdflib-pickle"] = {"save_s": t, "bytes": dir_size(pk), "load_s": lt,
                                "queries": run_queries(lambda q: loaded.query(q), repeat=1)}
    loaded = None

    def oxmem():
        s = ox.Store()
        s.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        return s
    mem, lt = timed(oxmem)
    results["oxigraph-mem"] = {"save_s": results["rdflib-nt"]["save_s"], "bytes": dir_size(nt), "load_s": lt,
                               "queries": run_queries(lambda q: mem.query(q))}
    mem = None

    _, t = timed(lambda: save_graph(g, disk))
    opened, lt = timed(lambda: load_graph(disk), repeat=3)
    store = opened.store._inner
    results["oxigraph-disk"] = {"save_s": t, "bytes": dir_size(disk), "load_s": lt,
                                "queries": run_queries(lambda q: store.query(q))}
    opened = store = None

    q = (sparql_prologue() + QUERIES["one provision in every edition (lookup)"]).replace("\n", " ")
    cold = {
        "rdflib-nt": f"from rdflib import Graph; g=Graph().parse({str(nt)!r}, format='nt'); list(g.query({q!r}))",
        "rdflib-pickle": f"import pickle, kg.namespaces; g=pickle.load(open({str(pk)!r},'rb')); list(g.query({q!r}))",
        "oxigraph-mem": f"import pyoxigraph as ox; s=ox.Store(); s.bulk_load(path={str(nt)!r}, "
                        f"format=ox.RdfFormat.N_TRIPLES); list(s.query({q!r}))",
        "oxigraph-disk": f"from kg.store import open_store; list(open_store({str(disk)!r}).query({q!r}))",
    }
    for name, code in cold.items():
        results[name]["cold_process_s"] = cold_process(code)

    print(f"\n{'store':<15}{'save s':>8}{'MB':>8}{'load s':>9}{'process s':>11}  queries (s, rows)")
    for name, r in results.items():
        qs = "; ".join(f"{t:.3f}/{n}" for t, n in r["queries"].values())
        print(f"{name:<15}{r['save_s']:>8.2f}{r['bytes'] / 1e6:>8.1f}{r['load_s']:>9.3f}{r['cold_process_s']:>11.2f}  {qs}")
    print("\nqueries:", "; ".join(QUERIES))
    if args.json:
        Path(args.json).write_text(json.dumps({"triples": len(g), "build_graph_s": build_s, "results": results},
                                              indent=1, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
