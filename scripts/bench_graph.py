#!/usr/bin/env python
"""Benchmark the graph of the real corpus: build, validate, persist, reopen, query, and the CLI answers.

Prints, for the corpus at --source (default ../shared/corpus):
  * parse time of every edition (for reference; the parser is measured by its own benchmark),
  * build_graph time, documents only and with the rule builders (kg.rdf_rules), and the triple count,
  * validation time (SPARQL rules + SHACL) and its verdict,
  * save time, size on disk, time to reopen the persisted graph and to answer a few queries on it,
  * with --cli (default): wall time of fresh `python -m kg modes --json`, `timeline --json` and `sparql`
    processes on a full `akimkg build` in a temporary AKIMKG_HOME (what a user waits for).

Usage: python scripts/bench_graph.py [--source PATH] [--no-cli] [--repeat N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = {
    "provisions per act": "SELECT ?act (COUNT(?x) AS ?n) WHERE { ?x a akn:ProvisionEdition ; "
                          "eli:is_part_of/eli:realizes/akn:actId ?act } GROUP BY ?act",
    "art. 87 p. 4 in every edition": "SELECT ?ed ?text WHERE { ?w akn:actId \"constitution-1995\" ; "
                                     "eli:is_realized_by ?ed . ?p eli:is_part_of ?ed ; akn:eid \"art_87/point_4\" ; "
                                     "rdf:value ?text }",
    "rules valid on 2024-01-01": "SELECT ?r ?lv ?sel WHERE { ?r a akn:AppointmentRule ; akn:level/skos:notation ?lv ; "
                                 "akn:selection/skos:notation ?sel ; akn:validFrom ?f . OPTIONAL { ?r akn:validTo ?t } "
                                 "FILTER(?f <= \"2024-01-01\"^^xsd:date && (!BOUND(?t) || ?t > \"2024-01-01\"^^xsd:date)) }",
    "events in date order": "SELECT ?e ?d WHERE { ?e a akn:TimelineEvent ; akn:date ?d } ORDER BY ?d",
    "citations of the Constitution": "SELECT (COUNT(*) AS ?n) WHERE { ?x eli:cites ?t . "
                                     "?t (eli:is_part_of)* ?c . ?c akn:actId ?id FILTER(STRSTARTS(?id, \"constitution\")) }",
}


def clock(fn, repeat=1):
    best, out = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return out, best


def cold(cmd, env, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--no-cli", action="store_true", help="skip the full build and the CLI timings")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from corpus.sync import load_synced, sync
    from kg.graph import build_graph
    from kg.namespaces import sparql_prologue
    from kg.pipeline import parse_all
    from kg.quality import validate
    from kg.sparql import run_query
    from kg.store import load_graph, save_graph

    home = Path(tempfile.mkdtemp(prefix="bench-graph-"))
    sync(args.source, home / "corpus")
    source_editions, _ = load_synced(home / "corpus")
    (acts, editions, _), t_parse = clock(lambda: parse_all(source_editions))
    print(f"corpus: {len(acts)} acts, {len(editions)} editions, {sum(len(e.provisions) for e in editions)} provisions, "
          f"{sum(len(e.amendments) for e in editions)} footnotes; parse {t_parse:.2f} s")

    g, t_docs = clock(lambda: build_graph(acts, editions, build_info={"id": "bench"}), args.repeat)
    print(f"build_graph (documents, ontology, vocabularies): {t_docs:.2f} s, {len(g)} triples")
    extra, rule_report = (), None
    try:
        from kg.modes import all_rules
        from kg.rdf_rules import graph_extras

        rules, rule_report = all_rules(acts, editions)
        extra = graph_extras(acts, editions, rules)
        g, t_full = clock(lambda: build_graph(acts, editions, extra=extra, build_info={"id": "bench"}), args.repeat)
        print(f"build_graph with rules, powers, timeline, statistics: {t_full:.2f} s, {len(g)} triples")
    except Exception as exc:  # the rule builders are another module; report and go on
        print(f"build_graph with rule builders: skipped ({type(exc).__name__}: {exc})")

    report, t_val = clock(lambda: validate(g, rule_report=rule_report))
    print(f"validate: {t_val:.2f} s, ok={report['ok']}" + ("" if report["ok"] else f" {report['failures'][:3]}"))

    out = home / "graph-bench"
    info, t_save = clock(lambda: save_graph(g, out / "graph"))
    print(f"save_graph: {t_save:.2f} s, {info['bytes'] / 1e6:.1f} MB on disk")
    persisted, t_open = clock(lambda: load_graph(out), args.repeat)
    print(f"load_graph (open persisted): {t_open * 1000:.1f} ms")
    for name, q in QUERIES.items():
        res, t_q = clock(lambda: run_query(persisted, q), args.repeat)
        print(f"  query {name!r}: {t_q * 1000:.1f} ms, {len(res.rows)} rows")

    if not args.no_cli:
        from kg.pipeline import build

        env = dict(os.environ, AKIMKG_HOME=str(home))
        _, t_build = clock(lambda: build(home))
        print(f"akimkg build (whole pipeline, index included): {t_build:.1f} s")
        py = [sys.executable, "-m", "kg"]
        for label, cmd in (("akimkg modes --json", py + ["modes", "--json", "--date", "2024-01-01"]),
                           ("akimkg timeline --json", py + ["timeline", "--json"]),
                           ("akimkg sparql (count per act)", py + ["sparql", sparql_prologue() +
                                                                    QUERIES["provisions per act"], "--format", "csv"]),
                           ("python -c pass (interpreter alone)", [sys.executable, "-c", "pass"])):
            try:
                print(f"  {label}: {cold(cmd, env):.2f} s (fresh process, median of 3)")
            except subprocess.CalledProcessError as exc:
                print(f"  {label}: failed ({exc.stderr.decode(errors='replace').strip()[:200]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
