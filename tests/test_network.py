"""The institution/post/power network (kg.network) and its GraphML export."""
from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph

from kg.appointment import AppointmentRule, Basis
from kg.network import NetworkError, build_network, write_graphml
from kg.powers import Power
from kg.rdf_rules import add_institutions, add_powers, add_rules

B = (Basis("law-2001-148", "2023-12-23", "Статья 32-1", "https://example.org/b", "art_32-1"),)
RULES = [
    AppointmentRule(id="region", level="region", selection="appointment", selector="president",
                    consent="maslikhat", min_candidates=2, valid_from="2022-06-08", origin="text", rank=0, basis=B),
    AppointmentRule(id="district", level="district", selection="appointment", selector="higher_akim",
                    consent="maslikhat", valid_from="2023-01-01", origin="text", rank=2, basis=B),
    AppointmentRule(id="pilot", level="district", kind="variant", selection="direct_election",
                    selector="residents", scope="пилот", valid_from="2024-01-01", origin="text", rank=2, basis=B),
    AppointmentRule(id="rural-old", level="rural", selection="appointment", selector="higher_akim",
                    valid_from="1995-08-30", valid_to="1998-10-07", origin="text", rank=0, basis=B),
    AppointmentRule(id="dismiss", level="district", kind="dismissal", selector="higher_akim",
                    valid_from="2023-01-01", origin="text", rank=2, basis=B),
]
POWERS = [Power("k1", "утверждение местного бюджета", "maslikhat", ("district",), ("maslikhat-district",),
                "budget", "law-2001-148", "2023-12-23", "art_6/point_1/sub_1", "Статья 6", "https://example.org/p",
                "2023-12-23", None)]


def _rel(g, relation=None):
    return sorted((u, v, d["relation"]) for u, v, d in g.edges(data=True)
                  if d["relation"] != "reports_to" and (relation is None or d["relation"] == relation))


def test_edges_on_a_date():
    g = build_network(RULES, date="2024-06-01", powers=POWERS)
    assert _rel(g) == [
        ("akim-region", "akim-district", "appoints"),
        ("akim-region", "akim-district", "dismisses"),
        ("maslikhat-district", "akim-district", "consents_to"),
        ("maslikhat-district", "power:k1", "has_power"),
        ("maslikhat-region", "akim-region", "consents_to"),
        ("president", "akim-region", "appoints"),
        ("residents-district", "akim-district", "elects"),
    ]
    elect = next(d for u, v, d in g.edges(data=True) if d["relation"] == "elects")
    assert elect["variant"] is True and elect["scope"] == "пилот" and elect["level"] == "district"
    appoint = next(d for u, v, d in g.edges(data=True) if u == "president")
    assert (appoint["valid_from"], appoint["valid_to"], appoint["basis"]) == \
        ("2022-06-08", "", "law-2001-148 (ред. 2023-12-23) Статья 32-1")


def test_date_and_level_filters():
    assert _rel(build_network(RULES, date="1996-01-01")) == [("akim-district", "akim-rural", "appoints")]
    g = build_network(RULES, levels=["region"])
    assert {d["level"] for _, _, d in g.edges(data=True) if d["relation"] != "reports_to"} == {"region"}
    assert "akim-rural" not in g
    g_all = build_network(RULES)
    assert ("akim-district", "akim-rural", "appoints") in _rel(g_all)
    # reports_to comes from the catalogue
    assert g_all.has_edge("akim-rural", "akim-district", "reports_to")


def test_bad_input():
    with pytest.raises(NetworkError):
        build_network(RULES, levels=["planet"])
    with pytest.raises(NetworkError):
        build_network(RULES, date="01.01.2024")


def test_graphml_round_trip(tmp_path):
    g = build_network(RULES, powers=POWERS)
    path = write_graphml(g, tmp_path / "n.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()


def test_from_rdf_graph_matches_from_rules():
    rdf = Graph()
    add_institutions(rdf)
    add_rules(rdf, RULES)
    add_powers(rdf, POWERS)
    a = build_network(RULES, date="2024-06-01", powers=POWERS)
    b = build_network(rdf, date="2024-06-01")
    assert _rel(a, "appoints") == _rel(b, "appoints")
    assert _rel(a, "consents_to") == _rel(b, "consents_to")
    assert _rel(a, "elects") == _rel(b, "elects")
    assert _rel(b, "has_power") == [("maslikhat-district", "power:k1", "has_power")]


@pytest.mark.corpus
def test_real_network(real_acts, real_editions, tmp_path):
    from kg.modes import all_rules
    from kg.powers import all_powers

    rules, _ = all_rules(real_acts, real_editions, curated=[])
    g = build_network(rules, date="2015-06-01", powers=all_powers(real_acts, real_editions))
    assert ("maslikhat-district", "akim-rural", "elects") in _rel(g)
    assert ("president", "akim-region", "appoints") in _rel(g)
    assert ("maslikhat-region", "akim-region", "consents_to") in _rel(g)
    assert len(_rel(g, "has_power")) > 100
    write_graphml(g, tmp_path / "real.graphml")
