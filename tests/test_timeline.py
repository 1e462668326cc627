"""The reform timeline (kg.timeline) and its RDF (kg.rdf_rules.add_timeline)."""
from __future__ import annotations

import pytest
from rdflib import Graph

from kg.namespaces import sparql_prologue
from kg.rdf_rules import add_timeline
from corpus.curated import AltDate, Figure, TimelineEvent
from kg.timeline import TimelineError, events

RECORDS = [
    TimelineEvent("constitution-1995", "1995-08-30", "day", "referendum", "Принята Конституция", "Constitution",
                  (), ("constitution-1995",), ("constitution-1995",)),
    TimelineEvent("rural-2021", "2021-07-25", "day", "election", "Первые прямые выборы сельских акимов",
                  "First direct rural elections", ("rural",), (), ("rural-elections-five-years-2025",),
                  figures=(Figure("settlements", 729, "count", "rural-elections-five-years-2025"),),
                  alternative_dates=(AltDate("2021-07-26", "day", "tolkynbek-2024"),)),
    TimelineEvent("district-2024", "2024-01-01", "year", "election", "Пилотные выборы акимов районов",
                  "District pilots", ("district",), (), ("district-elections-commentary",)),
]
KEYS = {"id", "date", "date_precision", "type", "title", "levels", "acts", "sources"}
SEED_2025 = "[Статья о пяти годах прямых выборов сельских акимов] (2025)"


def test_events_are_in_date_order_with_the_contract_keys():
    evs = events(records=list(reversed(RECORDS)))
    assert [e["date"] for e in evs] == ["1995-08-30", "2021-07-25", "2024-01-01"]
    assert all(KEYS <= set(e) for e in evs)
    assert evs[0]["id"].endswith("/id/event/constitution-1995")
    assert evs[1]["sources"] == [SEED_2025] and evs[1]["source_ids"] == ["rural-elections-five-years-2025"]
    assert evs[1]["figures"] == [{"quantity": "settlements", "value": 729, "unit": "count", "qualifier": None,
                                  "as_of": None, "sources": [SEED_2025]}]
    assert evs[1]["alternative_dates"][0]["date"] == "2021-07-26"


def test_filters_by_years_levels_and_types():
    assert [e["title"] for e in events(2021, 2021, records=RECORDS)] == ["Первые прямые выборы сельских акимов"]
    assert [e["date"] for e in events(from_year=2000, records=RECORDS)] == ["2021-07-25", "2024-01-01"]
    assert [e["date"] for e in events(to_year=1999, records=RECORDS)] == ["1995-08-30"]
    assert [e["date"] for e in events(levels=["district"], records=RECORDS)] == ["2024-01-01"]
    assert [e["date"] for e in events(types=["referendum"], records=RECORDS)] == ["1995-08-30"]


@pytest.mark.parametrize("kwargs,match", [({"from_year": 2020, "to_year": 2010}, "backwards"),
                                          ({"levels": ["village"]}, "unknown level"),
                                          ({"types": ["party"]}, "unknown event type")])
def test_bad_arguments_are_value_errors(kwargs, match):
    with pytest.raises(TimelineError, match=match):
        events(records=RECORDS, **kwargs)


def test_rdf_events_have_source_type_and_figures():
    g = Graph()
    add_timeline(g, RECORDS, {})
    assert len(list(g.query(sparql_prologue() + "SELECT ?c WHERE { ?e rdfs:comment ?c }"))) == 1
    q = sparql_prologue() + """SELECT ?e WHERE { ?e a akn:TimelineEvent ; dcterms:source ?s ; akn:eventType ?t ;
                                                    akn:date ?d ; akn:datePrecision ?p }"""
    assert len({row[0] for row in g.query(q)}) == 3
    q = sparql_prologue() + "SELECT ?v WHERE { ?e akn:figure ?f . ?f rdf:value ?v ; dcterms:source ?s }"
    assert [int(row[0]) for row in g.query(q)] == [729]


# ----------------------------------------------------------------------------- the curated timeline

REQUIRED = [  # (year, a word the title must contain), per the list of events
    (1995, "Конституц"), (2001, "148"), (2013, "555"), (2021, ""), (2022, "референдум"), (2026, "Конституц")]


def test_curated_timeline_is_complete_and_sourced():
    evs = events()
    assert len(evs) >= 20
    assert all(KEYS <= set(e) and e["sources"] for e in evs)
    assert [e["date"] for e in evs] == sorted(e["date"] for e in evs)
    assert evs[0]["date"] < "1993-01-01" and evs[-1]["date"] >= "2026-01-01"
    for year, word in REQUIRED:
        assert any(e["date"].startswith(str(year)) and word.lower() in (e["title"] + " " + " ".join(e["acts"])).lower()
                   for e in evs), (year, word)
    assert {e["type"] for e in evs} <= {"act", "amendment", "decree", "referendum", "election", "address", "other"}
