"""Benchmark of the structure parser: parse every edition of a corpus source on one core.

Usage::

    python scripts/bench_parse.py [SOURCE] [--repeat N]

SOURCE is a corpus source as for ``akimkg corpus sync`` (default:
``AKIMKG_CORPUS_SOURCE``, else ``../shared/corpus`` beside the repository).
Reading the source (git) is not timed; only :func:`kg.structure.parse_edition`
is.  Prints per-edition times, the total in seconds and the throughput in MB/s
(best of N runs).  Goal: all 15 real editions in under 5 s.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.editions import to_editions  # noqa: E402
from corpus.sources import read_source  # noqa: E402
from kg.structure import parse_edition  # noqa: E402
from kg.textnorm import clean_line, match_key  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?",
                    default=os.environ.get("AKIMKG_CORPUS_SOURCE", str(ROOT.parent / "shared" / "corpus")))
    ap.add_argument("--repeat", type=int, default=3, help="runs; the best is reported (default 3)")
    args = ap.parse_args(argv)

    editions, _ = to_editions(read_source(args.source))
    inputs = [(se.meta, se.file_map) for se in editions]
    size = sum(len(b) for _, files in inputs for rel, b in files.items() if rel.endswith(".md"))

    best_total, best_each = float("inf"), []
    for _ in range(max(1, args.repeat)):
        each = []
        clean_line.cache_clear()      # every run starts cold
        match_key.cache_clear()
        t0 = time.perf_counter()
        for meta, files in inputs:
            t = time.perf_counter()
            ed = parse_edition(meta, files)
            each.append((meta, time.perf_counter() - t, ed))
        total = time.perf_counter() - t0
        if total < best_total:
            best_total, best_each = total, each

    print(f"{'edition':42} {'seconds':>8} {'KB':>7} {'articles':>8} {'footnotes':>9}")
    for (meta, secs, ed), (_, files) in zip(best_each, inputs):
        kb = sum(len(b) for rel, b in files.items() if rel.endswith(".md")) / 1024
        c = ed.counts()
        print(f"{meta.act_id + ' ' + meta.date:42} {secs:8.3f} {kb:7.0f} {c['articles']:8} {c['footnotes']:9}")
    print(f"editions: {len(inputs)}  text: {size / 1e6:.2f} MB")
    print(f"total: {best_total:.3f} s  throughput: {size / 1e6 / best_total:.2f} MB/s  (best of {args.repeat})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
