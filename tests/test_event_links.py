"""Timeline events are linked to the provisions their amending acts changed (from the footnotes)."""
import pytest

from kg.event_links import event_links
from kg.timeline import events


@pytest.mark.corpus
def test_events_link_the_provisions_their_acts_changed(real_editions, real_acts):
    links = event_links(real_editions, acts=real_acts)
    by_key = {(e.act_id, e.date): e for e in real_editions}
    for event_id, provs in links.items():
        for p in provs:
            ed = by_key[(p["act"], p["edition"])]
            assert ed.get(p["eid"]) is not None, (event_id, p)   # the linked provision exists there
            assert p["edition"] >= "1993-01-01" and p["id"].endswith(p["eid"])
    # the 2007 amendment changed art. 87 (akims of regions appointed with the maslikhats' consent)
    amend_2007 = next(k for k in links if "2007" in k and "constitution" in k)
    assert {"constitution-1995", "art_87"} <= {v for p in links[amend_2007] for v in (p["act"], p["eid"])}
    # events carry the links through kg.timeline
    evs = {e["id"].rsplit("/", 1)[-1]: e for e in events(2007, 2007, links=links)}
    assert evs[amend_2007]["provisions"] == links[amend_2007]


def test_no_links_without_a_build():
    assert all("provisions" not in e for e in events(2021, 2021))
