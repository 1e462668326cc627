"""Word embeddings, document vectors, and the two ranking stages after BM25F:
structural smoothing within an article and the semantic (embedding) mix."""
from __future__ import annotations

import numpy as np
import pytest

import search.query as sq
from kg.model import Act, Edition, EditionMeta, Provision
from search.embedding import (DictVectors, EmbeddingsError, NavecVectors, default_path, idf,
                              load_vectors, meaningful_words, text_vector)
from search.index import build_index, group_key
from search.query import Searcher


def _p(eid, kind, text, parent=None, order=0, heading=None):
    return Provision(eid=eid, kind=kind, num=None, heading=heading, text=text, parent=parent, order=order)


ACT = Act(id="toy-law", code="904", type="law", title="Пример закона", date="2020-01-01")

# A toy vocabulary where «мандат» lies near «полномочия» and «прекращаются» near «теряет».
VECTORS = DictVectors({
    "мандат": [1.0, 0.1, 0.0], "полномочия": [0.9, 0.2, 0.0], "депутата": [0.0, 0.0, 1.0],
    "теряет": [0.1, 1.0, 0.0], "прекращаются": [0.2, 0.9, 0.1], "сессия": [0.0, -1.0, 0.2],
    "созывается": [-0.5, -0.5, 0.3], "депутат": [0.0, 0.1, 1.0],
})


def _edition():
    return Edition(EditionMeta("toy-law", "2020-01-01"), ACT.title, (
        _p("art_1", "article", "Статья 1. Депутат", order=0, heading="Депутат"),
        _p("art_1/point_1", "point", "1. Полномочия депутата прекращаются досрочно.", "art_1", 1),
        _p("art_1/point_2", "point", "2. Депутат выступает на сессии.", "art_1", 2),
        _p("art_2", "article", "Статья 2. Сессия", order=3, heading="Сессия"),
        _p("art_2/point_1", "point", "1. Сессия созывается, депутат приходит на сессию депутата.", "art_2", 4),
    ))


@pytest.fixture()
def toy(tmp_path):
    build_index({"toy-law": ACT}, [_edition()], tmp_path / "index", embeddings=VECTORS)
    return tmp_path / "index"


def test_text_vectors_are_weighted_unit_means():
    v = text_vector(["мандат", "неизвестно"], VECTORS, lambda w: 1.0)
    assert v is not None and np.linalg.norm(v) == pytest.approx(1.0)
    assert float(v @ VECTORS.vector("полномочия")) > 0.95
    assert text_vector([], VECTORS, lambda w: 1.0) is None
    # a rarer word weighs more
    assert idf(1, 100) > idf(50, 100)


def test_meaningful_words_leave_out_numbers_abbreviations_and_stop_words():
    assert meaningful_words("ст. 33 и п. 2-1, а также полномочия") == ["полномочия"]


def test_document_vectors_are_saved_with_the_index(toy):
    s = Searcher(toy)
    assert s.meta["embeddings"]["model"] == "fixture" and s.meta["embeddings"]["docs"] == 5
    assert s._doc_vectors() is None          # the fixture's vectors are not installed in this process


def test_semantic_mix_ranks_the_paraphrase_first(toy, monkeypatch):
    monkeypatch.setattr("search.query.load_vectors", lambda: VECTORS)
    with Searcher(toy) as s:
        plain = s.search("депутат теряет мандат", as_of="2021-01-01", semantic=False, structure=False,
                         synonyms=False)
        mixed = s.search("депутат теряет мандат", as_of="2021-01-01", structure=False, synonyms=False)
        # «депутат» alone matches lexically; the point about powers ending says what is asked
        assert [h["eid"] for h in plain["hits"]][0] != "art_1/point_1"
        assert mixed["hits"][0]["eid"] == "art_1/point_1"
        assert mixed["total"] == plain["total"]      # the mix reorders, it adds no matches
        assert s.query_vector("NOT мандат депутат") @ s.query_vector("депутат") == pytest.approx(1.0)


def test_exact_mode_and_switch_leave_bm25_alone(toy, monkeypatch):
    monkeypatch.setattr("search.query.load_vectors", lambda: VECTORS)
    with Searcher(toy) as s:
        a = s.search("депутат", mode="exact", as_of="2021-01-01", structure=False)
        b = s.search("депутат", mode="exact", as_of="2021-01-01", structure=False, engine="whoosh")
        assert [h["score"] for h in a["hits"]] == pytest.approx([h["score"] for h in b["hits"]])


def test_structural_smoothing_lifts_the_points_of_the_answering_article(tmp_path):
    # the same sentence stands in two articles; only article 1 also has a point on the recall
    ed = Edition(EditionMeta("toy-law", "2020-01-01"), ACT.title, (
        _p("art_2", "article", "Статья 2.", order=0),
        _p("art_2/point_1", "point", "1. Решение принимают избиратели округа.", "art_2", 1),
        _p("art_1", "article", "Статья 1.", order=2),
        _p("art_1/point_1", "point", "1. Отзыв депутата маслихата проводится по инициативе избирателей.", "art_1", 3),
        _p("art_1/point_2", "point", "1. Решение принимают избиратели округа.", "art_1", 4),
    ))
    build_index({"toy-law": ACT}, [ed], tmp_path / "index", embeddings=False)
    with Searcher(tmp_path / "index") as s:
        assert s.meta["embeddings"] is None
        q = "решение об отзыве депутата"
        off = s.search(q, as_of="2021-01-01", structure=False)["hits"]
        on = s.search(q, as_of="2021-01-01")["hits"]
        twins = {h["eid"]: h["score"] for h in off if h["eid"] in ("art_1/point_2", "art_2/point_1")}
        assert twins["art_1/point_2"] == pytest.approx(twins["art_2/point_1"])
        order = [h["eid"] for h in on]
        assert order[0] == "art_1/point_1" == off[0]["eid"]       # the best match keeps its place
        assert order.index("art_1/point_2") < order.index("art_2/point_1")
        # the bonus is STRUCTURE_WEIGHT × the best score of the article
        best = off[0]["score"]
        lifted = {h["eid"]: h["score"] for h in on}
        assert lifted["art_1/point_2"] == pytest.approx(twins["art_1/point_2"] + sq.STRUCTURE_WEIGHT * best)
        assert lifted["art_2/point_1"] == pytest.approx((1 + sq.STRUCTURE_WEIGHT) * twins["art_2/point_1"])


def test_group_keys():
    assert group_key({"act": "a", "edition": "2001", "eid": "art_5/point_1/sub_2"}) == "a@2001/art_5"
    assert group_key({"act": "a", "edition": "2001", "eid": "preamble"}) == "a@2001/preamble: "


def test_bad_embedding_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("AKIMKG_EMBEDDINGS", "off")
    assert load_vectors() is None
    monkeypatch.setenv("AKIMKG_EMBEDDINGS", str(tmp_path / "missing.tar"))
    with pytest.raises(EmbeddingsError, match="no such file"):
        load_vectors()
    broken = tmp_path / "broken.tar"
    broken.write_bytes(b"not a navec archive")
    with pytest.raises(EmbeddingsError, match="cannot read word embeddings"):
        NavecVectors(broken)


def test_an_index_without_vectors_is_searched_by_bm25f(tmp_path):
    build_index({"toy-law": ACT}, [_edition()], tmp_path / "index", embeddings=False)
    with Searcher(tmp_path / "index") as s:
        a = s.search("депутат", as_of="2021-01-01", structure=False)
        b = s.search("депутат", as_of="2021-01-01", structure=False, engine="whoosh")
        assert [h["score"] for h in a["hits"]] == pytest.approx([h["score"] for h in b["hits"]])


@pytest.mark.skipif(default_path() is None, reason="natasha (which ships the embeddings) is a dependency")
def test_the_shipped_navec_vectors_know_the_domain_words():
    v = load_vectors()
    assert v.dim == 300 and v.name == "navec_news_v1_1B_250K_300d_100q"
    near = float(v.vector("мандат") @ v.vector("полномочия"))
    far = float(v.vector("мандат") @ v.vector("огурец"))
    assert near > far + 0.2


def test_an_index_built_before_groups_and_vectors_still_searches(tmp_path, monkeypatch):
    """An index of the previous format (no ``group`` field, no vectors) opens and ranks by BM25F."""
    import search.index as si
    from search.schema import build_schema

    def old_schema(variants):
        s = build_schema(variants)
        s.remove("group")
        return s

    def old_fields(doc, variants, _new=si.index_fields):
        out = _new(doc, variants)
        out.pop("group")
        return out

    monkeypatch.setattr(si, "build_schema", old_schema)
    monkeypatch.setattr(si, "index_fields", old_fields)
    build_index({"toy-law": ACT}, [_edition()], tmp_path / "index", embeddings=False)
    with Searcher(tmp_path / "index") as s:
        assert "group" not in s._ix.schema and s._groups() is None
        a = s.search("депутат", as_of="2021-01-01")
        b = s.search("депутат", as_of="2021-01-01", engine="whoosh")
        assert a["total"] == b["total"] > 0
        assert [h["score"] for h in a["hits"]] == pytest.approx([h["score"] for h in b["hits"]])


def test_warm_loads_what_the_first_search_needs(toy, monkeypatch):
    monkeypatch.setattr("search.query.load_vectors", lambda: VECTORS)
    with Searcher(toy) as s:
        assert s._vectors is None and s._group_codes is None
        s.warm()
        assert s._doc_vectors().shape == (5, 3) and s._group_codes is not None
