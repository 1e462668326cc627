"""Search quality: the metrics, the gold set, and the four analyzers measured on the real corpus."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from search.evaluation import (GoldError, check_gold, evaluate, format_table, load_gold, ndcg, recall,
                               reciprocal_rank, run_gold)
from search.index import build_index
from search.query import Searcher
from search.sample import sample_corpus
from search.schema import ALL_VARIANTS

GOLD = Path(__file__).resolve().parent / "gold_queries.yaml"


def test_metrics_by_hand():
    rel = {("a", "1"): 3, ("a", "2"): 1}
    # ideal order: 1 then 2
    assert ndcg([("a", "1"), ("a", "2")], rel) == pytest.approx(1.0)
    swapped = ndcg([("a", "2"), ("a", "1")], rel)
    expected = (1 / math.log2(2) + 7 / math.log2(3)) / (7 / math.log2(2) + 1 / math.log2(3))
    assert swapped == pytest.approx(expected)
    assert ndcg([("x", "9")], rel) == 0.0
    # binary metrics count grades 2 and 3 only
    assert recall([("a", "2")], rel) == 0.0 and recall([("a", "1")], rel) == 1.0
    assert reciprocal_rank([("x", "9"), ("a", "2"), ("a", "1")], rel) == pytest.approx(1 / 3)
    assert reciprocal_rank([], rel) == 0.0
    # only grade 1 judged: those count
    assert recall([("a", "2")], {("a", "2"): 1}) == 1.0
    assert ndcg([("a", str(i)) for i in range(20)], {("a", "15"): 2}, k=10) == 0.0


def _write_gold(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


def test_evaluate_on_the_sample_corpus(tmp_path):
    acts, eds = sample_corpus()
    gold = _write_gold(tmp_path / "gold.yaml", """
as_of: "2025-01-01"
queries:
  - id: s1
    query: кто назначает акимов областей
    relevant: [{act: basic-law, eid: art_87/point_4, grade: 3}]
  - id: s2
    query: выборность сельских акимов
    relevant:
      - {act: local-law, eid: art_33/point_1, grade: 3}
      - {act: basic-law, eid: art_87/point_5, grade: 2}
  - id: s3
    query: сходы жителей
    split: held-out
    relevant: [{act: local-law, eid: art_1/point_1, grade: 3}]
""")
    table = evaluate(acts, eds, gold, tmp_path / "work")
    names = [row["system"] for row in table["systems"]]
    assert names == ["none", "snowball", "lemma", "lemma+synonyms"]
    by = {row["system"]: row for row in table["systems"]}
    assert by["lemma"]["ndcg@10"] > by["none"]["ndcg@10"]
    assert by["lemma+synonyms"]["recall@10"] == 1.0
    assert set(table["by_split"]) == {"dev", "held-out"} and table["by_batch"] == {}
    text = format_table(table)
    assert text.startswith("| system | nDCG@10 | recall@10 | MRR |") and "held-out (1 queries)" in text


@pytest.mark.parametrize("body, message", [
    ("queries: [{query: x}]", "needs 'query' and a non-empty 'relevant'"),
    ("queries: [{query: x, relevant: [{act: a, eid: b, grade: 5}]}]", "grade 1..3"),
    ("queries: [{id: a, query: x, relevant: [{act: a, eid: b, grade: 1}]}, "
     "{id: a, query: y, relevant: [{act: a, eid: b, grade: 1}]}]", "duplicate id"),
    ("[]", "'queries' list"),
])
def test_bad_gold_files(tmp_path, body, message):
    with pytest.raises(GoldError, match=message):
        load_gold(_write_gold(tmp_path / "g.yaml", body))


def test_gold_naming_a_missing_provision_is_an_error(tmp_path):
    acts, eds = sample_corpus()
    gold = _write_gold(tmp_path / "g.yaml", """
queries:
  - {query: x, as_of: "2025-01-01", relevant: [{act: basic-law, eid: art_99, grade: 3}]}
""")
    with pytest.raises(GoldError, match="not in the corpus"):
        evaluate(acts, eds, gold, tmp_path / "w")


def test_the_gold_set_is_big_enough_and_graded():
    gold = load_gold(GOLD)
    dev = [g for g in gold if g.split == "dev"]
    held_out = [g for g in gold if g.split == "held-out"]
    assert len(dev) >= 40 and len(held_out) >= 116 and len(dev) + len(held_out) == len(gold)
    assert {g.batch for g in held_out} == {"1", "2", "3", "4", "5", "6"} and {g.batch for g in dev} == {""}
    assert all(3 in g.relevant.values() or 2 in g.relevant.values() for g in gold)
    assert len({g.query for g in gold}) == len(gold)
    assert {g.as_of[:4] for g in gold} >= {"1994", "1996", "1998", "2012", "2015", "2024", "2026"}


# ------------------------------------------------------------------ real corpus

@pytest.fixture(scope="module")
def real_table(real_acts, real_editions, tmp_path_factory):
    work = tmp_path_factory.mktemp("eval")
    index_dir = work / "index"
    build_index(real_acts, real_editions, index_dir, variants=ALL_VARIANTS)
    with Searcher(index_dir) as searcher:
        yield run_gold(searcher, load_gold(GOLD)), searcher


@pytest.mark.corpus
def test_every_gold_provision_exists_on_its_date(real_acts, real_editions):
    assert check_gold(load_gold(GOLD), real_acts, real_editions) == []


@pytest.mark.corpus
def test_lemma_beats_snowball_on_every_set(real_table):
    table, _ = real_table
    sets = {"all": table["systems"], **table["by_split"]}
    assert set(sets) == {"all", "dev", "held-out"}
    for name, rows in sets.items():
        s = {row["system"]: row for row in rows}
        assert s["lemma"]["ndcg@10"] > s["snowball"]["ndcg@10"] > s["none"]["ndcg@10"], name
        assert s["lemma"]["recall@10"] > s["snowball"]["recall@10"] > s["none"]["recall@10"], name
        assert s["lemma+synonyms"]["ndcg@10"] >= s["lemma"]["ndcg@10"], name
        assert s["lemma+synonyms"]["recall@10"] >= s["lemma"]["recall@10"], name


@pytest.mark.corpus
def test_the_floor_and_no_regression(real_table):
    """The issue's floor (nDCG@10 ≥ 0.75, recall@10 ≥ 0.9) holds on the dev queries only.

    It is NOT reached on the held-out queries (batches 1-6, lemma+synonyms 0.634 / 0.724),
    nor on the three batches written and judged without looking at any system (4: 0.530 /
    0.585, 5: 0.590 / 0.643, 6: 0.645 / 0.716), nor on the whole gold set (0.691 / 0.783):
    see docs/search.md, Quality. Those are guarded against regressions at the measured
    figures less 0.01.
    """
    table, _ = real_table
    lemma_syn = {split: next(r for r in rows if r["system"] == "lemma+synonyms")
                 for split, rows in {"all": table["systems"], **table["by_split"], **table["by_batch"]}.items()}
    assert lemma_syn["dev"]["ndcg@10"] >= 0.75 and lemma_syn["dev"]["recall@10"] >= 0.9
    guards = {"all": (0.681, 0.773), "held-out": (0.624, 0.714),
              "4": (0.520, 0.575), "5": (0.580, 0.633), "6": (0.635, 0.706)}
    for name, (n, r) in guards.items():
        assert lemma_syn[name]["ndcg@10"] >= n and lemma_syn[name]["recall@10"] >= r, (name, lemma_syn[name])


@pytest.mark.corpus
def test_the_analyzer_ordering_is_significant(real_table):
    """Lemma over Snowball and synonyms over lemma are not noise: the 95% bootstrap interval
    of the paired difference in nDCG@10 over all queries lies above zero."""
    table, _ = real_table
    by_pair = {(c["a"], c["b"], c["metric"]): c for c in table["comparisons"]}
    for a, b in (("snowball", "none"), ("lemma", "snowball"), ("lemma+synonyms", "lemma")):
        c = by_pair[(a, b, "ndcg@10")]
        assert c["ci95"][0] > 0 and c["p"] < 0.05 and c["wins"] > c["losses"], c


@pytest.mark.corpus
def test_fast_scorer_ranks_as_whoosh_does(real_table):
    _, searcher = real_table
    for q, as_of in [("кто назначает акимов областей", "2026-11-22"), ("сход местного сообщества", "2026-11-22"),
                     ('"глава местной администрации"', "1996-06-01"), ("маслихат NOT аким", "2026-11-22"),
                     ("выборность акимов районов", "all")]:
        # (prefix queries are left out: whoosh drops the boost of a prefix that expands to a
        # single word, the numpy scorer keeps it)
        fast = searcher.search(q, as_of=as_of, limit=20, snippets=False, structure=False, semantic=False)
        slow = searcher.search(q, as_of=as_of, limit=20, snippets=False, engine="whoosh")
        assert fast["total"] == slow["total"] and fast["facets"] == slow["facets"]
        assert [h["score"] for h in fast["hits"]] == pytest.approx([h["score"] for h in slow["hits"]], rel=1e-6)
        assert {h["id"] for h in fast["hits"][:10]} == {h["id"] for h in slow["hits"][:10]}


@pytest.mark.corpus
def test_real_queries_find_the_norms(real_table):
    _, searcher = real_table
    r = searcher.search("кто назначает акимов областей", as_of="2026-11-22")
    top = [(h["act"], h["eid"]) for h in r["hits"][:5]]
    assert ("constitution-2026", "art_89/point_4") in top or ("law-2001-148", "art_28/point_1") in top
    old = searcher.search("акимы областей назначаются", as_of="2000-01-01")
    assert {h["act"] for h in old["hits"]} <= {"constitution-1995", "law-1993-4100", "law-1993-3600", "law-1993-3800"}
    hit = next(h for h in old["hits"] if h["act"] == "constitution-1995")
    assert hit["edition"] == "1995-08-29" and hit["in_force"] == {"from": "1995-08-29", "to": "2007-05-21"}
    new = searcher.search("маслихат", as_of="2026-11-22", acts=["constitution-2026"])
    assert new["hits"] and all(h["in_force"]["from"] == "2026-07-01" for h in new["hits"])
    # the 1995 Constitution lapsed on 2026-07-01
    assert searcher.search("маслихат", as_of="2026-11-22", acts=["constitution-1995"])["total"] == 0
    snippet = searcher.search("маслихатами", as_of="2026-11-22")["hits"][0]["snippet"]
    assert "<b>" in snippet
