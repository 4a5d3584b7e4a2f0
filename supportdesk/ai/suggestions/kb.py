"""KB articles for a free text: the one retrieval shared by agents (the suggestions panel and API)
and customers (the portal's new-ticket deflection).

Everything goes through kb.search.search_articles, which needs every word of its query. So:
1. Short text (a subject being typed, a question): the whole text as one query, in `language`
   first, then in any language; every hit has score 1.0. This is what the portal always did.
2. If that leaves room (or the text is a whole ticket): the KB_TERMS most frequent useful words
   (terms.py) are searched one by one, in any language; an article's score is the weighted share of
   those searches that found it, a word weighing more the fewer articles it finds (a word every
   article holds says nothing). Articles under MIN_SCORE are left out.
One result per article, in `language` when it has a translation in it; hits in `language` come
first, then the others, each group by score. `public_only=True` (customers, anonymous visitors)
gives published public articles in public categories only; otherwise staff also get internal
articles (search_articles forces public_only for a `user` who is not staff). Drafts and archived
articles are never suggested.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from supportdesk.ai.suggestions.terms import weighted_terms
from supportdesk.kb.choices import ArticleState
from supportdesk.kb.search import KbHit, search_articles
from supportdesk.search.engines import WORD, clean_query

MAX_TEXT = 5000
SHORT_TEXT_WORDS = 8
KB_TERMS = 5
PER_TERM = 10
MIN_SCORE = 0.2
MAX_LIMIT = 20


@dataclass(frozen=True)
class KbSuggestion:
    """A KB hit with its score; the fields a result list shows are those of KbHit."""

    hit: KbHit
    score: float

    @property
    def translation_id(self) -> int:
        return self.hit.translation_id

    @property
    def article_id(self) -> int:
        return self.hit.article_id

    @property
    def language(self) -> str:
        return self.hit.language

    @property
    def title(self) -> str:
        return self.hit.title

    @property
    def snippet(self) -> str:
        return self.hit.snippet

    @property
    def url(self) -> str:
        return self.hit.url

    @property
    def public(self) -> bool:
        return self.hit.public


class _Collected:
    """Per article: the best translation seen (the one in `language` wins) and its score."""

    def __init__(self, language: str | None) -> None:
        self.language = language
        self.hits: dict[int, KbHit] = {}
        self.scores: dict[int, float] = {}
        self.order: dict[int, int] = {}

    def add(self, hit: KbHit, score: float) -> None:
        if hit.state != ArticleState.PUBLISHED:
            return
        aid = hit.article_id
        current = self.hits.get(aid)
        if current is None or (hit.language == self.language and current.language != self.language):
            self.hits[aid] = hit
        self.scores[aid] = max(self.scores.get(aid, 0.0), score)
        self.order.setdefault(aid, len(self.order))

    def in_language(self) -> int:
        return sum(1 for hit in self.hits.values() if hit.language == self.language)

    def ranked(self, limit: int) -> list[KbSuggestion]:
        keys = sorted(self.hits, key=lambda aid: (self.hits[aid].language != self.language, -self.scores[aid], self.order[aid]))
        return [KbSuggestion(self.hits[aid], round(self.scores[aid], 4)) for aid in keys[:limit]]


def kb_for_text(
    text: str, *, language: str | None, public_only: bool, limit: int, user: object = None, subject: str = ""
) -> list[KbSuggestion]:
    """The best KB articles for `text` (words of `subject` count double), at most `limit`."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    language = (language or "").strip().lower() or None
    whole = clean_query(f"{subject} {text}" if subject else text, max_chars=MAX_TEXT)
    collected = _Collected(language)
    if not WORD.search(whole):
        return []
    if len(WORD.findall(whole)) <= SHORT_TEXT_WORDS:
        for hit in search_articles(whole, language=language, user=user, public_only=public_only, limit=limit):
            collected.add(hit, 1.0)
        if language and len(collected.hits) < limit:
            for hit in search_articles(whole, language=None, user=user, public_only=public_only, limit=limit):
                collected.add(hit, 1.0)
    if len(collected.hits) < limit or (language and collected.in_language() < limit):
        _by_terms(collected, subject, text, user=user, public_only=public_only)
    return collected.ranked(limit)


def _by_terms(collected: _Collected, subject: str, text: str, *, user: object, public_only: bool) -> None:
    """Step 2 of the module doc: one search per word, scores from how many (and which) found an article."""
    terms = weighted_terms(subject, text[: MAX_TEXT * 2], limit=KB_TERMS)
    if len(terms) < 2 and collected.hits:
        return  # one word only: step 1 searched it already
    found: dict[str, list[KbHit]] = {}
    for term in terms:
        found[term.key] = search_articles(term.text, language=None, user=user, public_only=public_only, limit=PER_TERM)
    weights = {t.key: t.weight * math.log(1 + PER_TERM / max(1, len(found[t.key]))) for t in terms}
    total = sum(weights.values()) or 1.0
    share: dict[int, float] = {}
    best: dict[int, KbHit] = {}
    for term in terms:
        for hit in found[term.key]:
            share[hit.article_id] = share.get(hit.article_id, 0.0) + weights[term.key] / total
            current = best.get(hit.article_id)
            if current is None or (hit.language == collected.language and current.language != collected.language):
                best[hit.article_id] = hit
    for aid in sorted(share, key=lambda aid: -share[aid]):
        if share[aid] >= MIN_SCORE:
            collected.add(best[aid], min(1.0, share[aid]))
