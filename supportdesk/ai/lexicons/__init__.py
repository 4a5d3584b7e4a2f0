"""Hand-written word lists for sentiment and urgency, one module per language.

Every module defines the same names (see `en.py` for the commented reference):

- `NEGATIVE`, `POSITIVE`: word -> weight (a magnitude, 0.2 mild .. 1.5 strong). A trailing `*`
  makes the entry a stem that matches any word starting with it (Hungarian and Latvian inflect
  heavily); the longest matching entry wins, so `sikertelen*` beats `siker*`.
- `NEGATIONS`: words that flip the next sentiment word within a few words of the same clause.
  `NEGATION_PREFIX` (Latvian `ne`) also flips a positive word written with it (`negaršīgs`).
- `INTENSIFIERS`: words that strengthen the next sentiment word.
- `ANGER`, `PROFANITY`, `URGENT`, `DEADLINE`, `OUTAGE`: phrases (one or more words, the last may
  end with `*`) reported as cues.
- `NEUTRAL_PHRASES`: greetings and closings that contain sentiment words ("best regards",
  "jó napot") and are ignored.
- `PLAIN_EXCLUDE`: diacritic-free spellings that must not match because they are other common
  words (German "schon" is not "schön").

No list is derived from a corpus: they are written from general knowledge of each language, so
the project can ship them under its own licence (docs/ai-sentiment.md).
"""

from __future__ import annotations

import importlib
from types import ModuleType

LANGUAGES = ("en", "de", "hu", "lv")


def module_for(language: str) -> ModuleType:
    """The word lists of `language` (an ISO 639-1 code); English for any other language."""
    code = language if language in LANGUAGES else "en"
    return importlib.import_module(f"supportdesk.ai.lexicons.{code}")


def shared() -> ModuleType:
    """Cues shared by every language (English loanwords common in support mail: "asap", "urgent")."""
    return importlib.import_module("supportdesk.ai.lexicons.common")
