"""Plain-text excerpts around the first match of a search query, for result lists.

Matching ignores case and diacritics, like both engines ("szamla" highlights "számla"). The
output is plain text; callers render it escaped and never build HTML from it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from supportdesk.search.engines import query_terms

# Only this much of a document is scanned: the header and the first articles are what a result
# list can show, and a regex over 200,000 characters per result would slow the page.
SCAN_CHARS = 50_000
# Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional hold the accented letters
# of the languages we serve (de, hu, lv, and their neighbours).
_ACCENTED = [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]


def _base(ch: str) -> str:
    return unicodedata.normalize("NFKD", ch)[:1].lower() or ch


@cache
def _variants() -> dict[str, str]:
    table: dict[str, set[str]] = {}
    for code in _ACCENTED:
        ch = chr(code)
        base = _base(ch)
        if base.isascii() and base.isalpha():
            table.setdefault(base, {base, base.upper()}).update({ch, ch.lower(), ch.upper()})
    return {base: "".join(sorted(chars)) for base, chars in table.items()}


def _term_pattern(term: str) -> str:
    variants = _variants()
    parts = []
    for ch in term:
        base = _base(ch)
        parts.append(f"[{re.escape(variants[base])}]" if base in variants else re.escape(ch))
    return "".join(parts)


def snippet(text: str, query: str, *, width: int = 160) -> str:
    """About `width` characters of `text` around the first occurrence of a query word.

    Falls back to the start of the text when no word occurs literally (e.g. a stemmed or prefix
    match). Whitespace is collapsed; an ellipsis marks cut ends.
    """
    text = " ".join(text[:SCAN_CHARS].split())
    terms = query_terms(query)
    start = 0
    if terms:
        pattern = re.compile("|".join(_term_pattern(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
        found = pattern.search(text)
        if found is not None:
            start = max(0, found.start() - width // 3)
            # Begin on a word boundary so the excerpt does not open mid-word.
            if start > 0:
                space = text.find(" ", start)
                start = space + 1 if 0 <= space < found.start() else start
    excerpt = text[start : start + width]
    if start + width < len(text):
        cut = excerpt.rfind(" ")
        excerpt = (excerpt[:cut] if cut > width // 2 else excerpt) + "…"
    return ("…" + excerpt) if start > 0 else excerpt
