"""Dense vectors of provisions and queries from pretrained Russian word embeddings.

The lexical ranking (BM25F over lemmas, :mod:`search.scorer`) only sees the
words a provision shares with the query. A researcher's «теряет мандат» or
«сколько депутатов» shares few words with «полномочия … прекращаются» or
«число депутатов … определяется»; word embeddings trained on a large Russian
corpus place such words near each other. Each provision and each query gets
one vector: the IDF-weighted mean of the unit vectors of its word forms
(stop words left out), normalised, so that their dot product is a cosine.
:mod:`search.query` mixes that cosine into the BM25F score of the provisions
the query matches (a convex combination of the two normalised scores).

The vectors are navec's (``navec_news_v1_1B_250K_300d_100q``: 250,000 word
forms, 300 dimensions, trained on a billion words of Russian news), the
embeddings of the Natasha project. They ship inside the ``natasha`` wheel on
PyPI, so nothing is fetched at run time; they are read with the ``navec``
library. ``AKIMKG_EMBEDDINGS`` names another navec archive, or ``off`` to
build indexes without vectors; an index without vectors is searched by
BM25F alone.

Document vectors are computed when the index is built, from the stored text
of every document in the final whoosh reader (so row *i* is document number
*i*), with the document frequencies of the ``exact`` field as IDF, and saved
as ``vectors.npy`` (float16) in the index generation.

>>> vecs = DictVectors({"аким": [1.0, 0.0], "глава": [0.8, 0.6], "маслихат": [0.0, 1.0]})
>>> v = text_vector(["аким", "назначается"], vecs, lambda w: 1.0)
>>> [round(float(x), 3) for x in v]
[1.0, 0.0]
>>> round(float(v @ text_vector(["глава"], vecs, lambda w: 1.0)), 3)
0.8
>>> text_vector(["неизвестное"], vecs, lambda w: 1.0) is None
True
"""
from __future__ import annotations

import math
import os
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional, Protocol, Sequence

import numpy as np

ENV = "AKIMKG_EMBEDDINGS"
NAVEC_MODEL = "navec_news_v1_1B_250K_300d_100q"
_NATASHA_FILE = f"natasha/data/emb/{NAVEC_MODEL}.tar"
VECTORS = "vectors.npy"
_NUMBERISH = re.compile(r"\d")


class EmbeddingsError(ValueError):
    """The word embeddings named by ``AKIMKG_EMBEDDINGS`` cannot be read."""


class WordVectors(Protocol):
    """Unit vectors of word forms."""

    name: str
    dim: int

    def vector(self, word: str) -> Optional[np.ndarray]:
        """The unit vector of a lower-cased word form, or None when it is unknown."""


class DictVectors:
    """Word vectors from a mapping (small fixtures, tests).

    >>> DictVectors({"аким": [3.0, 4.0]}).vector("аким").tolist()
    [0.6000000238418579, 0.800000011920929]
    """

    def __init__(self, table: Mapping[str, Sequence[float]], name: str = "fixture"):
        self.name = name
        self._table = {w: _unit(np.asarray(v, dtype=np.float32)) for w, v in table.items()}
        self.dim = len(next(iter(self._table.values()))) if self._table else 0

    def vector(self, word: str) -> Optional[np.ndarray]:
        return self._table.get(word)


class NavecVectors:
    """Word vectors of a navec archive (product-quantised; unpacked word by word, cached)."""

    def __init__(self, path: Path):
        from navec import Navec

        try:
            self._navec = Navec.load(str(path))
        except Exception as exc:   # a missing, truncated or foreign file
            raise EmbeddingsError(f"cannot read word embeddings {path}: {exc}") from None
        self.name = Path(path).name.removesuffix(".tar")
        self.dim = int(self._navec.pq.dim)
        self._cache: dict[str, Optional[np.ndarray]] = {}

    def vector(self, word: str) -> Optional[np.ndarray]:
        hit = self._cache.get(word, False)
        if hit is False:
            hit = _unit(np.asarray(self._navec[word], dtype=np.float32)) if word in self._navec else None
            self._cache[word] = hit
        return hit


def _unit(v: np.ndarray) -> Optional[np.ndarray]:
    n = float(np.linalg.norm(v))
    return v / n if n else None


def default_path() -> Optional[Path]:
    """The navec archive shipped in the installed ``natasha`` distribution, or None.

    The file is located through the distribution's metadata: importing
    ``natasha`` itself is not needed (and pulls in much more).
    """
    try:
        path = Path(metadata.distribution("natasha").locate_file(_NATASHA_FILE))
    except metadata.PackageNotFoundError:
        return None
    return path if path.is_file() else None


@lru_cache(maxsize=4)
def _load(path: str) -> NavecVectors:
    return NavecVectors(Path(path))


def load_vectors() -> Optional[WordVectors]:
    """The word vectors to use: ``AKIMKG_EMBEDDINGS`` (a path, or ``off``), else the ones
    shipped with natasha; None when switched off or not installed. Loaded once per process."""
    setting = os.environ.get(ENV, "").strip()
    if setting.lower() in ("off", "none", "0", "false"):
        return None
    if setting:
        if not Path(setting).is_file():
            raise EmbeddingsError(f"{ENV}={setting}: no such file")
        return _load(str(Path(setting).resolve()))
    path = default_path()
    return _load(str(path)) if path else None


def idf(doc_frequency: int, n_docs: int) -> float:
    """Smoothed inverse document frequency, ≥ 1 for any word.

    >>> idf(0, 99) > idf(10, 99) > idf(99, 99) >= 1.0
    True
    """
    return math.log((n_docs + 1) / (doc_frequency + 1)) + 1.0


def text_vector(words: Iterable[str], vectors: WordVectors,
                weight: Callable[[str], float]) -> Optional[np.ndarray]:
    """Normalised weighted mean of the unit vectors of ``words`` (None when none is known)."""
    acc = None
    for w in words:
        v = vectors.vector(w)
        if v is None:
            continue
        acc = v * weight(w) if acc is None else acc + v * weight(w)
    return _unit(acc) if acc is not None else None


def meaningful_words(text: str) -> list[str]:
    """The word forms of a text that carry meaning for its vector: ``exact`` tokens that are
    not stop words, numbers («33», «87-1») or legal abbreviations («ст», «п»).

    >>> meaningful_words("Согласно ст. 33 акимы 2-х районов избираются")
    ['согласно', 'акимы', 'районов', 'избираются']
    """
    from search.analysis import ABBREVIATIONS, STOP_WORDS, exact_tokens

    return [w for w, _, _ in exact_tokens(text)
            if w not in STOP_WORDS and w not in ABBREVIATIONS and not _NUMBERISH.search(w)]


def document_matrix(texts: Sequence[str], vectors: WordVectors, words_of: Callable[[str], list[str]],
                    doc_frequency: Callable[[str], int]) -> np.ndarray:
    """One row per text (float16, zeros for a text with no known word)."""
    n = len(texts)
    out = np.zeros((n, vectors.dim), dtype=np.float16)
    weight = lru_cache(maxsize=None)(lambda w: idf(doc_frequency(w), n))
    for i, text in enumerate(texts):
        v = text_vector(words_of(text), vectors, weight)
        if v is not None:
            out[i] = v
    return out
