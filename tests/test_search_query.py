"""Queries: morphology, as-of, filters, facets, phrases, prefixes, booleans, highlights,
did-you-mean, pagination, synonyms and the errors of bad queries."""
from __future__ import annotations

import pytest

from search.index import build_index
from search.query import MAX_QUERY_CHARS, QueryError, Searcher
from search.sample import sample_corpus, sample_tags


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    acts, eds = sample_corpus()
    d = tmp_path_factory.mktemp("search") / "index"
    build_index(acts, eds, d, tags=sample_tags(), variants=("lemma", "snowball", "plain"))
    with Searcher(d) as s:
        yield s


def eids(result):
    return [f"{h['act']}:{h['eid']}@{h['edition']}" for h in result["hits"]]


def test_contract_shape(searcher):
    r = searcher.search("акимы областей назначаются", as_of="2025-05-05")
    assert set(r) >= {"query", "as_of", "total", "hits", "facets", "suggestion", "page", "pages"}
    h = r["hits"][0]
    assert h["id"] == "https://w3id.org/akimkg/eli/kz/constitution/2019/901/rus@2024-01-01/art_87/point_4"
    assert (h["act"], h["edition"], h["article"], h["point"], h["path"]) == \
        ("basic-law", "2024-01-01", "87", "4", "Статья 87, пункт 4")
    assert h["in_force"] == {"from": "2024-01-01", "to": "2030-01-01"}
    assert h["act_title"] == "Основной закон (пример)" and isinstance(h["score"], float)
    whole = searcher.search("порядок избрания", as_of="2025-05-05")["hits"][0]
    assert whole["eid"] == "art_33" and whole["point"] is None


def test_inflected_forms_match_through_lemmas(searcher):
    # the text says «назначаются ... Президентом», the query «назначает президент»
    r = searcher.search("президент назначает", as_of="2020-01-01")
    assert eids(r)[0] == "basic-law:art_87/point_4@2019-01-01"
    plain = searcher.search("президент назначает", as_of="2020-01-01", mode="plain")
    assert plain["total"] == 0


def test_as_of_keeps_the_edition_in_force(searcher):
    old = searcher.search("акимы районов", as_of="2020-01-01")
    new = searcher.search("акимы районов", as_of="2025-01-01")
    assert {h["edition"] for h in old["hits"] if h["act"] == "basic-law"} == {"2019-01-01"}
    assert {h["edition"] for h in new["hits"] if h["act"] == "basic-law"} == {"2024-01-01"}
    # the interval's end is exclusive: on 2024-01-01 the new edition is in force
    assert {h["edition"] for h in searcher.search("маслихаты", as_of="2024-01-01")["hits"]} == {"2024-01-01"}
    # after the act lapsed nothing of it is in force
    assert searcher.search("маслихаты", as_of="2031-01-01", acts=["basic-law"])["total"] == 0
    # an excluded article disappears with the edition that excluded it
    assert "basic-law:art_87-1@2019-01-01" in eids(searcher.search("сходы", as_of="2020-01-01"))
    assert not [e for e in eids(searcher.search("сходы", as_of="2025-01-01")) if "art_87-1" in e]
    # "all": every edition
    both = searcher.search("маслихаты избираются", as_of="all")
    assert {h["edition"] for h in both["hits"]} >= {"2019-01-01", "2024-01-01"}


def test_filters_by_act_type_and_level(searcher):
    assert {h["act"] for h in searcher.search("аким", acts=["local-law"])["hits"]} == {"local-law"}
    assert {h["act"] for h in searcher.search("аким", types=["constitution"], as_of="all")["hits"]} == {"basic-law"}
    rural = searcher.search("аким", levels=["rural"], as_of="all")
    assert sorted(eids(rural)) == ["basic-law:art_87/point_5@2024-01-01", "local-law:art_33/point_1@2023-06-01"]


def test_facets_count_all_hits(searcher):
    r = searcher.search("аким", as_of="all", limit=1)
    assert len(r["hits"]) == 1
    assert sum(r["facets"]["act"].values()) == r["total"]
    assert r["facets"]["type"].keys() == {"constitution", "law"}
    assert set(r["facets"]["year"]) == {"2019", "2023", "2024"}


def test_pagination(searcher):
    first = searcher.search("аким", as_of="all", limit=3, page=1)
    second = searcher.search("аким", as_of="all", limit=3, page=2)
    assert first["pages"] == -(-first["total"] // 3) and second["page"] == 2
    assert not set(eids(first)) & set(eids(second))
    beyond = searcher.search("аким", as_of="all", limit=3, page=99)
    assert beyond["hits"] == [] and beyond["total"] == first["total"]


def test_highlights_are_the_original_word_forms(searcher):
    r = searcher.search("аким назначать", as_of="2020-01-01")
    snippet = next(h["snippet"] for h in r["hits"] if h["eid"] == "art_87/point_5")
    assert snippet == "5. <b>Акимы</b> иных единиц <b>назначаются</b> вышестоящим <b>акимом</b>."


def test_phrase_search_lemma_and_exact(searcher):
    r = searcher.search('"сход местного сообщества"', as_of="all", synonyms=False)
    assert eids(r) == ["local-law:art_1/point_1@2023-06-01"]
    # with synonyms, the «собрание местного сообщества» comes too, after the phrase typed
    r = searcher.search('"сход местного сообщества"', as_of="all")
    assert eids(r)[:2] == ["local-law:art_1/point_1@2023-06-01", "local-law:art_1/point_2@2023-06-01"]
    # lemma phrase: other forms of the same words in the same order
    assert eids(searcher.search('"сходом местных сообществ"', as_of="all"))[:1] == ["local-law:art_1/point_1@2023-06-01"]
    # exact phrase: the forms as written, stop words included
    assert eids(searcher.search('"сходом местных сообществ"', as_of="all", mode="exact")) == []
    exact = searcher.search('"не может"', as_of="2025-01-01", mode="exact")
    assert eids(exact) == ["basic-law:art_86/point_2@2024-01-01"]


def test_prefix_query(searcher):
    r = searcher.search("самовыдвиж*", as_of="all")
    assert eids(r) == ["local-law:art_33/point_2@2023-06-01"]
    assert "<b>самовыдвижения</b>" in r["hits"][0]["snippet"]


def test_boolean_operators(searcher):
    both = searcher.search("аким AND президент", as_of="all")
    assert both["total"] and all("резидент" in h["snippet"] for h in both["hits"])
    without = searcher.search("аким NOT президент", as_of="all")
    assert without["total"] and not {h["id"] for h in without["hits"]} & {h["id"] for h in both["hits"]}
    assert searcher.search("аким И НЕ президент", as_of="all")["total"] == without["total"]
    either = searcher.search("сход OR маслихат", as_of="2020-01-01", limit=50)
    assert {h["eid"] for h in either["hits"]} >= {"art_86/point_1", "art_87-1"}


def test_abbreviations_in_queries_and_texts(searcher):
    r = searcher.search("ст. 33", as_of="all")
    assert eids(r)[0] == "local-law:art_33@2023-06-01"
    assert "local-law:art_34@2023-06-01" in eids(r)


def test_synonyms_are_weighted_and_switchable(searcher):
    # «выборность» is not in the texts; the thesaurus links it to «избирать», «выборы»
    on = searcher.search("выборность", as_of="2025-01-01")
    off = searcher.search("выборность", as_of="2025-01-01", synonyms=False)
    assert off["total"] == 0 and on["total"] >= 3
    assert "local-law:art_33/point_1@2023-06-01" in eids(on)
    # the words typed still rank above their synonyms
    r = searcher.search("избрание", as_of="2025-01-01")
    assert eids(r)[0] == "local-law:art_33@2023-06-01"
    assert not searcher.search("выборность", as_of="2025-01-01", mode="snowball")["synonyms"]


def test_context_headings_are_searched(searcher):
    # point 2 of article 33 does not say «аким»; its article heading does
    r = searcher.search("выдвижение акима", as_of="all")
    assert eids(r)[0] == "local-law:art_33/point_2@2023-06-01"
    assert "<b>Выдвижение</b>" in r["hits"][0]["snippet"]


def test_question_words_are_dropped_from_queries_but_not_from_phrases(searcher):
    # «кем», «какого», «чью» are forms of question words the stop list does not hold
    asked = searcher.search("кем назначаются акимы областей", as_of="2020-01-01")
    plain = searcher.search("назначаются акимы областей", as_of="2020-01-01")
    assert [(h["eid"], h["score"]) for h in asked["hits"]] == [(h["eid"], h["score"]) for h in plain["hits"]]
    assert "кто" not in str(searcher.parse("кем назначаются акимы"))
    assert "какой" in str(searcher.parse('"какого возраста"'))       # a phrase means its words
    assert "который" in str(searcher.parse("которые"))                # nothing else to search for


def test_kazakh_spellings_find_the_russian_terms(searcher):
    # Kazakh letters fold («мәслихат» → «маслихат»); Kazakh labels of the thesaurus
    # expand to the Russian term («облыс» → «область») whatever the concept's weight
    assert eids(searcher.search("мәслихат", as_of="2020-01-01")) == \
        eids(searcher.search("маслихат", as_of="2020-01-01"))
    r = searcher.search("облыс", as_of="2020-01-01")
    assert eids(r)[0] == "basic-law:art_87/point_4@2019-01-01" and "<b>областей</b>" in r["hits"][0]["snippet"]
    assert searcher.search("облыс", as_of="2020-01-01", synonyms=False)["total"] == 0


def test_snippet_is_the_best_window_of_a_long_provision():
    from search.snippets import SNIPPET_CHARS, snippet

    text = ("Аким созывает сход. " + "Иные положения этого пункта. " * 20
            + "Маслихат избирает акима тайным голосованием. " + "Прочее. " * 40)
    out = snippet(text, {"lemma": {"аким", "маслихат", "избирать"}})
    assert "<b>Маслихат</b> <b>избирает</b> <b>акима</b>" in out
    assert out.startswith("… ") and out.endswith(" …")
    assert len(out.replace("<b>", "").replace("</b>", "")) <= SNIPPET_CHARS + 4
    # no match: the beginning, cut at a word
    assert snippet(text, {"lemma": {"президент"}}).startswith("Аким созывает сход. Иные")


def test_did_you_mean(searcher):
    r = searcher.search("маслихт", as_of="all")
    assert r["total"] == 0 and r["suggestion"] in ("маслихаты", "маслихата", "маслихатов")
    assert searcher.search("маслихаты", as_of="all")["suggestion"] is None
    assert searcher.search("Сходв жителей", as_of="all")["suggestion"] == "Сходы жителей"


def test_snowball_and_plain_modes(searcher):
    assert searcher.search("акимов", as_of="all", mode="snowball")["total"] > 0
    assert searcher.search("акимов", as_of="all", mode="plain")["total"] == 0


@pytest.mark.parametrize("query, message", [
    ("", "empty query"),
    ("   ", "empty query"),
    ("и в на", "only stop words"),
    ('"сход местного', "unbalanced quotes"),
    ("«сход местного", "unbalanced quotes"),
    ("(аким OR маслихат", "unbalanced brackets"),
    ("аким)", "unbalanced brackets"),
    ("а" * 10_000, "too long"),
    ("NOT аким", "negated"),
])
def test_bad_queries(searcher, query, message):
    with pytest.raises(QueryError, match=message) as exc:
        searcher.search(query)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("kwargs, message", [
    ({"acts": ["no-such-act"]}, "unknown act id 'no-such-act'"),
    ({"as_of": "2023-02-30"}, "impossible as-of date"),
    ({"as_of": "yesterday"}, "impossible as-of date"),
    ({"types": ["statute"]}, "unknown act type"),
    ({"limit": 0}, "limit"),
    ({"page": 0}, "page"),
    ({"mode": "fuzzy"}, "unknown search mode"),
])
def test_bad_options(searcher, kwargs, message):
    with pytest.raises(QueryError, match=message):
        searcher.search("аким", **kwargs)


def test_query_errors_are_value_errors():
    assert issubclass(QueryError, ValueError)
    assert MAX_QUERY_CHARS < 10_000


def test_mode_missing_from_the_index(tmp_path):
    acts, eds = sample_corpus()
    build_index(acts, eds, tmp_path / "index")
    with Searcher(tmp_path / "index") as s:
        with pytest.raises(QueryError, match="built without the 'snowball' analyzer"):
            s.search("аким", mode="snowball")


def test_default_as_of_is_today(searcher):
    import datetime as dt

    r = searcher.search("маслихаты")
    assert r["as_of"] == dt.date.today().isoformat()
    assert r["total"] == searcher.search("маслихаты", as_of=dt.date.today().isoformat())["total"]
    assert searcher.search("маслихаты", as_of="all")["as_of"] is None


@pytest.mark.parametrize("query, kwargs", [
    ("акимы назначаются", {}), ("выборность акимов", {"as_of": "2025-01-01"}),
    ('"сход местного сообщества"', {}), ("аким NOT президент", {}), ("аким AND маслихат", {}),
    ("маслихаты избираются", {"acts": ["basic-law"]}), ("аким", {"levels": ["rural"]}),
    ("сход OR собрание", {"mode": "exact"}), ("избрание акима", {"mode": "snowball"}),
])
def test_numpy_scorer_agrees_with_whoosh(searcher, query, kwargs):
    kwargs = {"as_of": "all", **kwargs}
    fast = searcher.search(query, limit=50, structure=False, semantic=False, **kwargs)
    slow = searcher.search(query, limit=50, engine="whoosh", **kwargs)
    assert fast["total"] == slow["total"] > 0
    assert fast["facets"] == slow["facets"]
    assert [h["score"] for h in fast["hits"]] == pytest.approx([h["score"] for h in slow["hits"]], rel=1e-6)
    assert sorted(h["id"] for h in fast["hits"]) == sorted(h["id"] for h in slow["hits"])


def test_an_article_whose_heading_holds_the_query_ranks_above_passing_mentions(tmp_path, monkeypatch):
    import search.query as sq
    from kg.model import Act, Edition, EditionMeta, Provision

    def p(eid, kind, text, parent=None, order=0, heading=None):
        return Provision(eid=eid, kind=kind, num=None, heading=heading, text=text, parent=parent, order=order)

    act = Act(id="toy-law", code="903", type="law", title="Пример закона", date="2020-01-01")
    ed = Edition(EditionMeta("toy-law", "2020-01-01"), act.title, (
        p("art_5", "article", "Статья 5. Права депутата", order=0, heading="Права депутата"),
        p("art_5/text_1", "text", "Депутат выступает на сессии и вносит предложения.", "art_5", 1),
        p("art_6", "article", "Статья 6. Сессия", order=2, heading="Сессия"),
        p("art_6/point_1", "point", "1. Права депутата, права комиссии и права депутата на сессии равны.",
          "art_6", 3),
        p("art_7", "article", "Статья 7. Депутат", order=4, heading="Депутат"),
        p("art_7/text_1", "text", "Права и обязанности депутата устанавливаются законом.", "art_7", 5),
    ))
    build_index({"toy-law": act}, [ed], tmp_path / "index")
    with Searcher(tmp_path / "index") as s:
        # the heading bonus alone (the other ranking stages are tested on their own)
        only = {"snippets": False, "structure": False, "semantic": False}
        top = [h["eid"] for h in s.search("права депутата", as_of="2021-01-01", **only)["hits"]]
        assert top[0] == "art_5"          # its heading holds both words
        slow = s.search("права депутата", as_of="2021-01-01", snippets=False, engine="whoosh")["hits"]
        fast = s.search("права депутата", as_of="2021-01-01", **only)["hits"]
        assert [h["score"] for h in fast] == pytest.approx([h["score"] for h in slow], rel=1e-6)
        monkeypatch.setattr(sq, "HEADING_BOOST", 0.0)
        without = [h["eid"] for h in s.search("права депутата", as_of="2021-01-01", **only)["hits"]]
        assert without[0] == "art_6/point_1"
        # one-word queries get no bonus: a heading is then no evidence of what the article is about
        monkeypatch.setattr(sq, "HEADING_BOOST", 0.5)
        assert "lemma_head" not in repr(s.parse("депутат")) and "lemma_head" in repr(s.parse("права депутата"))
