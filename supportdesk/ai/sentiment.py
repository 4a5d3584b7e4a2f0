"""Sentiment and urgency of a customer message: fast word lists and rules, no model, no downloads.

Contract (used by triage): `analyse(text, language) -> Analysis` with sentiment in [-1, 1]
(negative = angry or frustrated), urgency in [0, 1], and the cues that moved them as short strings
("word:unacceptable", "negated:good", "anger:third time", "caps:4", "exclamations:3",
"urgent:asap", "deadline:today", "outage:not working"), for en, de, hu, lv; any other language is
read with the English lists (best effort).

How: the text (first `MAX_CHARS` characters) is normalised (NFKC, case-folded) and split into
words and clause punctuation. Words are looked up in the language's lists (supportdesk/ai/lexicons):
exact words first, then the longest matching stem, so inflected Hungarian and Latvian forms match.
A negation ("not", "nicht", "nem", "nav", Latvian "ne-" prefix) within three words of the same
clause flips the word; an intensifier ("very", "sehr", "nagyon", "ļoti") strengthens it. Words
typed without diacritics ("surgos", "nepienemami") match the diacritic-free spelling of the lists;
words typed with diacritics only match exactly, so "száraz" never matches "szar". Phrase cues
(anger, profanity, urgency, deadlines, outages) are matched the same way on the word sequence.
Sentiment is tanh of the weighted sum; urgency is 1 - exp(-sum). The work is linear in the input
and bounded by `MAX_CHARS`: well under 2 ms per message (bench figures in docs/benchmarks.md).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from supportdesk.ai import lexicons

MAX_CHARS = 4000  # only the start of a message is read: the tone is set there, and time stays bounded
MAX_CUES = 24
NEGATION_WINDOW = 3  # a negation reaches this many words ahead within its clause
INTENSIFIER_WINDOW = 2
INTENSIFIER_FACTOR = 1.5
MIN_STEM = 3
MEMO_SIZE = 50_000  # remembered word lookups per language
SCALE = 0.6  # sentiment = tanh(SCALE * sum): one clearly negative word ("bad", 0.7) gives about -0.4

# Weights of the rule cues (sentiment: subtracted; urgency: added before 1 - exp(-u)).
ANGER_WEIGHT = 0.6
PROFANITY_WEIGHT = 0.8
OUTAGE_SENTIMENT = 0.3
CAPS_WEIGHT = 0.2
CAPS_MIN_WORDS = 3
EXCLAMATION_WEIGHT = 0.15
QUESTION_WEIGHT = 0.1
EMOTICON_WEIGHT = 0.6
URGENT_URGENCY = 0.7
DEADLINE_URGENCY = 0.35
OUTAGE_URGENCY = 0.5
ANGER_URGENCY = 0.1

_CLAUSE_PUNCTUATION = frozenset(".!?;,:")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[.!?;,:]")
_CAPS_WORD = re.compile(r"[^\W\d_]{4,}")
_MARK_RUN = re.compile(r"[!?¡¿]{2,}")
_NEGATIVE_EMOTICON = re.compile(
    r"(?<!\S)(?:[:;=]-?['’]?\(+|:-?/(?![/\w])|>:-?\(|:-?\[)|[\U0001F620-\U0001F624\U0001F92C\U0001F61E\U0001F622\U0001F62D\U0001F44E]"
)
_POSITIVE_EMOTICON = re.compile(r"(?<!\S)(?:[:;=]-?\)+|[:;=]-?D(?!\w)|<3)|[\U0001F600-\U0001F60D\U0001F642\U0001F970\U0001F44D\u2764]")
_GERMAN_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


@dataclass(frozen=True)
class Analysis:
    sentiment: float = 0.0
    urgency: float = 0.0
    cues: list[str] = field(default_factory=list)


def analyse(text: str, language: str) -> Analysis:
    """Score `text` (any length; only the first MAX_CHARS characters are read). Pure: no I/O."""
    if not isinstance(text, str) or not text.strip():
        return Analysis()
    raw = text[:MAX_CHARS]
    lexicon = _compiled(_language_code(language))
    cues = _Cues()
    tokens = _TOKEN.findall(normalise(raw))
    for start, end in lexicon.neutral.find(tokens).get("neutral", []):
        tokens[start:end] = [","] * (end - start)  # greetings and closings: a clause break
    words = _score_words(tokens, lexicon, cues)
    sentiment, urgency = _score_phrases(tokens, lexicon, cues)
    surface_sentiment, surface_urgency = _score_surface(raw, cues, negative_evidence=words + sentiment < 0)
    total = words + sentiment + surface_sentiment
    return Analysis(
        sentiment=round(math.tanh(SCALE * total), 3),
        urgency=round(1.0 - math.exp(-(urgency + surface_urgency)), 3),
        cues=cues.items,
    )


def _score_phrases(tokens: list[str], lexicon: _Lexicon, cues: _Cues) -> tuple[float, float]:
    """(sentiment, urgency) contributions of the anger, profanity, urgency, deadline and outage phrases."""
    sentiment = urgency = 0.0
    for category, spans in lexicon.phrases.find(tokens).items():
        found = {" ".join(tokens[start:end]) for start, end in spans}
        for phrase in sorted(found):
            cues.add(f"{category}:{phrase}")
        count = len(found)
        if category == "anger":
            sentiment -= ANGER_WEIGHT * count
            urgency += ANGER_URGENCY * count
        elif category == "profanity":
            sentiment -= PROFANITY_WEIGHT * count
        elif category == "urgent":
            urgency += URGENT_URGENCY * count
        elif category == "deadline":
            urgency += DEADLINE_URGENCY * count
        elif category == "outage":
            sentiment -= OUTAGE_SENTIMENT * count
            urgency += OUTAGE_URGENCY * count
    return sentiment, urgency


def _score_surface(raw: str, cues: _Cues, *, negative_evidence: bool) -> tuple[float, float]:
    """(sentiment, urgency) from shouting, !!!/??? runs and emoticons. Marks only count against an
    already negative text: "Thanks!!!" is not angry."""
    sentiment = urgency = 0.0
    caps = sum(1 for word in _CAPS_WORD.findall(raw) if word.isupper())
    if caps >= CAPS_MIN_WORDS:
        cues.add(f"caps:{caps}")
        sentiment -= CAPS_WEIGHT * min(caps, 5)
        urgency += 0.05 * min(caps, 5)
    exclamations = questions = 0
    for run in _MARK_RUN.findall(raw):
        exclamations += run.count("!") + run.count("¡")
        questions += run.count("?") + run.count("¿")
    if exclamations:
        cues.add(f"exclamations:{exclamations}")
        urgency += 0.05 * min(exclamations, 6)
        if negative_evidence:
            sentiment -= EXCLAMATION_WEIGHT * min(exclamations, 6)
    if questions:
        cues.add(f"questions:{questions}")
        if negative_evidence:
            sentiment -= QUESTION_WEIGHT * min(questions, 6)
    sad = min(len(_NEGATIVE_EMOTICON.findall(raw)), 3)
    happy = min(len(_POSITIVE_EMOTICON.findall(raw)), 3)
    if sad:
        cues.add("emoticon:negative")
    if happy:
        cues.add("emoticon:positive")
    sentiment += EMOTICON_WEIGHT * (happy - sad)
    return sentiment, urgency


def normalise(text: str) -> str:
    """NFKC, typographic apostrophes as ', case-folded (so "ß" is "ss")."""
    return unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").casefold()


def plain(text: str) -> str:
    """`text` without diacritics ("sürgős" -> "surgos", "šodien" -> "sodien")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


@lru_cache(maxsize=65536)
def _is_plain(token: str) -> bool:
    return plain(token) == token


def _language_code(language: str) -> str:
    return (language or "").strip().lower()[:2] if isinstance(language, str) else ""


def _score_words(tokens: list[str], lexicon: _Lexicon, cues: _Cues) -> float:
    total = 0.0
    negation_at = intensifier_at = -100
    for index, token in enumerate(tokens):
        if token in _CLAUSE_PUNCTUATION:
            negation_at = intensifier_at = -100
            continue
        if token in lexicon.negations:
            negation_at = index
            continue
        if token in lexicon.intensifiers:
            intensifier_at = index
            continue
        weight = lexicon.lookup(token)
        negated = index - negation_at <= NEGATION_WINDOW
        if weight is None and lexicon.negation_prefix and token.startswith(lexicon.negation_prefix):
            weight = lexicon.lookup(token[len(lexicon.negation_prefix) :])
            negated = negated != (weight is not None)
        if weight is None:
            continue
        if index - intensifier_at <= INTENSIFIER_WINDOW:
            weight *= INTENSIFIER_FACTOR
        if negated:
            # "not good" is clearly negative; "not bad" is only mildly positive.
            weight = -weight * (0.8 if weight > 0 else 0.5)
            cues.add(f"negated:{token}")
        else:
            cues.add(f"{'word' if weight < 0 else 'positive'}:{token}")
        total += weight
    return total


class _Cues:
    """Cues in the order found, without repeats, at most MAX_CUES (each at most 60 characters)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._seen: set[str] = set()

    def add(self, cue: str) -> None:
        cue = cue[:60]
        if cue not in self._seen and len(self.items) < MAX_CUES:
            self._seen.add(cue)
            self.items.append(cue)


class _Lexicon:
    """One language's lists compiled for lookup (built once per process and language)."""

    def __init__(self, code: str) -> None:
        module = lexicons.module_for(code)
        common = lexicons.shared()
        self.german = code == "de"
        self.excluded: frozenset[str] = module.PLAIN_EXCLUDE
        # Signed weights: negative words below zero. Words typed with diacritics use the `_diacritic`
        # tables (exact spellings only); words without use the `_any` tables (plus plain spellings).
        self.exact_diacritic: dict[str, float] = {}
        self.stems_diacritic: dict[str, float] = {}
        self.exact_any: dict[str, float] = {}
        self.stems_any: dict[str, float] = {}
        for words, sign in ((common.POSITIVE, 1.0), (module.POSITIVE, 1.0), (common.NEGATIVE, -1.0), (module.NEGATIVE, -1.0)):
            for entry, weight in words.items():
                self._add_word(entry, sign * weight)
        self._memo: dict[str, float | None] = {}
        self.stem_starts = {stem[:MIN_STEM] for stem in (*self.stems_any, *self.stems_diacritic)}
        self.longest_stem = max((len(stem) for stem in self.stems_any), default=0)
        self.negations = frozenset(self._variants(module.NEGATIONS))
        self.intensifiers = frozenset(self._variants(module.INTENSIFIERS))
        self.negation_prefix: str = module.NEGATION_PREFIX
        categories = {"anger": "ANGER", "profanity": "PROFANITY", "urgent": "URGENT", "deadline": "DEADLINE", "outage": "OUTAGE"}
        self.phrases = _PhraseIndex(
            {category: (*getattr(module, name), *getattr(common, name)) for category, name in categories.items()}, self._spellings
        )
        self.neutral = _PhraseIndex({"neutral": module.NEUTRAL_PHRASES}, self._spellings)

    def lookup(self, token: str) -> float | None:
        """Signed weight of a word: exact entry, else the longest stem it starts with (memoised)."""
        try:
            return self._memo[token]
        except KeyError:
            pass
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()  # hostile input with endless distinct words: start over, stay bounded
        weight = self._memo[token] = self._lookup(token)
        return weight

    def _lookup(self, token: str) -> float | None:
        if _is_plain(token):
            exact, stems = self.exact_any, self.stems_any
        else:
            exact, stems = self.exact_diacritic, self.stems_diacritic
        weight = exact.get(token)
        if weight is not None or token[:MIN_STEM] not in self.stem_starts:
            return weight
        for length in range(min(len(token), self.longest_stem), MIN_STEM - 1, -1):
            weight = stems.get(token[:length])
            if weight is not None:
                return weight
        return None

    def _add_word(self, entry: str, weight: float) -> None:
        text = normalise(entry)
        is_stem = text.endswith("*")
        text = text.rstrip("*")
        if " " in text or not text:
            raise ValueError(f"sentiment word lists take single words, not {entry!r}")
        diacritic, any_ = (self.stems_diacritic, self.stems_any) if is_stem else (self.exact_diacritic, self.exact_any)
        diacritic[text] = weight
        for spelling in self._spellings(text):
            any_[spelling] = weight

    def _spellings(self, text: str) -> set[str]:
        """Diacritic-free ways to type `text`: itself if it has none, else without them and (German) with ae/oe/ue."""
        if plain(text) == text:
            return {text}
        variants = {plain(text)}
        if self.german:
            variants.add(plain(text.translate(_GERMAN_TRANSLITERATION)))
        return {variant for variant in variants if variant not in self.excluded}

    def _variants(self, entries: Iterable[str]) -> list[str]:
        """Each entry normalised, plus its diacritic-free spellings (a final `*` kept)."""
        variants: list[str] = []
        for entry in entries:
            text = normalise(entry)
            stem = "*" if text.endswith("*") else ""
            variants.append(text)
            variants.extend(spelling + stem for spelling in self._spellings(text.rstrip("*")))
        return variants


class _PhraseIndex:
    """Phrases (lists of words, the last may be a `*` stem) found in a word sequence, per category.

    Matching walks the words once and looks each one up in a dict of phrase beginnings, so the
    cost is linear in the text whatever the number of phrases. Words typed with diacritics match
    the exact spellings; words typed without also match the diacritic-free spellings.
    """

    def __init__(self, entries: dict[str, tuple[str, ...]], spellings: Callable[[str], set[str]]) -> None:
        self.exact: dict[str, list[_Phrase]] = {}  # first word -> phrases (exact spellings)
        self.plain: dict[str, list[_Phrase]] = {}  # first word -> phrases (diacritic-free spellings too)
        self.stems: dict[str, list[_Phrase]] = {}  # one-word stems, exact spellings
        self.plain_stems: dict[str, list[_Phrase]] = {}
        for category, phrases in entries.items():
            for entry in phrases:
                text = normalise(entry)
                stem = text.endswith("*")
                words = tuple(_TOKEN.findall(text.rstrip("*")))
                if not words:
                    continue
                self._add(_Phrase(category, words, stem), plain_first=_is_plain(words[0]), exact=True)
                for variant in itertools.product(*(sorted(spellings(word)) for word in words)):
                    if variant != words:
                        self._add(_Phrase(category, variant, stem), plain_first=True, exact=False)
        self.stem_lengths = sorted({len(key) for key in (*self.stems, *self.plain_stems)}, reverse=True)
        self.stem_starts = {key[:MIN_STEM] for key in (*self.stems, *self.plain_stems)}
        self._memo: dict[str, tuple[_Phrase, ...]] = {}

    def _add(self, phrase: _Phrase, *, plain_first: bool, exact: bool) -> None:
        one_stem = len(phrase.words) == 1 and phrase.stem
        if exact:
            (self.stems if one_stem else self.exact).setdefault(phrase.words[0], []).append(phrase)
        if plain_first:
            (self.plain_stems if one_stem else self.plain).setdefault(phrase.words[0], []).append(phrase)

    def find(self, tokens: list[str]) -> dict[str, list[tuple[int, int]]]:
        """Category -> (start, end) word spans, leftmost-longest and not overlapping within a category."""
        found: dict[str, list[tuple[int, int]]] = {}
        free_from: dict[str, int] = {}
        for index, token in enumerate(tokens):
            candidates = self._candidates(token)
            if not candidates:
                continue
            best: dict[str, int] = {}
            for phrase in candidates:
                if index < free_from.get(phrase.category, 0):
                    continue
                end = phrase.match(tokens, index)
                if end and end > best.get(phrase.category, 0):
                    best[phrase.category] = end
            for category, end in best.items():
                found.setdefault(category, []).append((index, end))
                free_from[category] = end
        return found

    def _candidates(self, token: str) -> tuple[_Phrase, ...]:
        """Phrases that may start at `token` (memoised, bounded like `_Lexicon.lookup`)."""
        try:
            return self._memo[token]
        except KeyError:
            pass
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        exact, stems = (self.plain, self.plain_stems) if _is_plain(token) else (self.exact, self.stems)
        candidates = list(exact.get(token, ()))
        if token[:MIN_STEM] in self.stem_starts:
            for length in self.stem_lengths:
                if length <= len(token):
                    candidates.extend(stems.get(token[:length], ()))
        result = self._memo[token] = tuple(candidates)
        return result


@dataclass(frozen=True)
class _Phrase:
    category: str
    words: tuple[str, ...]
    stem: bool

    def match(self, tokens: list[str], start: int) -> int:
        """End index of this phrase at `start` in `tokens`, or 0."""
        end = start + len(self.words)
        if end > len(tokens):
            return 0
        last = len(self.words) - 1
        for offset, word in enumerate(self.words):
            token = tokens[start + offset]
            if offset == last and self.stem:
                if not token.startswith(word):
                    return 0
            elif token != word:
                return 0
        return end


@lru_cache(maxsize=8)
def _compiled(code: str) -> _Lexicon:
    return _Lexicon(code)
