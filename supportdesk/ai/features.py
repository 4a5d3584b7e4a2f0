"""Text features of the classifier: normalisation and the scikit-learn pipeline (pure, no database).

One pipeline serves every language: TF-IDF over character n-grams within word boundaries (2-5,
which carry German compounds, Hungarian and Latvian inflections and typos) plus word unigrams and
bigrams, with sublinear tf and a bounded vocabulary, feeding a linear model trained with logistic
loss (so it gives probabilities). The same code trains the instance's models
(supportdesk.ai.training) and the evaluation command (supportdesk.ai.evaluation), so the figures in
docs/benchmarks.md describe what ships.

Speed: scikit-learn's TfidfVectorizer builds its vocabulary in a Python dict, which took about two
minutes for 100,000 tickets of char n-grams alone. `HashedTfidf` instead cuts and hashes (crc32) each
distinct word once per process and builds the sparse rows with numpy, then keeps the `max_features` columns with the
highest document frequency, so the model stays bounded in size like a vocabulary would.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
import zlib
from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.linear_model import SGDClassifier
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

# Long mails add little after the first paragraphs, and analysis time grows with the length.
MAX_CHARS = 1500
HASH_FEATURES = 2**21
MAX_FEATURES = 100_000
_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_WORD_MARK = "\x00"  # word features cannot collide with char n-grams, which never contain it


def normalise(text: str) -> str:
    """NFKC, lower case, every digit folded to 0, whitespace collapsed, bounded length."""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2]).lower()
    text = _DIGITS.sub("0", text)
    return _SPACE.sub(" ", text).strip()[:MAX_CHARS]


def words(text: str) -> list[str]:
    """The normalised words of a text (for keyword rules and the keyword baseline)."""
    return _WORD.findall(normalise(text))


def ticket_text(subject: str, body: str) -> str:
    """The one text a ticket is classified by: the subject twice (it is short and telling) and the body."""
    return f"{subject}\n{subject}\n{body}"


def _hash(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) & (HASH_FEATURES - 1)


@lru_cache(maxsize=200_000)
def _token_columns(token: str) -> np.ndarray:
    # Words repeat a lot across tickets, so each distinct word is cut and hashed once per process.
    padded = f" {token} "
    length = len(padded)
    grams = [padded[i : i + n] for n in (2, 3, 4, 5) if n <= length for i in range(length - n + 1)]
    grams.append(_WORD_MARK + token)
    return np.fromiter((_hash(g) for g in grams), dtype=np.int32, count=len(grams))


def analyse(text: str) -> list[str]:
    """The features of a text, readable (for inspection and tests; the pipeline hashes the same grams)."""
    tokens = _WORD.findall(normalise(text))
    grams: list[str] = []
    for token in tokens:
        padded = f" {token} "
        grams += [padded[i : i + n] for n in (2, 3, 4, 5) if n <= len(padded) for i in range(len(padded) - n + 1)]
    grams += [_WORD_MARK + t for t in tokens]
    grams += [f"{_WORD_MARK}{a} {b}" for a, b in itertools.pairwise(tokens)]
    return grams


def hashed_counts(texts: list[str]) -> sp.csr_matrix:
    """Counts of the hashed features of `analyse`: one row per text, HASH_FEATURES columns."""
    parts: list[np.ndarray] = []
    indptr = [0]
    for text in texts:
        tokens = _WORD.findall(normalise(text))
        columns = [_token_columns(t) for t in tokens]
        if len(tokens) > 1:
            bigrams = [f"{_WORD_MARK}{a} {b}" for a, b in itertools.pairwise(tokens)]
            columns.append(np.fromiter((_hash(g) for g in bigrams), dtype=np.int32, count=len(bigrams)))
        row = np.concatenate(columns) if columns else np.empty(0, dtype=np.int32)
        parts.append(row)
        indptr.append(indptr[-1] + len(row))
    indices = np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
    matrix = sp.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, np.asarray(indptr)), shape=(len(texts), HASH_FEATURES))
    matrix.sum_duplicates()
    return matrix


class HashedTfidf(TransformerMixin, BaseEstimator):
    """Hashed n-gram counts -> the `max_features` most frequent columns -> sublinear tf-idf, L2-normalised."""

    def __init__(self, max_features: int = MAX_FEATURES, min_df: int = 2) -> None:
        self.max_features = max_features
        self.min_df = min_df

    def fit(self, texts: list[str], y: Any = None) -> HashedTfidf:
        self.fit_transform(texts)
        return self

    def fit_transform(self, texts: list[str], y: Any = None, **fit_params: Any) -> sp.csr_matrix:
        counts = hashed_counts(list(texts))
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        candidates = np.flatnonzero(df >= self.min_df)
        if len(candidates) > self.max_features:
            candidates = candidates[np.argsort(-df[candidates], kind="stable")[: self.max_features]]
        self.columns_ = np.sort(candidates)
        self.idf_ = (np.log((1 + counts.shape[0]) / (1 + df[self.columns_])) + 1).astype(np.float32)
        return self.weigh(counts)

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        return self.weigh(hashed_counts(list(texts)))

    def weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Keep the selected columns (renumbered 0..k-1), then sublinear tf times idf, L2-normalised."""
        rows = counts.shape[0]
        position = np.searchsorted(self.columns_, counts.indices)
        position[position == len(self.columns_)] = 0
        keep = self.columns_[position] == counts.indices if len(self.columns_) else np.zeros(len(counts.indices), dtype=bool)
        row_of = np.repeat(np.arange(rows), np.diff(counts.indptr))
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row_of[keep], minlength=rows))])
        position = position[keep]
        data = np.log1p(counts.data[keep]) * self.idf_[position]
        # L2 per row by hand: sklearn's normalize() checks its input at a cost that dominates one ticket.
        squares = np.add.reduceat(data * data, indptr[:-1]) if len(data) else np.zeros(rows)
        squares[np.diff(indptr) == 0] = 0.0
        norms = np.sqrt(squares)
        norms[norms == 0] = 1.0
        data = data / np.repeat(norms, np.diff(indptr))
        return sp.csr_matrix((data, position, indptr), shape=(rows, len(self.columns_)))


def _linear(examples: int) -> SGDClassifier:
    # More passes for small sets (they are cheap there); a few are enough for tens of thousands.
    return SGDClassifier(
        loss="log_loss",
        alpha=1e-5 if examples >= 5000 else 1e-4,
        max_iter=5 if examples >= 50_000 else 10 if examples >= 5000 else 20,
        tol=None,
        random_state=7,
        n_jobs=2,
    )


def build_features(examples: int = 10_000) -> HashedTfidf:
    # A term seen once says nothing in a large set, but small sets (cold start, tests) need every term.
    return HashedTfidf(min_df=2 if examples >= 500 else 1)


def build_classifier(examples: int, *, multilabel: bool = False) -> Any:
    """A fresh linear model. Multi-label (tags): one binary model per tag."""
    # One process: spawning workers costs more than the binary fits of a few dozen tags.
    return OneVsRestClassifier(_linear(examples), n_jobs=1) if multilabel else _linear(examples)


def build_pipeline(examples: int, *, multilabel: bool = False) -> Pipeline:
    """A fresh, unfitted pipeline."""
    return Pipeline([("features", build_features(examples)), ("classifier", build_classifier(examples, multilabel=multilabel))])
