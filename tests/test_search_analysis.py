"""The analyzers: tokenizer, normalisation, abbreviations, lemmas, stop words, lexicon, pickling."""
from __future__ import annotations

import pickle

import pytest

from search import lexicon
from search.analysis import (ANALYZERS, STOP_WORDS, analyze, best_lemma, exact_analyzer, lemma_analyzer,
                             lemmas, snowball_analyzer)


def toks(analyzer, text, **kw):
    return [(t.text, t.pos) for t in analyzer(text, positions=True, **kw)]


def test_tokenizer_keeps_numbered_items_and_hyphenated_words():
    assert analyze("статья 87-1 и пункт 2-1", "exact") == ["статья", "87-1", "и", "пункт", "2-1"]
    assert analyze("Северо-Восточного округа", "exact") == ["северо-восточного", "округа"]


def test_hyphenated_word_also_indexes_its_parts_at_the_same_position():
    out = toks(lemma_analyzer(), "социально-экономического развития", mode="index")
    first = {text for text, pos in out if pos == 0}
    assert {"социально-экономический", "экономический"} <= first
    assert ("развитие", 1) in out


def test_latin_lookalikes_inside_russian_words_are_folded():
    # the mirror's 1993 titles have a Latin «p» inside «пpедставительных»
    assert analyze("пpедставительных оpганах", "exact") == ["представительных", "органах"]
    assert analyze("пpедставительных оpганах") == ["представительный", "орган"]
    assert analyze("RK", "exact") == ["rk"]


def test_kazakh_letters_are_folded():
    assert analyze("Әкім мәслихатқа", "exact") == ["аким", "маслихатка"]
    assert analyze("Әкім мәслихаты", "lemma") == ["аким", "маслихат"]


def test_yo_is_folded():
    assert analyze("Сёл и ещё", "exact") == ["сел", "и", "еще"]
    assert best_lemma("сёл") == "село"
    assert all("ё" not in lemma for lemma in lemmas("всё"))


def test_abbreviations_expand_with_positions_shifted():
    out = toks(lemma_analyzer(), "ст. 87 Конституции РК назначается", mode="query")
    assert out == [("статья", 0), ("87", 1), ("конституция", 2), ("республика", 3), ("казахстан", 4),
                   ("назначать", 5)]
    assert analyze("п. 4 ч. 2 пп. 3") == ["пункт", "4", "часть", "2", "подпункт", "3"]
    # the exact field keeps what was written
    assert analyze("ст. 87 РК", "exact") == ["ст", "87", "рк"]


def test_all_hypotheses_at_one_position_when_indexing_best_one_when_querying():
    index = toks(lemma_analyzer(), "стали акимами", mode="index")
    query = toks(lemma_analyzer(), "стали акимами", mode="query")
    assert {t for t, p in index if p == 0} >= {"стать", "сталь"}
    assert [t for t, p in query if p == 0] == ["стать"]
    assert ("аким", 1) in index and ("аким", 1) in query


def test_stop_words_go_from_the_lemma_field_only_and_negation_stays():
    assert analyze("кто и в какой срок назначает") == ["срок", "назначать"]
    assert analyze("не может быть избран") == ["не", "мочь", "избрать"]
    assert "не" in analyze("аким не назначается")
    assert analyze("кто и в какой срок", "exact") == ["кто", "и", "в", "какой", "срок"]
    assert "не" not in STOP_WORDS and "два" not in STOP_WORDS and "и" in STOP_WORDS


def test_snowball_and_plain_analyzers_differ_from_lemma():
    assert analyze("акимов назначают", "snowball") == ["аким", "назнача"]
    assert analyze("акимов назначают", "plain") == ["акимов", "назначают"]
    assert analyze("акимов назначают", "lemma") == ["аким", "назначать"]


def test_lexicon_words_get_their_lemma_in_every_form():
    for lemma in lexicon.OVERRIDES:
        for form in lexicon.forms(lemma):
            assert lemmas(form) == (lemma,), form


def test_lexicon_measurement_matches_the_override_list():
    """The overrides are exactly the candidates pymorphy3 alone gets wrong or noisy."""
    measured = {m.lemma: m.verdict for m in lexicon.measure()}
    wrong = {w for w, v in measured.items() if v != "ok"}
    assert wrong == set(lexicon.OVERRIDES)
    assert measured["маслихат"] == "wrong"      # read as a feminine «маслихата»
    assert measured["ауыл"] == "wrong"          # read as a verb «ауыть»
    assert measured["мажилис"] == "ok"


def test_unknown_lexicon_lemma_is_none():
    assert lexicon.lemma_of("президент") is None
    assert lexicon.lemma_of("маслихатах") == "маслихат"


@pytest.mark.parametrize("name", sorted(ANALYZERS))
def test_analyzers_pickle_and_work_after_unpickling(name):
    analyzer = ANALYZERS[name]()
    clone = pickle.loads(pickle.dumps(analyzer))
    text = "Акимы сельских округов избираются"
    assert [t.text for t in clone(text)] == [t.text for t in analyzer(text)]


def test_unknown_analyzer_name_is_a_value_error():
    with pytest.raises(ValueError, match="unknown analyzer"):
        analyze("x", "stemless")


def test_chars_point_at_the_original_words():
    text = "Акимы ст. 5"
    spans = [(t.text, text[t.startchar:t.endchar]) for t in lemma_analyzer()(text, chars=True, mode="index")]
    assert ("аким", "Акимы") in spans and ("статья", "ст") in spans


def test_exact_analyzer_keeps_every_word():
    assert analyze("и не в", "exact") == ["и", "не", "в"]
    assert [t.text for t in exact_analyzer()("Снова")] == ["снова"]
    assert [t.text for t in snowball_analyzer()("маслихатами")] == ["маслихат"]


@pytest.mark.corpus
def test_the_fast_exact_tokens_equal_the_exact_analyzer_on_every_real_text(real_editions):
    from search.analysis import exact_analyzer, exact_tokens

    analyzer = exact_analyzer()
    for ed in real_editions:
        text = "\n".join(p.text for p in ed.provisions)
        slow = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index")]
        assert list(exact_tokens(text)) == slow, ed.act_id
