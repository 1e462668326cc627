"""``akimkg build``: synced corpus → parsed editions → graph, rules, index.

Every step writes into a fresh build directory (:mod:`kg.artifacts`); only when
all steps succeed is the build published, so a failed build leaves the previous
one usable. The report (``report.json``) keeps per-edition counts, every
problem found in the inputs (file and line), timings and validation results.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
import time
from pathlib import Path
from typing import Callable, Optional

from corpus.home import corpus_dir
from corpus.sync import load_synced
from kg import artifacts
from kg.model import Edition, Problem


class BuildError(ValueError):
    """Nothing usable to build from, or the built graph failed validation."""


def parse_all(source_editions, progress: Optional[Callable[[int, int], None]] = None):
    """Parse every synced edition; drop (and report) those with nothing usable."""
    from kg.structure import parse_edition

    acts, editions, problems = {}, [], []
    for i, se in enumerate(source_editions):
        ed = parse_edition(se.meta, se.file_map)
        problems.extend(_located(se, p) for p in ed.problems)
        if not ed.provisions and any(p.severity == "error" for p in ed.problems):
            problems.append(Problem(se.folder or se.act.id, 0,
                                    f"{se.act.id} edition {se.meta.date}: nothing usable; skipped", "error"))
        else:
            editions.append(ed)
            acts.setdefault(se.act.id, se.act)
        if progress:
            progress(i + 1, len(source_editions))
    return acts, editions, problems


def _located(se, p: Problem) -> Problem:
    where = f"{se.folder}/{p.file}" if se.folder and p.file and not p.file.startswith(se.folder) else p.file
    return dataclasses.replace(p, file=where or se.folder)


def _edition_entry(acts, ed: Edition, intervals) -> dict:
    c = ed.counts()
    frm, to = intervals.get((ed.act_id, ed.date), (ed.date, None))
    return {"key": f"{ed.act_id}@{ed.date}" + ("" if ed.meta.language == "rus" else f"/{ed.meta.language}"),
            "act": ed.act_id, "date": ed.date, "language": ed.meta.language,
            **c, "in_force": {"from": frm, "to": to},
            "missing_parts": list(ed.missing_parts), "problems": len(ed.problems)}


def build(home: Path, progress: Optional[Callable[[int, int], None]] = None,
          log: Callable[[str], None] = lambda m: None) -> dict:
    """Build everything into a new build directory and publish it."""
    t0 = time.perf_counter()
    timings: dict[str, float] = {}

    def step(name: str, t: float) -> float:
        now = time.perf_counter()
        timings[name] = round(now - t, 3)
        log(f"{name}: {timings[name]:.2f} s")
        return now

    source_editions, problems = load_synced(corpus_dir(home))
    if not source_editions:
        raise BuildError("the synced corpus holds no editions; run `akimkg corpus sync`")
    t = time.perf_counter()
    acts, editions, parse_problems = parse_all(source_editions, progress)
    problems = list(problems) + parse_problems
    if not editions:
        raise BuildError("no edition could be parsed: " + "; ".join(str(p) for p in problems[:3]))
    t = step("parse", t)
    from kg.validity import edition_intervals

    intervals = edition_intervals(acts, editions)

    with artifacts.new_build(home) as out:
        from kg.graph import build_graph
        from kg.modes import all_rules, save_rules
        from kg.rdf_rules import graph_extras
        from kg.store import save_graph

        rules, rule_report = all_rules(acts, editions)
        t = step("rules", t)
        build_info = {"id": out.name.removesuffix(".partial"),
                      "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                      "corpus": str(corpus_dir(home))}
        graph = build_graph(acts, editions, extra=graph_extras(acts, editions, rules), build_info=build_info)
        t = step("graph", t)
        save_graph(graph, out / artifacts.GRAPH)
        t = step("save graph", t)
        from kg.quality import validate
        from kg.store import open_store

        # a failure here discards the partial build directory, saved graph included
        quality = validate(graph, rule_report=rule_report, store=open_store(out / artifacts.GRAPH))
        t = step("validate", t)
        if not quality["ok"]:
            raise BuildError("the graph failed validation: " + "; ".join(quality["failures"][:5]))
        save_rules(rules, out)
        from kg.event_links import event_links, save_links

        save_links(event_links(editions, acts=acts), out)
        t = step("save rules and links", t)

        from kg.tagging import tag_provisions
        from search.index import build_index
        from search.synonyms import Synonyms, concepts_from_graph

        tags = tag_provisions(acts, editions)
        # the query expansion uses the graph's SKOS labels of the thesaurus scheme
        synonyms = Synonyms.from_concepts(concepts_from_graph(graph))
        stats = build_index(acts, editions, out / artifacts.INDEX, tags=tags, synonyms=synonyms,
                            progress=progress)
        t = step("index", t)
        with open(out / artifacts.EDITIONS, "wb") as fh:
            pickle.dump((acts, editions), fh, protocol=pickle.HIGHEST_PROTOCOL)
        report = {
            "build": build_info["id"], "started": build_info["started"],
            "seconds": round(time.perf_counter() - t0, 3), "timings": timings,
            "editions": [_edition_entry(acts, ed, intervals) for ed in editions],
            "acts": sorted(acts), "triples": len(graph), "index": stats,
            "rules": len(rules), "rule_report": rule_report, "quality": quality,
            "problems": [str(p) for p in problems],
        }
        (out / artifacts.REPORT).write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str),
                                            encoding="utf-8")
    return {"build": build_info["id"], "editions": len(editions),
            "provisions": sum(len(e.provisions) for e in editions), "triples": len(graph),
            "index_docs": stats.get("docs"), "rules": len(rules),
            "seconds": time.perf_counter() - t0, "problems": [str(p) for p in problems]}
