"""Hungarian translations of the optional LLM drafting and summaries; merged into hu.TRANSLATIONS."""

LLM: dict[str, str | list[str]] = {}
