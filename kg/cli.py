"""The akimkg command line: ``akimkg …`` or ``python -m kg …``.

One entry point, one sub-command per job (see ``../shared/CONTRACTS.md``)::

    akimkg corpus sync [--source S]        akimkg corpus list [--json]
    akimkg build                           akimkg search QUERY [--as-of D] [--act A] [--json]
    akimkg modes [--date D] [--json]       akimkg timeline [--from Y] [--to Y] [--json]
    akimkg sparql QUERY_OR_FILE            akimkg export --format F --out PATH
    akimkg eval                            akimkg app

Exit status: 0 success, 2 bad usage or bad input (one line on stderr), 1 internal
error. Set ``AKIMKG_DEBUG=1`` to see tracebacks.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Callable, Optional, Sequence

from corpus.home import default_source, home


class UsageError(ValueError):
    """Bad arguments or bad input: exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and exit 2 itself
        raise UsageError(message)


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _year(value: str) -> int:
    try:
        y = int(value)
    except ValueError:
        raise UsageError(f"not a year: {value!r}") from None
    if not 1000 <= y <= 9999:
        raise UsageError(f"not a year: {value!r}")
    return y


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def _progress(label: str) -> Callable[[int, int], None]:
    """A tqdm progress bar on stderr, fed by (done, total) callbacks."""
    from tqdm import tqdm

    bar = {"bar": None}

    def update(done: int, total: int) -> None:
        if bar["bar"] is None:
            bar["bar"] = tqdm(total=total, desc=label, unit="", file=sys.stderr, leave=False,
                              disable=not sys.stderr.isatty() and os.environ.get("AKIMKG_PROGRESS") != "1")
        b = bar["bar"]
        b.total = total
        b.n = done
        b.refresh()
        if done >= total:
            b.close()
            bar["bar"] = None

    return update


# --------------------------------------------------------------------------- corpus

def cmd_corpus_sync(args) -> int:
    from corpus.sync import sync

    source = args.source or default_source()
    report = sync(source, progress=_progress("sync"))
    if args.json:
        _print_json(report.as_dict())
    else:
        print(f"source: {source}")
        print(f"editions: {len(report.added)} added, {len(report.changed)} changed, "
              f"{len(report.unchanged)} unchanged, {len(report.removed)} removed")
        for label, keys in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
            for k in keys:
                print(f"  {label}: {k}")
        for p in report.problems:
            print(f"  {p}", file=sys.stderr)
    return 0


def cmd_corpus_list(args) -> int:
    from kg.catalog import corpus_listing

    listing = corpus_listing(home())
    if args.json:
        _print_json(listing)
        return 0
    for act in listing["acts"]:
        print(f"{act['id']}  {act['type']}  {act.get('date') or '?'}  {act['title']}")
        for ed in act["editions"]:
            counts = "" if ed.get("articles") is None else \
                f"  articles {ed['articles']}, chapters {ed['chapters']}, footnotes {ed['footnotes']}"
            print(f"    {ed['date']} [{ed['language']}]{counts}")
    return 0


# --------------------------------------------------------------------------- build

def cmd_build(args) -> int:
    from kg.pipeline import build

    result = build(home(), progress=_progress("build"), log=lambda m: print(m, file=sys.stderr))
    if args.json:
        _print_json(result)
    else:
        print(f"build {result['build']}: {result['editions']} editions, {result['provisions']} provisions, "
              f"{result['triples']} triples, {result['index_docs']} index documents "
              f"in {result['seconds']:.1f} s")
        for p in result.get("problems", [])[:50]:
            print(f"  {p}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- search

def cmd_search(args) -> int:
    from kg.artifacts import INDEX, require_build

    if args.as_of == "all":
        as_of = "all"
    else:
        as_of = _date(args.as_of) if args.as_of else dt.date.today().isoformat()
    build = require_build(home())
    from search.query import Searcher

    searcher = Searcher(build / INDEX)
    from corpus.registry import load_registry

    registry = load_registry()  # --act takes ids, numbers, document codes and aliases ("148-II", "555")
    acts = [(registry.resolve(a).id if registry.resolve(a) else a) for a in args.act or ()]
    result = searcher.search(args.query, as_of=as_of, acts=acts, types=args.type or (),
                             levels=args.level or (), limit=args.limit, page=args.page,
                             synonyms=not args.no_synonyms, mode=args.mode)
    _add_citations(result["hits"])
    if args.json:
        _print_json(result)
        return 0
    when = "in every edition" if as_of == "all" else f"in force on {result['as_of']}"
    print(f"{result['total']} hits for «{result['query']}» {when} (page {result.get('page', 1)} of "
          f"{result.get('pages', 1)})")
    if result.get("suggestion"):
        print(f"did you mean: {result['suggestion']}")
    for h in result["hits"]:
        print(f"\n{h['score']:.2f}  {h['act_title']} (ред. {h['edition']}) — {h['path']}")
        print(f"      {h['snippet'].replace('<b>', '[').replace('</b>', ']')}")
        print(f"      цитата: {h['citation']}")
    return 0


def _add_citations(hits: list) -> None:
    """Give every hit its exact citation («п. 4 ст. 87 Конституции … (ред. от …)»)."""
    from corpus.registry import load_registry
    from kg.citation import citation
    from kg.model import Act

    registry = load_registry()
    for h in hits:
        act = registry.get(h["act"]) or Act(id=h["act"], code=None, type=h.get("type") or "other",
                                             title=h.get("act_title") or h["act"])
        h["citation"] = citation(act, h["eid"], h["edition"])


def cmd_eval(args) -> int:
    import pickle

    from kg.artifacts import EDITIONS, require_build

    build = require_build(home())
    from search.evaluation import evaluate, format_table

    with open(build / EDITIONS, "rb") as fh:
        acts, editions = pickle.load(fh)
    gold = Path(args.gold) if args.gold else Path(__file__).resolve().parent.parent / "tests" / "gold_queries.yaml"
    if not gold.exists():
        raise UsageError(f"gold set not found: {gold}")
    table = evaluate(acts, editions, gold, home() / "eval", ablation=args.ablation)
    if args.json:
        _print_json(table)
    else:
        print(format_table(table))
    return 0


# --------------------------------------------------------------------------- graph

def cmd_modes(args) -> int:
    from kg.artifacts import require_build

    date = _date(args.date) if args.date else dt.date.today().isoformat()
    build = require_build(home())
    from kg.modes import load_rules, modes_on

    rules = load_rules(build)
    answer = modes_on(date, rules)
    if args.json:
        _print_json(answer)
        return 0
    from kg.modes import period_ru

    print(f"Как акимы занимают должность на {answer['date']}:")
    for lv in answer["levels"]:
        extra = [f"согласие: {lv['consent']}"] if lv.get("consent") else []
        if lv.get("nomination"):
            extra.append(f"внесение: {lv['nomination']}")
        if lv.get("min_candidates"):
            extra.append(f"кандидатур не менее {lv['min_candidates']}")
        basis = "; ".join(f"{b['act']} (ред. {b['edition']}) {b['path']}" for b in lv.get("basis", [])) \
            or "; ".join(lv.get("sources", [])) or "—"
        print(f"  {lv['level']:<17} {lv['selection']:<18} {lv['selector']:<19} {period_ru(lv)}"
              + (f" ({', '.join(extra)})" if extra else ""))
        print(f"      основание: {basis}")
        for v in lv.get("variants", []):
            print(f"      вариант: {v['selection']} / {v['selector']} ({v.get('scope') or ''}), {period_ru(v)}")
    return 0


def cmd_timeline(args) -> int:
    start = _year(args.from_) if args.from_ else None
    end = _year(args.to) if args.to else None
    if start and end and start > end:
        raise UsageError(f"--from {start} is after --to {end}")
    from kg.artifacts import current_build
    from kg.event_links import load_links
    from kg.timeline import events

    evs = events(start, end, levels=args.level or (), types=args.type or (),
                 links=load_links(current_build(home())))
    if args.json:
        _print_json({"events": evs})
        return 0
    for e in evs:
        shown = {"year": e["date"][:4], "month": e["date"][:7]}.get(e.get("date_precision"), e["date"])
        print(f"{shown:<10} [{e['type']}] {e['title']}")
    return 0


def cmd_sparql(args) -> int:
    from kg.artifacts import require_build

    text = args.query
    if not any(w in text.upper() for w in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "INSERT", "DELETE")) \
            and Path(text).is_file():
        text = Path(text).read_text(encoding="utf-8")
    build = require_build(home())
    from kg.sparql import format_result, run_query
    from kg.store import load_graph

    graph = load_graph(build)
    result = run_query(graph, text, timeout=args.timeout, limit=args.max_rows)
    sys.stdout.write(format_result(result, args.format))
    return 0


def cmd_export(args) -> int:
    from kg.artifacts import require_build

    out = Path(args.out)
    if out.exists() and out.is_dir() and args.format != "csv":
        raise UsageError(f"--out is a directory: {out}")
    build = require_build(home())
    from kg.export import export

    written = export(build, args.format, out)
    print(f"wrote {written}")
    return 0


def cmd_app(args) -> int:
    import subprocess

    app = Path(__file__).resolve().parent.parent / "app_streamlit.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(args.port),
           "--browser.gatherUsageStats", "false"]
    if args.headless:
        cmd += ["--server.headless", "true"]
    return subprocess.call(cmd, cwd=str(app.parent))  # .streamlit/config.toml lives there


# --------------------------------------------------------------------------- parser

def make_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="akimkg", description="Knowledge graph and legal search about local government in Kazakhstan")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, required=True)

    corpus = sub.add_parser("corpus", help="legal texts: sync and list")
    csub = corpus.add_subparsers(dest="corpus_command", parser_class=_Parser, required=True)
    s = csub.add_parser("sync", help="copy or clone the legal texts into $AKIMKG_HOME")
    s.add_argument("--source", help="directory, git repository or bundle, or mirror URL "
                                    "(default: $AKIMKG_CORPUS_SOURCE, else the public mirror)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_corpus_sync)
    s = csub.add_parser("list", help="acts and editions known, with dates")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_corpus_list)

    s = sub.add_parser("build", help="parse every edition; build the graph and the search index")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_build)

    s = sub.add_parser("search", help="full-text search over provisions")
    s.add_argument("query")
    s.add_argument("--as-of", help="only editions in force on this date (default: today); "
                                   "'all' searches every edition")
    s.add_argument("--mode", choices=("lemma", "exact", "snowball", "plain"), default="lemma",
                   help="lemma (default): every word form; exact: the forms as typed; "
                        "snowball/plain: the baselines of `akimkg eval`")
    s.add_argument("--act", action="append", help="act id, number or alias (repeatable)")
    s.add_argument("--type", action="append", help="act type (repeatable)")
    s.add_argument("--level", action="append", help="administrative level code (repeatable)")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--page", type=int, default=1)
    s.add_argument("--no-synonyms", action="store_true", help="switch off the thesaurus expansion")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("eval", help="search quality on the gold set: nDCG@10, recall@10, MRR per analyzer")
    s.add_argument("--gold", help="gold queries YAML (default: tests/gold_queries.yaml)")
    s.add_argument("--ablation", action="store_true",
                   help="also score lemma+synonyms without each ranking stage (structure, semantic)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser("modes", help="how akims of each level take office on a date")
    s.add_argument("--date", help="YYYY-MM-DD (default: today)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_modes)

    s = sub.add_parser("timeline", help="reform events in date order")
    s.add_argument("--from", dest="from_", metavar="YEAR")
    s.add_argument("--to", metavar="YEAR")
    s.add_argument("--level", action="append")
    s.add_argument("--type", action="append")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_timeline)

    s = sub.add_parser("sparql", help="read-only SPARQL 1.1 query over the graph")
    s.add_argument("query", help="a query, or a file holding one")
    s.add_argument("--format", choices=("json", "csv", "table"), default="table")
    s.add_argument("--timeout", type=float, default=30.0, help="seconds (default 30)")
    s.add_argument("--max-rows", type=int, default=10000, help="result cap (default 10000)")
    s.set_defaults(func=cmd_sparql)

    s = sub.add_parser("export", help="the graph (or its tables) in standard formats")
    s.add_argument("--format", choices=("ttl", "jsonld", "nt", "csv", "graphml"), required=True)
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("app", help="start the Streamlit explorer")
    s.add_argument("--port", type=int, default=8501)
    s.add_argument("--headless", action="store_true")
    s.set_defaults(func=cmd_app)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    try:
        args = make_parser().parse_args(argv)
        if hasattr(args, "limit") and args.limit is not None and not 1 <= args.limit <= 1000:
            raise UsageError("--limit must be between 1 and 1000")
        if hasattr(args, "page") and args.page is not None and args.page < 1:
            raise UsageError("--page must be 1 or more")
        return args.func(args)
    except (ValueError, FileNotFoundError, PermissionError, UnicodeDecodeError) as exc:
        if os.environ.get("AKIMKG_DEBUG"):
            traceback.print_exc()
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"akimkg: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("akimkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no raw traceback
        if os.environ.get("AKIMKG_DEBUG"):
            traceback.print_exc()
        print(f"akimkg: internal error: {type(exc).__name__}: {exc} (AKIMKG_DEBUG=1 for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
