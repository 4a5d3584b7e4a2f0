"""German translations of the optional LLM drafting and summaries; merged into de.TRANSLATIONS."""

LLM: dict[str, str | list[str]] = {}
