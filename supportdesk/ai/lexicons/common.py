"""Cues that appear in support mail whatever its language (English loanwords and chat slang)."""

from __future__ import annotations

NEGATIVE: dict[str, float] = {"wtf": 1.0, "fail": 0.5}
POSITIVE: dict[str, float] = {"thx": 0.3, "top": 0.3}
ANGER: tuple[str, ...] = ("wtf",)
PROFANITY: tuple[str, ...] = ()
URGENT: tuple[str, ...] = ("asap", "urgent", "urgently", "critical", "emergency", "prio 1", "p1")
DEADLINE: tuple[str, ...] = ("eod", "eob")
OUTAGE: tuple[str, ...] = ("outage", "offline", "downtime", "error 500", "500 error", "503")
