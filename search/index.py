"""Build the provision index: atomically, under a writer lock with a timeout.

Layout of an index directory::

    index/
      CURRENT              one line: the name of the generation in use
      gen-<stamp>/         a complete whoosh index + meta.json + synonyms.json
      gen-<stamp>.partial/ a generation being built (never opened by readers)
      .lock                the writer lock (fcntl)

A build writes a new ``*.partial`` generation, renames it when complete and
only then replaces ``CURRENT`` with ``os.replace``: a reader opens either the
old generation or the new one, never a half-built index, and a failed build
leaves the previous one in use. The generation before the current one is kept
for readers that still have it open; older ones are removed.

>>> import tempfile, pathlib
>>> from kg.model import Act, EditionMeta, Edition, Provision
>>> act = Act(id="law-x", code="7", type="law", title="О местном управлении", date="2001-01-23")
>>> ed = Edition(EditionMeta("law-x", "2023-12-23"), "О местном управлении",
...              (Provision("art_1", "article", "1", None, "Статья 1. Акимы назначаются.", None, 0),))
>>> d = pathlib.Path(tempfile.mkdtemp()) / "index"
>>> build_index({"law-x": act}, [ed], d)["docs"]
1
>>> current_generation(d).name.startswith("gen-")
True
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence, Union

import numpy as np
from whoosh import index as windex
from whoosh.util.filelock import FcntlLock, try_for

from kg.model import Act, Edition
from search.documents import documents
from search.embedding import VECTORS, WordVectors, document_matrix, load_vectors, meaningful_words
from search.schema import DEFAULT_VARIANTS, EXACT, HEADINGS, VARIANTS, build_schema
from search.synonyms import Synonyms, load_thesaurus

CURRENT = "CURRENT"
LOCK = ".lock"
META = "meta.json"
SYNONYMS = "synonyms.json"
FORMAT = 1
KEEP_GENERATIONS = 2


class IndexLockedError(TimeoutError):
    """Another process holds the writer lock of this index for longer than the timeout."""


class IndexMissingError(ValueError):
    """There is no index at the given path."""


def current_generation(index_dir: Path) -> Optional[Path]:
    """The generation directory ``CURRENT`` names, or None when there is no built index."""
    try:
        name = (Path(index_dir) / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = Path(index_dir) / name
    return path if name and path.is_dir() else None


def _resolve_synonyms(synonyms) -> Synonyms:
    if synonyms is None:
        return Synonyms.default()
    if isinstance(synonyms, Synonyms):
        return synonyms
    if isinstance(synonyms, (str, Path)):
        return Synonyms.from_concepts(load_thesaurus(Path(synonyms)))
    if synonyms is False:
        return Synonyms({})
    raise TypeError("synonyms: expected None, a Synonyms table, a thesaurus path or False")


def _dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _prune(index_dir: Path, keep: set[str]) -> None:
    gens = sorted(p for p in index_dir.iterdir() if p.is_dir() and p.name.startswith("gen-"))
    finished = [p for p in gens if not p.name.endswith(".partial")]
    for p in finished[:-KEEP_GENERATIONS]:
        if p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)


def group_key(doc: dict) -> str:
    """The structural group of a document: its article in its edition (an article and its
    points and subpoints), or for units outside articles (the points of an annex) the
    headings that enclose them.

    >>> group_key({"act": "law", "edition": "2023-12-23", "eid": "art_12/point_1", "context": "Глава 2"})
    'law@2023-12-23/art_12'
    >>> group_key({"act": "dec", "edition": "2021-12-13", "eid": "annex_1/point_50", "context": "Регламент. Комиссии"})
    'dec@2021-12-13/annex_1: Регламент. Комиссии'
    """
    first = doc["eid"].split("/", 1)[0]
    where = first if first.startswith("art_") else f"{first}: {doc.get('context') or ''}"
    return f"{doc['act']}@{doc['edition']}/{where}"


def index_fields(doc: dict, variants: Sequence[str]) -> dict:
    """Field values of one document: the text goes to ``exact`` and every variant's body field.

    >>> sorted(index_fields({"id": "x", "act": "a", "edition": "2001-01-01", "eid": "art_1",
    ...                      "text": "Аким", "context": "Глава"}, ["lemma"]))
    ['act', 'edition', 'eid', 'exact', 'group', 'id', 'lemma', 'lemma_ctx', 'text']
    """
    out = {k: v for k, v in doc.items() if k not in ("context", "heading")}
    out["group"] = group_key(doc)
    out[EXACT] = doc["text"]
    for v in variants:
        body, ctx, _ = VARIANTS[v]
        out[body] = doc["text"]
        if doc.get("context"):
            out[ctx] = doc["context"]
        if doc.get("heading"):
            out[HEADINGS[v]] = doc["heading"]
    return out


def write_vectors(index_path: Path, vectors: WordVectors) -> dict:
    """Compute and save the document vectors of a finished whoosh index (see
    :mod:`search.embedding`); return their description for ``meta.json``."""
    ix = windex.open_dir(str(index_path), readonly=True)
    try:
        with ix.reader() as reader:
            texts = [""] * reader.doc_count_all()
            for docnum, fields in reader.iter_docs():
                texts[docnum] = fields.get("text") or ""
            matrix = document_matrix(texts, vectors, meaningful_words,
                                     lambda w: reader.doc_frequency(EXACT, w))
    finally:
        ix.close()
    np.save(index_path / VECTORS, matrix)
    return {"model": vectors.name, "dim": vectors.dim, "docs": int(matrix.shape[0]),
            "empty": int((~matrix.any(axis=1)).sum())}


def build_index(acts: Mapping[str, Act], editions: Sequence[Edition], index_dir: Path, *,
                tags: Optional[Mapping[str, Mapping[str, list[str]]]] = None,
                synonyms: Union[None, bool, Synonyms, str, Path] = None,
                procs: int = 1,
                progress: Optional[Callable[[int, int], None]] = None,
                variants: Sequence[str] = DEFAULT_VARIANTS,
                lock_timeout: float = 60.0,
                limitmb: int = 256,
                embeddings: Union[None, bool, WordVectors] = None) -> dict:
    """Index every provision (article and point level) of the editions; return stats.

    ``tags`` maps an expression-level provision IRI to ``{"levels": [...],
    "institutions": [...]}``; ``synonyms`` is the expansion table stored with the
    index (None: the project's thesaurus; False: none); ``procs`` > 1 uses
    whoosh's multiprocessing writer; ``variants`` adds Snowball (``snowball``) and
    no-morphology (``plain``) fields for evaluation; ``embeddings`` are the word
    vectors of the documents' dense vectors (None: :func:`search.embedding.load_vectors`;
    False: none, the index is searched by BM25F alone). Raises
    :class:`IndexLockedError` when another build holds the lock past ``lock_timeout`` seconds.
    """
    t0 = time.perf_counter()
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    syn = _resolve_synonyms(synonyms)
    vectors = load_vectors() if embeddings is None else (embeddings or None)
    schema = build_schema(variants)
    docs = list(documents(acts, editions, tags))
    lock = FcntlLock(str(index_dir / LOCK))
    if not try_for(lock.acquire, timeout=lock_timeout, delay=0.1):
        raise IndexLockedError(f"the search index {index_dir} is being rebuilt by another process "
                               f"(lock held for more than {lock_timeout:g} s)")
    try:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        name = f"gen-{stamp}"
        partial = index_dir / (name + ".partial")
        partial.mkdir()
        try:
            ix = windex.create_in(str(partial), schema)
            kwargs = {"limitmb": limitmb}
            if procs > 1:
                kwargs.update(procs=procs, multisegment=True, batchsize=200)
            writer = ix.writer(**kwargs)
            try:
                total = len(docs)
                for i, doc in enumerate(docs, 1):
                    writer.add_document(**index_fields(doc, variants))
                    if progress is not None and (i % 500 == 0 or i == total):
                        progress(i, total)
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            ix.close()
            embedded = write_vectors(partial, vectors) if vectors is not None else None
            act_meta = {a.id: {"title": a.short_title or a.title, "type": a.type, "date": a.date}
                        for a in acts.values()}
            meta = {
                "format": FORMAT, "variants": list(variants), "docs": len(docs),
                "acts": act_meta, "embeddings": embedded, "editions": sorted({f"{e.act_id}@{e.date}" for e in editions}),
                "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            }
            (partial / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
            (partial / SYNONYMS).write_text(syn.to_json(), encoding="utf-8")
            final = index_dir / name
            os.replace(partial, final)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        tmp = index_dir / (CURRENT + ".tmp")
        tmp.write_text(name + "\n", encoding="utf-8")
        os.replace(tmp, index_dir / CURRENT)
        _prune(index_dir, keep={name})
    finally:
        lock.release()
    return {"docs": len(docs), "bytes": _dir_bytes(final), "seconds": round(time.perf_counter() - t0, 3),
            "path": str(final), "variants": list(variants), "procs": procs, "embeddings": embedded}
