"""How exact a rule's bounds are is stated in the graph in a form a program can query."""
from rdflib import Graph

from kg.modes import curated_rules
from kg.rdf_rules import add_rules

Q = """
PREFIX akn: <%s>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT ?rule ?end ?prec WHERE {
  ?rule akn:validity ?i . ?i akn:endPrecision ?prec ; time:hasEnd/time:inXSDDate ?end .
}"""


def test_attested_and_bounded_ends_are_queryable():
    from kg.namespaces import AKN

    g = Graph()
    add_rules(g, curated_rules())
    rows = {(str(r.end), str(r.prec)) for r in g.query(Q % str(AKN))}
    # the 2005 district experiment is attested until 2005-09-01, its end is unknown
    assert ("2005-09-01", "attested") in rows
    starts = {str(o) for o in g.objects(None, AKN.startPrecision)}
    assert "year" in starts  # the 1991 local Soviets: known to the year only
