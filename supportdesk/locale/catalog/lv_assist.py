"""Latvian translations of suggestions for agents; merged into lv.TRANSLATIONS."""

ASSIST: dict[str, str | list[str]] = {}
