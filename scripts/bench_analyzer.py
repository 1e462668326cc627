#!/usr/bin/env python
"""Analyzer benchmark: the domain lexicon measurement, lemma throughput, indexing MB/s vs Snowball.

Usage::

    python scripts/bench_analyzer.py              # everything, on the real corpus
    python scripts/bench_analyzer.py --lexicon    # only the lexicon measurement (no corpus needed)
    python scripts/bench_analyzer.py --unknown    # words of the corpus pymorphy3 does not know

Sections:

* lexicon: every candidate word of :mod:`search.lexicon` over all its forms,
  read by pymorphy3 alone: the forms whose best lemma is wrong, the extra
  lemmas it proposes, and the verdict; the words not «ok» are the overrides;
* throughput: tokens per second of each analyzer over the real provisions,
  first pass (cold LRU cache) and second pass (warm);
* indexing: MB of provision text per second indexed into a one-field whoosh
  index with the lemma analyzer and with the Snowball analyzer, in the same
  run, and their ratio (goal ≥ 0.8).
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from search import analysis, lexicon  # noqa: E402


def lexicon_table() -> str:
    rows = ["| word | forms | pymorphy3's wrong best lemmas | other lemmas proposed | verdict | in lexicon |",
            "|---|---:|---|---|---|---|"]
    for m in lexicon.measure():
        wrong = ", ".join(f"{f}→{b}" for f, b in m.wrong_best) or "—"
        rows.append(f"| {m.lemma} | {m.forms} | {wrong} | {', '.join(m.spurious) or '—'} | {m.verdict} | "
                    f"{'yes' if m.lemma in lexicon.OVERRIDES else 'no'} |")
    return "\n".join(rows)


def provision_texts(editions) -> list[str]:
    from search.documents import units_of

    return [text for ed in editions for _, text in units_of(ed)]


def unknown_words(texts, top: int = 60) -> list[tuple[str, int]]:
    morph = analysis.morph()
    counts = collections.Counter()
    for text in texts:
        for t in analysis.exact_analyzer()(text):
            if re.search("[а-я]", t.text) and "-" not in t.text:
                counts[t.text] += 1
    return [(w, c) for w, c in counts.most_common() if not morph.word_is_known(w)][:top]


def throughput(texts) -> dict:
    out = {}
    for name, factory in analysis.ANALYZERS.items():
        analysis.lemmas.cache_clear()
        analyzer = factory()
        rates = []
        for _ in range(2):
            t = time.perf_counter()
            n = sum(1 for text in texts for _ in analyzer(text, mode="index", positions=True))
            rates.append(n / (time.perf_counter() - t))
        out[name] = {"tokens": n, "cold_tokens_per_s": round(rates[0]), "warm_tokens_per_s": round(rates[1])}
    return out


def indexing_rate(texts) -> dict:
    from whoosh import index as windex
    from whoosh.fields import ID, TEXT, Schema

    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    out = {"text_mb": round(mb, 2)}
    for name in ("lemma", "snowball"):
        analysis.lemmas.cache_clear()
        d = tempfile.mkdtemp(prefix=f"akimkg-{name}-")
        ix = windex.create_in(d, Schema(id=ID(stored=True), body=TEXT(analyzer=analysis.ANALYZERS[name](), phrase=True)))
        t = time.perf_counter()
        w = ix.writer(limitmb=256)
        for i, text in enumerate(texts):
            w.add_document(id=str(i), body=text)
        w.commit()
        secs = time.perf_counter() - t
        out[name] = {"seconds": round(secs, 2), "mb_per_s": round(mb / secs, 3)}
    out["lemma_vs_snowball"] = round(out["lemma"]["mb_per_s"] / out["snowball"]["mb_per_s"], 2)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lexicon", action="store_true", help="only the lexicon measurement")
    ap.add_argument("--unknown", action="store_true", help="only the unknown words of the corpus")
    ap.add_argument("--source", help="corpus source (default: ../shared/corpus)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    if args.lexicon:
        print(lexicon_table())
        return 0
    from bench_search import load_real

    _acts, editions = load_real(args.source)
    texts = provision_texts(editions)
    if args.unknown:
        for w, c in unknown_words(texts):
            print(f"{c:6d}  {w}  → {analysis.morph().parse(w)[0].normal_form}")
        return 0
    result = {"throughput": throughput(texts), "indexing": indexing_rate(texts)}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print("## Domain lexicon: pymorphy3 alone on every form of each candidate\n")
    print(lexicon_table())
    print("\n## Analyzer throughput over the real provisions (index mode)\n")
    print("| analyzer | tokens | cold tokens/s | warm tokens/s |\n|---|---:|---:|---:|")
    for name, r in result["throughput"].items():
        print(f"| {name} | {r['tokens']} | {r['cold_tokens_per_s']:,} | {r['warm_tokens_per_s']:,} |")
    ix = result["indexing"]
    print(f"\n## Indexing {ix['text_mb']} MB of provision text into a one-field whoosh index\n")
    print(f"lemma {ix['lemma']['mb_per_s']} MB/s ({ix['lemma']['seconds']} s), "
          f"snowball {ix['snowball']['mb_per_s']} MB/s ({ix['snowball']['seconds']} s): "
          f"lemma/snowball = {ix['lemma_vs_snowball']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
