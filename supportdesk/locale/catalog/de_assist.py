"""German translations of suggestions for agents; merged into de.TRANSLATIONS."""

ASSIST: dict[str, str | list[str]] = {}
