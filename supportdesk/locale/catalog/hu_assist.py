"""Hungarian translations of suggestions for agents; merged into hu.TRANSLATIONS."""

ASSIST: dict[str, str | list[str]] = {}
