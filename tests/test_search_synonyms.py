"""The thesaurus, the synonym expansion, derivational relatives and the ranking queries."""
from __future__ import annotations

import pytest
import yaml
from whoosh import query as wq

from search.derivation import expand_derivations, relatives
from search.ranking import BestOf, CoordOr
from search.synonyms import DEFAULT_THESAURUS, Synonyms, ThesaurusError, expand_query, load_thesaurus


def test_thesaurus_is_valid_skos_like_yaml():
    data = yaml.safe_load(DEFAULT_THESAURUS.read_text(encoding="utf-8"))
    assert data["scheme"]["id"] == "thesaurus"
    concepts = load_thesaurus()
    ids = [c.id for c in concepts]
    assert len(ids) == len(set(ids)) >= 25
    by_id = {c.id: c for c in concepts}
    assert by_id["akim"].pref_label == {"ru": "аким", "kk": "әкім", "en": "akim"}
    assert "глава местной администрации" in by_id["akim"].alt_label["ru"]
    assert "собрание местного сообщества" in by_id["local_community_gathering"].labels()
    assert {"выборы", "избрание", "избирать", "выборность"} <= set(by_id["election"].labels())
    assert all(c.id.replace("_", "").isalnum() and c.id.isascii() for c in concepts)


@pytest.mark.parametrize("text, message", [
    ("concepts: [{id: a}]", "prefLabel.ru is required"),
    ("concepts: [{id: a, prefLabel: {ru: x}}, {id: a, prefLabel: {ru: y}}]", "duplicate concept id"),
    ("concepts: [{id: a, prefLabel: {ru: x}, broader: [zz]}]", "unknown concept 'zz'"),
    ("concepts: [{id: a, prefLabel: {ru: x}, weight: 3}]", "weight must be"),
    ("concepts: [{id: a, prefLabel: {ru: x}, altLabel: {ru: [1]}}]", "non-empty strings"),
    ("nothing: here", "'concepts' list"),
])
def test_bad_thesaurus_files_are_rejected(tmp_path, text, message):
    p = tmp_path / "t.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ThesaurusError, match=message):
        load_thesaurus(p)


def test_labels_are_matched_as_lemmas_in_any_form():
    syn = Synonyms.default()
    alts = {" ".join(k) for k, _ in syn.expansions(("глава", "местный", "администрация"))}
    assert "аким" in alts
    assert {" ".join(k) for k, _ in syn.expansions(("аким",))} >= {"глава местный администрация"}
    # weight 0 disables a concept
    assert syn.expansions(("область",)) == ()


def test_everyday_words_reach_the_acts_terms():
    """Researchers «снимают с должности», the acts «освобождают от должности»; a deputy
    «лишается мандата», the acts «прекращают полномочия»; «чем занимается» a body is its «компетенция»."""
    syn = Synonyms.default()

    def alts(*words):
        return {" ".join(k) for k, _ in syn.expansions(words)}

    assert "освобождение должность" in alts("снять", "должность")
    assert "освобождение должность" in alts("уволить")
    assert "прекращение полномочие" in alts("лишить", "мандат")
    assert "полномочие депутат" in alts("мандат")
    assert {"компетенция", "ведение"} <= alts("занимать")
    assert "отставка" in alts("сложить", "полномочие")
    assert "правомочный" in alts("кворум")


def test_kazakh_labels_are_one_way_spellings_of_the_russian_term(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text("concepts:\n"
                 "  - {id: region, prefLabel: {ru: область, kk: облыс}, weight: 0}\n"
                 "  - {id: rural, prefLabel: {ru: сельский округ, kk: ауылдық округ}, weight: 0.5}\n"
                 "  - {id: akim, prefLabel: {ru: аким, kk: әкім}, altLabel: {ru: [глава администрации]}}\n",
                 encoding="utf-8")
    syn = Synonyms.from_concepts(load_thesaurus(p))
    assert syn.expansions(("облыс",)) == ((("область",), 1.0),)       # in spite of weight 0
    assert syn.expansions(("ауылдык", "округ")) == ((("сельский", "округ"), 1.0),)
    assert syn.expansions(("область",)) == ()                          # one way: texts are Russian
    # «әкім» folds to «аким» itself: no extra entry, the Russian synonyms stay
    assert syn.expansions(("аким",)) == ((("глава", "администрация"), 0.5),)
    assert Synonyms.from_concepts(load_thesaurus(p), variant_langs=()).expansions(("облыс",)) == ()


def test_expansion_replaces_runs_and_phrases_and_leaves_negations():
    syn = Synonyms({("глава", "администрация"): ((("аким",), 0.6),), ("сход",): ((("собрание", "сообщество"), 0.5),)})
    q = wq.Or([wq.Term("f", "глава"), wq.Term("f", "администрация"), wq.Term("f", "район")])
    out = expand_query(q, syn, "f")
    assert isinstance(out.subqueries[0], BestOf) and out.subqueries[1:] == [wq.Term("f", "район")]
    original, alt = out.subqueries[0].subqueries
    assert isinstance(original, CoordOr) and alt == wq.Term("f", "аким", boost=0.6)
    phrase = expand_query(wq.Phrase("f", ["глава", "администрация"]), syn, "f")
    assert isinstance(phrase, BestOf)
    # a longer alternative is damped: one word typed, two-word label
    sub = expand_query(wq.Term("f", "сход"), syn, "f").subqueries[1]
    assert isinstance(sub, wq.Phrase) and sub.boost == pytest.approx(0.25)
    negated = wq.AndNot(wq.Term("f", "район"), wq.Term("f", "сход"))
    assert expand_query(negated, syn, "f").b == wq.Term("f", "сход")
    assert expand_query(q, Synonyms({}), "f") is q


def test_synonym_table_round_trips_through_json():
    syn = Synonyms.default()
    assert Synonyms.from_json(syn.to_json()) == syn


def test_derivational_relatives():
    assert set(relatives("назначение")) == {"назначать", "назначить"}
    assert "освобождение" in relatives("освобождать")
    assert "прекратить" in relatives("прекращение")
    assert relatives("маслихат") == ()
    q = expand_derivations(wq.AndNot(wq.Term("f", "избрание"), wq.Term("f", "назначение")), "f")
    assert isinstance(q.a, BestOf) and q.b == wq.Term("f", "назначение")


def test_coord_or_repr_and_normalize():
    q = CoordOr([wq.Term("f", "a"), wq.Term("f", "b")], power=1.0)
    assert q.normalize() == q
    assert CoordOr([wq.Term("f", "a")]).normalize() == wq.Term("f", "a")
    assert BestOf([wq.Term("f", "a"), wq.NullQuery]).normalize() == wq.Term("f", "a")
