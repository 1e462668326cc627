"""Building the index: documents, intervals, atomic rebuild, writer lock, multiprocessing, other processes."""
from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pytest
from whoosh.util.filelock import FcntlLock

from kg.model import Act, Edition, EditionMeta, Provision
from search.documents import OPEN_END, documents, edition_intervals, units_of
from search.index import LOCK, IndexLockedError, build_index, current_generation
from search.query import Searcher
from search.sample import sample_corpus, sample_tags


@pytest.fixture(scope="module")
def corpus():
    return sample_corpus()


def test_one_document_per_article_point_and_preamble(corpus):
    acts, eds = corpus
    docs = list(documents(acts, eds))
    local = [d for d in docs if d["act"] == "local-law"]
    assert [d["eid"] for d in local] == ["art_1", "art_1/point_1", "art_1/point_2", "art_33",
                                         "art_33/point_1", "art_33/point_2", "art_34"]
    # subpoints are folded into their point; the chapter heading is context, not text
    p2 = next(d for d in local if d["eid"] == "art_33/point_2")
    assert "политическими партиями" in p2["text"] and "самовыдвижения" in p2["text"]
    assert p2["context"] == "Аким. Порядок избрания акима"
    assert p2["path"] == "Статья 33, пункт 2" and p2["article"] == "33" and p2["point"] == "2"
    assert next(d for d in local if d["eid"] == "art_33")["point"] == ""
    basic = {d["eid"] for d in docs if d["act"] == "basic-law" and d["edition"] == "2019-01-01"}
    assert "preamble" in basic and "art_87-1" in basic


def test_excluded_provisions_are_not_documents(corpus):
    acts, eds = corpus
    eids = {p.eid for p, _ in units_of(eds[1])}
    assert "art_87-1" not in eids and "art_87/point_5" in eids


def test_intervals_follow_the_next_edition_and_the_act_end(corpus):
    acts, eds = corpus
    iv = edition_intervals(acts, eds)
    assert iv[("basic-law", "2019-01-01")] == ("2019-01-01", "2024-01-01")
    assert iv[("basic-law", "2024-01-01")] == ("2024-01-01", "2030-01-01")
    assert iv[("local-law", "2023-06-01")] == ("2023-06-01", None)
    doc = next(documents(acts, [eds[2]]))
    assert doc["valid_to"] == OPEN_END


def test_in_force_from_a_later_act_date():
    act = Act(id="c26", code="9", type="constitution", title="К", date="2026-03-15", in_force_from="2026-07-01")
    ed = Edition(EditionMeta("c26", "2026-03-15"), "К", (Provision("art_1", "article", "1", None, "Статья 1. Текст", None, 0),))
    assert edition_intervals({"c26": act}, [ed])[("c26", "2026-03-15")] == ("2026-07-01", None)


def test_unknown_act_of_an_edition_is_an_error(corpus):
    _, eds = corpus
    with pytest.raises(ValueError, match="unknown act id"):
        list(documents({}, eds))


def test_build_reports_stats_and_tags_reach_the_hits(tmp_path, corpus):
    acts, eds = corpus
    stats = build_index(acts, eds, tmp_path / "index", tags=sample_tags())
    assert stats["docs"] == len(list(documents(acts, eds))) and stats["bytes"] > 0
    with Searcher(tmp_path / "index") as s:
        hit = s.search("акимы областей", as_of="2020-01-01", levels=["region"])["hits"]
        assert [h["eid"] for h in hit] == ["art_87/point_4"] and hit[0]["levels"] == ["region"]


def test_rebuild_is_atomic_and_a_failed_build_keeps_the_previous_index(tmp_path, corpus):
    acts, eds = corpus
    d = tmp_path / "index"
    build_index(acts, eds[:2], d)
    first = current_generation(d)
    reader = Searcher(d)
    before = reader.search("маслихат", as_of="all")["total"]

    def boom(done, total):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        build_index(acts, eds, d, progress=boom)
    assert current_generation(d) == first
    assert not [p for p in d.iterdir() if p.name.endswith(".partial")]
    assert Searcher(d).search("маслихат", as_of="all")["total"] == before

    build_index(acts, eds, d)
    assert current_generation(d) != first
    # a reader opened before the swap still answers from its own generation
    assert reader.search("маслихат", as_of="all")["total"] == before
    assert Searcher(d).search("сход", as_of="all")["total"] > 0
    # only the current and the previous generation stay on disk
    build_index(acts, eds, d)
    assert len([p for p in d.iterdir() if p.name.startswith("gen-")]) == 2


def test_writer_lock_times_out(tmp_path, corpus):
    acts, eds = corpus
    d = tmp_path / "index"
    d.mkdir()
    lock = FcntlLock(str(d / LOCK))
    assert lock.acquire()
    try:
        with pytest.raises(IndexLockedError, match="being rebuilt"):
            build_index(acts, eds, d, lock_timeout=0.3)
    finally:
        lock.release()
    assert build_index(acts, eds, d, lock_timeout=0.3)["docs"] > 0


def test_multiprocessing_writer_gives_the_same_index(tmp_path, corpus):
    acts, eds = corpus
    build_index(acts, eds, tmp_path / "one")
    stats = build_index(acts, eds, tmp_path / "two", procs=2)
    assert stats["procs"] == 2
    with Searcher(tmp_path / "one") as a, Searcher(tmp_path / "two") as b:
        assert a.doc_count == b.doc_count
        for q in ("акимы назначаются", "сход местного сообщества", "маслихат"):
            ra, rb = a.search(q, as_of="all", limit=20), b.search(q, as_of="all", limit=20)
            assert {h["id"] for h in ra["hits"]} == {h["id"] for h in rb["hits"]}


def _search_in_child(path: str, queue) -> None:
    from search.query import Searcher

    with Searcher(Path(path)) as s:
        queue.put([h["id"] for h in s.search("выборы акимов", as_of="all")["hits"]])


def test_index_opens_in_a_fresh_process(tmp_path, corpus):
    """whoosh unpickles the analyzers there: they must be importable module-level classes."""
    acts, eds = corpus
    build_index(acts, eds, tmp_path / "index")
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_search_in_child, args=(str(tmp_path / "index"), queue))
    proc.start()
    ids = queue.get(timeout=60)
    proc.join(30)
    assert proc.exitcode == 0
    with Searcher(tmp_path / "index") as s:
        assert ids == [h["id"] for h in s.search("выборы акимов", as_of="all")["hits"]]
    assert ids


def test_searcher_on_a_missing_index_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="no search index"):
        Searcher(tmp_path / "nothing")
