#!/usr/bin/env python
"""Search benchmark: index build time and size, query latency (p50/p95) over a fixed query mix.

Two corpora:

* ``real``: the editions of the real corpus (``../shared/corpus`` or
  ``$AKIMKG_CORPUS_SOURCE``), synced and parsed as ``akimkg build`` does;
* ``synthetic``: N provisions (default 100,000) generated from the real
  texts: sentences of real provisions recombined into invented acts
  (deterministic, seeded), so vocabulary and lengths follow the real ones.

Usage::

    python scripts/bench_search.py                 # both corpora, 100,000 synthetic provisions, 2 writer processes
    python scripts/bench_search.py --corpus real
    python scripts/bench_search.py --synthetic 20000 --procs 1 --json
    python scripts/bench_search.py --mix all       # every gold query instead of the fixed mix

Prints one block per corpus; ``--json`` prints the figures as JSON. Timings
are wall-clock on this machine; run it on an otherwise idle machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.model import Act, Edition, EditionMeta, Provision  # noqa: E402
from search.documents import units_of  # noqa: E402
from search.evaluation import load_gold  # noqa: E402
from search.index import build_index  # noqa: E402
from search.query import Searcher  # noqa: E402

GOLD = ROOT / "tests" / "gold_queries.yaml"

# Queries beyond the gold set: single frequent words, phrases, prefixes, booleans, filters.
EXTRA_QUERIES = [
    ("аким", {}), ("маслихат", {}), ("выборы", {}), ("Президент", {}), ("бюджет", {}),
    ('"сход местного сообщества"', {}), ('"глава местной администрации"', {"as_of": "all"}),
    ("избира*", {}), ("назнач*", {}), ("аким AND NOT президент", {}), ("маслихат OR аким", {}),
    ("акимы областей", {"as_of": "2015-01-01"}), ("ревизионная комиссия", {"as_of": "all"}),
    ("сход", {"mode": "exact"}), ('"не может быть избран"', {"mode": "exact"}),
    ("аким района", {"page": 3}), ("маслихт", {}),
]


def load_real(source: str | None = None):
    """Acts and parsed editions of the real corpus, read the way ``akimkg build`` reads them."""
    from corpus.sync import load_synced, sync
    from kg.structure import parse_edition

    source = source or os.environ.get("AKIMKG_CORPUS_SOURCE") or str(ROOT.parent / "shared" / "corpus")
    home = Path(tempfile.mkdtemp(prefix="akimkg-bench-")) / "corpus"
    sync(source, home)
    eds, _problems = load_synced(home)
    acts = {e.act.id: e.act for e in eds}
    return acts, [parse_edition(e.meta, e.file_map) for e in eds]


_SENTENCE = re.compile(r"(?<=[.;:])\s+")
_NUMBERED = re.compile(r"^\s*(?:\d+(?:-\d+)?[.)]|Статья\s+\S+)\s*")


def synthetic_corpus(acts, editions, n: int, seed: int = 2026):
    """About ``n`` provisions in invented acts, made of sentences of the real ones.

    Each invented edition has articles (a heading taken from a real article)
    with four points of one to three real sentences; acts get one to four
    editions, dated between 1993 and 2025.
    """
    from kg.model import ACT_TYPES

    rng = random.Random(seed)
    sentences, headings = [], []
    for ed in editions:
        for p, text in units_of(ed):
            if p.kind == "article" and p.heading:
                headings.append(p.heading.strip())
            for s in _SENTENCE.split(_NUMBERED.sub("", text.replace("\n", " "))):
                if 20 <= len(s) <= 400:
                    sentences.append(s.strip())
    headings = headings or ["Общие положения"]
    out_acts, out_eds = {}, []
    per_edition, made, a = 1000, 0, 0
    while made < n:
        a += 1
        kind = ACT_TYPES[a % 5]
        year = rng.randint(1993, 2025)
        act = Act(id=f"syn-{kind}-{a:04d}", code=str(900000 + a), type=kind,
                  title=f"Синтетический акт {a} ({kind})", date=f"{year}-01-01")
        out_acts[act.id] = act
        dates = sorted({f"{rng.randint(year, 2025)}-{rng.randint(1, 12):02d}-01" for _ in range(rng.randint(1, 4))})
        for date in dates:
            if made >= n:
                break
            provs, order, art = [], 0, 0
            while len(provs) < per_edition and made + len(provs) < n:
                art += 1
                eid = f"art_{art}"
                provs.append(Provision(eid, "article", str(art), rng.choice(headings),
                                       f"Статья {art}. {rng.choice(headings)}", None, order))
                order += 1
                for pt in range(1, 5):
                    if made + len(provs) >= n:
                        break
                    body = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 3)))
                    provs.append(Provision(f"{eid}/point_{pt}", "point", str(pt), None, f"{pt}. {body}", eid, order))
                    order += 1
            out_eds.append(Edition(EditionMeta(act.id, date), act.title, tuple(provs)))
            made += len(provs)
    return out_acts, out_eds


FIXED_BATCHES = {"", "1", "2", "3"}   # dev and held-out batches 1-3: the mix since round 3


def query_mix(acts, which: str = "fixed"):
    """The query mix: the gold queries (with their dates) and the extra ones.

    ``fixed`` keeps the gold queries of dev and batches 1-3 (113 queries with the extras),
    so that figures compare across rounds while the gold set grows; ``all`` takes every
    gold query (the later batches ask longer, more colloquial questions: more terms each).
    """
    gold = [g for g in load_gold(GOLD) if which == "all" or g.batch in FIXED_BATCHES]
    return [(g.query, {"as_of": g.as_of}) for g in gold] + EXTRA_QUERIES


def _percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def measure_queries(index_dir: Path, mix, rounds: int = 5, options: dict | None = None) -> dict:
    """Latency of ``Searcher.search`` (facets, snippets, synonyms on; ``options`` passed on) over the mix.

    The first pass runs on a freshly opened searcher (cold caches); for the
    warm figures each query's latency is its median over the later passes,
    so a moment of load on a shared machine does not decide a percentile.
    """
    t = time.perf_counter()
    searcher = Searcher(index_dir)
    open_s = time.perf_counter() - t
    passes = []
    for r in range(rounds):
        times = []
        for q, kw in mix:
            t = time.perf_counter()
            searcher.search(q, **kw, **(options or {}))
            times.append((time.perf_counter() - t) * 1000)
        passes.append(times)
    cold = passes[0]
    later = passes[1:] or passes
    warm = [statistics.median(p[i] for p in later) for i in range(len(mix))]
    return {
        "queries": len(mix), "open_s": round(open_s, 3),
        "cold_p50_ms": round(_percentile(cold, 50), 2), "cold_p95_ms": round(_percentile(cold, 95), 2),
        "p50_ms": round(_percentile(warm, 50), 2), "p95_ms": round(_percentile(warm, 95), 2),
        "mean_ms": round(statistics.mean(warm), 2), "max_ms": round(max(warm), 2),
    }


def bench(name: str, acts, editions, procs: int, work: Path, mix) -> dict:
    docs = sum(len(units_of(e)) for e in editions)
    text_mb = sum(len(t.encode("utf-8")) for e in editions for _, t in units_of(e)) / 1e6
    index_dir = work / f"{name}-index"
    t = time.perf_counter()
    stats = build_index(acts, editions, index_dir, procs=procs)
    build_s = time.perf_counter() - t
    out = {"corpus": name, "provisions": docs, "editions": len(editions), "text_mb": round(text_mb, 2),
           "procs": procs, "build_s": round(build_s, 1), "index_mb": round(stats["bytes"] / 1e6, 1),
           "build_mb_per_s": round(text_mb / build_s, 3)}
    out.update(measure_queries(index_dir, mix))
    # the same index and mix, ranked by BM25F alone (no structural smoothing, no semantic mix)
    base = measure_queries(index_dir, mix, options={"structure": False, "semantic": False})
    out["bm25f_only"] = {k: base[k] for k in ("cold_p50_ms", "cold_p95_ms", "p50_ms", "p95_ms")}
    out["ratio_p50"] = round(out["p50_ms"] / base["p50_ms"], 2) if base["p50_ms"] else None
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=("real", "synthetic", "both"), default="both")
    ap.add_argument("--synthetic", type=int, default=100_000, help="number of synthetic provisions")
    ap.add_argument("--procs", type=int, default=2, help="writer processes for the build")
    ap.add_argument("--source", help="corpus source (default: ../shared/corpus)")
    ap.add_argument("--work", help="directory for the indexes (default: a temporary one)")
    ap.add_argument("--mix", choices=("fixed", "all"), default="fixed",
                    help="fixed: the 113 queries of round 3 (default); all: every gold query")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="akimkg-bench-"))
    acts, editions = load_real(args.source)
    mix = query_mix(acts, args.mix)
    results = []
    if args.corpus in ("real", "both"):
        results.append(bench("real", acts, editions, args.procs, work, mix))
    if args.corpus in ("synthetic", "both"):
        sacts, seds = synthetic_corpus(acts, editions, args.synthetic)
        results.append(bench("synthetic", sacts, seds, args.procs, work, mix))
    meta = {"date": dt.date.today().isoformat(), "cpus": os.cpu_count(), "load_avg": os.getloadavg()}
    if args.json:
        print(json.dumps({"machine": meta, "results": results}, ensure_ascii=False, indent=1))
    else:
        print(f"# bench_search  {meta}")
        for r in results:
            print(f"\n## {r['corpus']}: {r['provisions']} provisions in {r['editions']} editions, {r['text_mb']} MB of text")
            print(f"build: {r['build_s']} s with {r['procs']} process(es) ({r['build_mb_per_s']} MB/s); "
                  f"index size {r['index_mb']} MB")
            print(f"queries: {r['queries']} in the mix; open {r['open_s']} s; first pass p50 {r['cold_p50_ms']} ms, "
                  f"p95 {r['cold_p95_ms']} ms; warm p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, "
                  f"mean {r['mean_ms']} ms, max {r['max_ms']} ms")
            b = r["bm25f_only"]
            print(f"same mix, BM25F only (structure and semantic stages off): first pass p50 {b['cold_p50_ms']} ms, "
                  f"p95 {b['cold_p95_ms']} ms; warm p50 {b['p50_ms']} ms, p95 {b['p95_ms']} ms; "
                  f"full ranking / BM25F only, warm p50: {r['ratio_p50']}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
