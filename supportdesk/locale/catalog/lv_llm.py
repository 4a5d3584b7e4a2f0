"""Latvian translations of the optional LLM drafting and summaries; merged into lv.TRANSLATIONS."""

LLM: dict[str, str | list[str]] = {}
