"""Search quality on the gold set: nDCG@10, recall@10 and MRR for four analyzers.

The gold set (``tests/gold_queries.yaml``) holds queries written in
researchers' words, each with its relevant provisions graded 1 (related),
2 (relevant) or 3 (the answer), identified by act id and eid (edition-free:
the query's ``as_of`` picks the edition), and optionally an ``as_of`` date::

    as_of: 2026-11-22            # default date of the queries
    queries:
      - id: q01
        query: кто назначает акимов областей
        as_of: 2024-01-01        # optional
        relevant:
          - {act: constitution-1995, eid: art_87/point_4, grade: 3}

The systems compared, all on one index built with every analyzer:
``none`` (lower-cased forms), ``snowball`` (whoosh's Russian stemmer),
``lemma`` (pymorphy3 + domain lexicon) and ``lemma+synonyms`` (with the
thesaurus expansion).

>>> ndcg([("a", "1"), ("a", "2")], {("a", "2"): 3}, 10) < 1.0
True
>>> recall([("a", "1"), ("a", "2")], {("a", "2"): 3, ("a", "9"): 2}, 10)
0.5
>>> reciprocal_rank([("a", "1"), ("a", "2")], {("a", "2"): 2})
0.5
"""
from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import yaml

from kg.model import Act, Edition

K = 10
MIN_GRADE = 2   # binary metrics (recall, MRR) count grades 2 and 3; nDCG uses every grade
# (name, search mode, synonyms)
SYSTEMS = (
    ("none", "plain", False),
    ("snowball", "snowball", False),
    ("lemma", "lemma", False),
    ("lemma+synonyms", "lemma", True),
)
# The ranking stages of search.query switched off one at a time (``akimkg eval --ablation``):
# (name, mode, synonyms, options of Searcher.search)
ABLATIONS = (
    ("lemma+synonyms −structure", "lemma", True, {"structure": False}),
    ("lemma+synonyms −semantic", "lemma", True, {"semantic": False}),
    ("lemma+synonyms BM25F only", "lemma", True, {"structure": False, "semantic": False}),
)


class GoldError(ValueError):
    """The gold file is malformed or names provisions that do not exist."""


@dataclass(frozen=True)
class GoldQuery:
    id: str
    query: str
    as_of: str
    relevant: Mapping[tuple[str, str], int]   # (act id, eid) -> grade 1..3
    note: str = ""
    split: str = "dev"                        # "dev" (used while building the search) or "held-out"
    batch: str = ""                           # the held-out batch ("1", "2", …), written and frozen together


def load_gold(path: Path) -> list[GoldQuery]:
    """Read and check a gold file (see the module docstring for its shape)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GoldError(f"cannot read gold file {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("queries"), list):
        raise GoldError(f"{path}: expected a mapping with a 'queries' list")
    default = str(data.get("as_of") or dt.date.today().isoformat())
    out, ids = [], set()
    for i, q in enumerate(data["queries"]):
        where = f"{Path(path).name}: queries[{i}]"
        if not isinstance(q, dict) or not q.get("query") or not q.get("relevant"):
            raise GoldError(f"{where}: every query needs 'query' and a non-empty 'relevant' list")
        qid = str(q.get("id") or f"q{i + 1:02d}")
        if qid in ids:
            raise GoldError(f"{where}: duplicate id {qid!r}")
        ids.add(qid)
        rel: dict[tuple[str, str], int] = {}
        for r in q["relevant"]:
            grade = r.get("grade") if isinstance(r, dict) else None
            if not isinstance(grade, int) or not 1 <= grade <= 3 or not r.get("act") or not r.get("eid"):
                raise GoldError(f"{where} ({qid}): each relevant item needs act, eid and grade 1..3")
            rel[(str(r["act"]), str(r["eid"]))] = grade
        split = str(q.get("split") or "dev")
        batch = str(q.get("batch") or "")
        out.append(GoldQuery(qid, str(q["query"]), str(q.get("as_of") or default), rel,
                             str(q.get("note") or ""), split, batch))
    return out


def check_gold(gold: Sequence[GoldQuery], acts: Mapping[str, Act], editions: Sequence[Edition]) -> list[str]:
    """Problems: relevant provisions absent from the edition of their act in force on the query date."""
    from search.documents import edition_intervals, units_of

    intervals = edition_intervals(acts, editions)
    units: dict[tuple[str, str], set[str]] = {}
    for ed in editions:
        units[(ed.act_id, ed.date)] = {p.eid for p, _ in units_of(ed)}
    problems = []
    for g in gold:
        for act, eid in g.relevant:
            in_force = [key for key, (start, end) in intervals.items()
                        if key[0] == act and start <= g.as_of and (end is None or g.as_of < end)]
            if not in_force:
                problems.append(f"{g.id}: no edition of {act} in force on {g.as_of}")
            elif not any(eid in units.get(key, ()) for key in in_force):
                problems.append(f"{g.id}: no provision {act}:{eid} in force on {g.as_of}")
    return problems


def ndcg(ranked: Sequence[tuple[str, str]], rel: Mapping[tuple[str, str], int], k: int = K) -> float:
    """Normalised discounted cumulative gain at k with gains 2^grade - 1."""
    dcg = sum((2 ** rel.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def _relevant(rel: Mapping[tuple[str, str], int]) -> set:
    """The provisions that count for the binary metrics: graded 2 or 3 (grade 1 is «related»)."""
    strong = {key for key, grade in rel.items() if grade >= MIN_GRADE}
    return strong or set(rel)


def recall(ranked: Sequence[tuple[str, str]], rel: Mapping[tuple[str, str], int], k: int = K) -> float:
    """Share of the relevant provisions (grade ≥ 2) found in the top k, out of at most k
    (capped recall: a query with more than k relevant provisions can still score 1).

    >>> recall([("a", str(i)) for i in range(10)], {("a", str(i)): 2 for i in range(15)})
    1.0
    >>> recall([("a", "1")], {("a", "1"): 3, ("a", "2"): 1})
    1.0
    """
    strong = _relevant(rel)
    return len(set(ranked[:k]) & strong) / min(len(strong), k) if strong else 0.0


def reciprocal_rank(ranked: Sequence[tuple[str, str]], rel: Mapping[tuple[str, str], int]) -> float:
    """1 / rank of the first relevant provision (grade ≥ 2; 0 when none is retrieved)."""
    strong = _relevant(rel)
    for i, key in enumerate(ranked):
        if key in strong:
            return 1.0 / (i + 1)
    return 0.0


def _means(scored: Sequence[tuple], k: int) -> dict:
    """Mean nDCG, recall and reciprocal rank of ``(ndcg, recall, rr)`` triples."""
    n = len(scored)
    return {f"ndcg@{k}": round(sum(x[0] for x in scored) / n, 4),
            f"recall@{k}": round(sum(x[1] for x in scored) / n, 4),
            "mrr": round(sum(x[2] for x in scored) / n, 4)}


def run_gold(searcher, gold: Sequence[GoldQuery], systems=SYSTEMS, k: int = K, depth: int = 50) -> dict:
    """Run every gold query with every system on an open :class:`search.query.Searcher`."""
    rows, per_query, scored = [], [], {}   # scored: system -> [(query, (ndcg, recall, rr))]
    for name, mode, synonyms, *options in systems:
        options = options[0] if options else {}
        secs = 0.0
        for g in gold:
            t = time.perf_counter()
            res = searcher.search(g.query, as_of=g.as_of, limit=depth, mode=mode, synonyms=synonyms,
                                  facets=False, snippets=False, **options)
            secs += time.perf_counter() - t
            ranked = [(h["act"], h["eid"]) for h in res["hits"]]
            metrics = (ndcg(ranked, g.relevant, k), recall(ranked, g.relevant, k),
                       reciprocal_rank(ranked, g.relevant))
            scored.setdefault(name, []).append((g, metrics))
            per_query.append({"system": name, "id": g.id, "query": g.query, "split": g.split, "batch": g.batch,
                              f"ndcg@{k}": round(metrics[0], 4), f"recall@{k}": round(metrics[1], 4),
                              "rr": round(metrics[2], 4), "top": [f"{a}:{e}" for a, e in ranked[:k]]})
        rows.append({"system": name, **_means([m for _, m in scored[name]], k),
                     "ms_per_query": round(1000 * secs / len(gold), 2)})

    def by(attr: str) -> dict:
        groups = dict.fromkeys(getattr(g, attr) for g in gold if getattr(g, attr))
        return {group: [{"system": name, **_means(vals, k), "queries": len(vals)}
                        for name, results in scored.items()
                        for vals in [[m for g, m in results if getattr(g, attr) == group]]]
                for group in groups}

    names = [system[0] for system in systems]
    main = [n for n in names if n in {x[0] for x in SYSTEMS}]
    pairs = list(zip(main[1:], main[:-1])) + [("lemma+synonyms", n) for n in names if n not in main]
    comparisons = [compare(per_query, a, b, metric)
                   for a, b in pairs for metric in (f"ndcg@{k}", f"recall@{k}")]
    return {"k": k, "queries": len(gold), "systems": rows, "by_split": by("split"), "by_batch": by("batch"),
            "comparisons": comparisons, "per_query": per_query}


def compare(per_query: Sequence[dict], a: str, b: str, metric: str, *, resamples: int = 10000,
            seed: int = 20261122) -> dict:
    """Paired comparison of systems ``a`` and ``b`` on one metric over the same queries.

    Returns the mean difference a − b, its 95% confidence interval by the
    paired bootstrap (percentile method), the two-sided p-value of a paired
    randomisation (sign-flip) test, and how many queries each system wins.
    Both resampling tests are the usual ones for IR evaluation (Smucker, Allan
    & Carterette 2007); with a few dozen queries, differences of a few
    hundredths are often not significant, and the table says so.

    >>> rows = [{"system": s, "id": str(i), "m": v} for i in range(20)
    ...         for s, v in (("a", 0.5 + (i % 2) * 0.1), ("b", 0.5))]
    >>> c = compare(rows, "a", "b", "m", resamples=2000)
    >>> round(c["mean_diff"], 3), c["ci95"][0] > 0, c["p"] < 0.01, c["wins"], c["losses"]
    (0.05, True, True, 10, 0)
    """
    x = {r["id"]: r[metric] for r in per_query if r["system"] == a}
    y = {r["id"]: r[metric] for r in per_query if r["system"] == b}
    ids = sorted(set(x) & set(y))
    d = np.asarray([x[i] - y[i] for i in ids], dtype=np.float64)
    out = {"a": a, "b": b, "metric": metric, "queries": len(ids), "mean_diff": 0.0,
           "ci95": (0.0, 0.0), "p": 1.0, "wins": int((d > 0).sum()), "losses": int((d < 0).sum())}
    if not len(d):
        return out
    rng = np.random.default_rng(seed)
    boot = d[rng.integers(0, len(d), size=(resamples, len(d)))].mean(axis=1)
    signs = rng.choice((-1.0, 1.0), size=(resamples, len(d)))
    flipped = np.abs((signs * d).mean(axis=1))
    observed = abs(d.mean())
    out.update(mean_diff=float(d.mean()),
               ci95=(float(np.percentile(boot, 2.5)), float(np.percentile(boot, 97.5))),
               p=float(((flipped >= observed - 1e-12).sum() + 1) / (resamples + 1)))
    return out


def evaluate(acts: Mapping[str, Act], editions: Sequence[Edition], gold_path: Path, work_dir: Path,
             *, k: int = K, procs: int = 1, ablation: bool = False) -> dict:
    """Build an index with every analyzer in ``work_dir`` and score each system on the gold set.

    Returns ``{"k", "queries", "systems": [{"system", "ndcg@10", "recall@10", "mrr", ...}],
    "per_query": [...], "problems": [...]}``; raises :class:`GoldError` when the
    gold set names provisions that are not in the corpus.
    """
    from search.index import build_index
    from search.query import Searcher
    from search.schema import ALL_VARIANTS

    gold = load_gold(Path(gold_path))
    problems = check_gold(gold, acts, editions)
    if problems:
        raise GoldError(f"{len(problems)} gold provisions are not in the corpus, e.g. {problems[0]}")
    index_dir = Path(work_dir) / "eval-index"
    stats = build_index(acts, editions, index_dir, variants=ALL_VARIANTS, procs=procs)
    with Searcher(index_dir) as searcher:
        table = run_gold(searcher, gold, systems=SYSTEMS + (ABLATIONS if ablation else ()), k=k)
    table["index"] = {"docs": stats["docs"], "bytes": stats["bytes"], "seconds": stats["seconds"]}
    table["problems"] = problems
    return table


def _p_value(p: float) -> str:
    """>>> _p_value(0.0001), _p_value(0.0312)
    ('p<0.001', 'p=0.031')
    """
    return "p<0.001" if p < 0.001 else f"p={p:.3f}"


def format_table(table: dict) -> str:
    """The systems side by side as a Markdown table.

    >>> print(format_table({"k": 10, "queries": 2, "systems": [
    ...     {"system": "lemma", "ndcg@10": 0.8, "recall@10": 0.9, "mrr": 0.85, "ms_per_query": 3.1}]}))
    | system | nDCG@10 | recall@10 | MRR | ms/query |
    |---|---:|---:|---:|---:|
    | lemma | 0.800 | 0.900 | 0.850 | 3.1 |
    <BLANKLINE>
    2 queries
    """
    k = table["k"]
    lines = [f"| system | nDCG@{k} | recall@{k} | MRR | ms/query |", "|---|---:|---:|---:|---:|"]
    for row in table["systems"]:
        lines.append(f"| {row['system']} | {row[f'ndcg@{k}']:.3f} | {row[f'recall@{k}']:.3f} | "
                     f"{row['mrr']:.3f} | {row.get('ms_per_query', '')} |")
    out = "\n".join(lines) + f"\n\n{table['queries']} queries"
    for split, rows in sorted(table.get("by_split", {}).items()):
        if len(table.get("by_split", {})) < 2:
            break
        out += f"\n\n{split} ({rows[0]['queries']} queries):\n"
        out += "\n".join(f"  {r['system']:27s} nDCG@{k} {r[f'ndcg@{k}']:.3f}  recall@{k} {r[f'recall@{k}']:.3f}  "
                          f"MRR {r['mrr']:.3f}" for r in rows)
    batches = table.get("by_batch", {})
    if batches:
        out += f"\n\nheld-out by batch (lemma+synonyms; nDCG@{k} / recall@{k} / MRR):\n"
        for name, rows in sorted(batches.items(), key=lambda kv: (len(kv[0]), kv[0])):
            r = next((x for x in rows if x["system"] == "lemma+synonyms"), rows[-1])
            out += (f"  batch {name:3s} ({r['queries']:2d} queries)  {r[f'ndcg@{k}']:.3f} / "
                    f"{r[f'recall@{k}']:.3f} / {r['mrr']:.3f}\n")
        out = out.rstrip("\n")
    if table.get("comparisons"):
        out += "\n\npaired differences over all queries (95% bootstrap CI; randomisation test p):\n"
        out += "\n".join(
            f"  {c['a'] + ' − ' + c['b']:50s} {c['metric']:10s} {c['mean_diff']:+.3f} "
            f"[{c['ci95'][0]:+.3f}, {c['ci95'][1]:+.3f}]  {_p_value(c['p'])}"
            f"  wins {c['wins']}, losses {c['losses']}"
            for c in table["comparisons"])
    return out
