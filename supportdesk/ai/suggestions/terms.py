"""Turning ticket text into weighted query terms. Pure functions: no database, bounded work.

Tokens are the search index's words (letters and digits, search.engines.WORD), so every term is
something the index can hold and nothing in it can be query syntax: quotes, `*`, `:`, `-`,
`NEAR(` and parentheses are separators and never reach a query. A term keeps its surface form
(lower-cased) for the index, which folds diacritics itself, and a folded key (casefold, no
diacritics) so "Számla", "számla" and "szamla" count as one term.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from supportdesk.ai.suggestions.stopwords import STOPWORDS
from supportdesk.search.engines import WORD

MIN_TERM = 3
# Longer tokens are hashes, base64 or URLs run together: never a useful search word.
MAX_TERM = 40
# A word in the subject says more about the problem than one in the body.
SUBJECT_WEIGHT = 2.0
# Only this much text is scanned (callers bound it already; this is the last line of defence).
MAX_SCAN_CHARS = 20_000


@dataclass(frozen=True)
class Term:
    """One query word: `text` goes to the index, `key` identifies it, `weight` is its frequency."""

    text: str
    key: str
    weight: float


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Case- and diacritic-insensitive key of a word ("Größe" -> "grosse", "rēķins" -> "rekins").

    Cached: the words of a helpdesk repeat, and normalising each occurrence dominated the cost."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _useful(token: str, key: str) -> bool:
    if not MIN_TERM <= len(token) <= MAX_TERM or key in STOPWORDS:
        return False
    # Digits only: an order or invoice number says a lot, a year or a quantity little.
    return not (key.isdigit() and len(key) < 5)


def tokens(text: str) -> list[tuple[str, str]]:
    """(surface, key) of each useful word of `text`, in order."""
    found = []
    for match in WORD.finditer(text[:MAX_SCAN_CHARS]):
        token = match.group(0)
        key = fold(token)
        if _useful(token, key):
            found.append((token.lower(), key))
    return found


def weighted_terms(subject: str, body: str, *, limit: int) -> list[Term]:
    """The most frequent useful words of a ticket, subject words counting SUBJECT_WEIGHT each.

    Ties go to the word seen first (the subject, then the start of the message), so the result is
    deterministic for a given text.
    """
    weights: dict[str, float] = {}
    surface: dict[str, str] = {}
    order: dict[str, int] = {}
    for weight, text in ((SUBJECT_WEIGHT, subject), (1.0, body)):
        for token, key in tokens(text):
            weights[key] = weights.get(key, 0.0) + weight
            surface.setdefault(key, token)
            order.setdefault(key, len(order))
    ranked = sorted(weights, key=lambda key: (-weights[key], order[key]))
    return [Term(text=surface[key], key=key, weight=weights[key]) for key in ranked[: max(0, limit)]]


def term_counts(text: str) -> Counter[str]:
    """Folded useful words of `text` with their counts (for comparing texts with each other)."""
    return Counter(key for _token, key in tokens(text))
