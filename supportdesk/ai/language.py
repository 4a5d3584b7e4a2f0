"""Language detection with lingua, for inbound messages and knowledge base articles.

One detector per process, built on first use: it is immutable (no mutable state is cached, so
several processes and threads may each hold one). Lingua loads its models lazily on the first
detection (a few seconds); the worker calls `preload()` at start so the first ticket does not pay
for it. Only the languages in LANGUAGES are considered: restricting the set makes detection
faster and more accurate for the instance's real traffic.

`detect(text) -> (code, confidence)`: an ISO 639-1 code and lingua's confidence in [0, 1]; text
shorter than MIN_LETTERS letters, or with no letters at all, gives ("", 0.0). Only the first
MAX_CHARS characters are read, so a huge mail costs the same as a long one.
"""

from __future__ import annotations

import threading

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

# en, de, hu, lv are the instance's main languages (sentiment cues exist for them); the others are
# common European languages so a French or Polish mail is not mistaken for one of those.
LANGUAGES = ("en", "de", "hu", "lv", "lt", "et", "fr", "es", "it", "pt", "nl", "pl", "cs", "sv")
MAX_CHARS = 2000
MIN_LETTERS = 3

_detector: LanguageDetector | None = None
_lock = threading.Lock()


def _iso(code: str) -> IsoCode639_1:
    return getattr(IsoCode639_1, code.upper())  # type: ignore[no-any-return]


def detector(*, preload: bool = False) -> LanguageDetector:
    """The process's detector (built once; `preload` loads every model now instead of lazily)."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                builder = LanguageDetectorBuilder.from_iso_codes_639_1(*(_iso(code) for code in LANGUAGES))
                if preload:
                    builder = builder.with_preloaded_language_models()
                _detector = builder.build()
    return _detector


def preload() -> None:
    """Load every language model now (the worker calls this once at start)."""
    detector(preload=True).compute_language_confidence_values("warm up")


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence) of the text's language; ("", 0.0) when too short to tell."""
    sample = (text or "")[:MAX_CHARS]
    if sum(1 for ch in sample if ch.isalpha()) < MIN_LETTERS:
        return "", 0.0
    values = detector().compute_language_confidence_values(sample)
    if not values or values[0].value <= 0.0:
        return "", 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), round(float(best.value), 4)
