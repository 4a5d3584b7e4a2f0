"""Support-conversation templates per language, combined at random by the demo loader.

Each language module defines `LANGUAGE` (greetings, sign-offs, generic notes and thanks) and
`TOPICS`. Texts use str.format placeholders filled per ticket: {customer} (given name), {agent},
{company}, {invoice}, {order}, {amount}, {date}, {product}, {users}.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One kind of inquiry and the turns a conversation about it can take."""

    key: str
    group: str
    tags: tuple[str, ...]
    subjects: tuple[str, ...]
    openings: tuple[str, ...]
    replies: tuple[str, ...]
    followups: tuple[str, ...]
    closings: tuple[str, ...]


@dataclass(frozen=True)
class Language:
    """The frame around every message in one language."""

    code: str
    agent_greeting: str
    agent_signoff: str
    customer_signoff: str
    thanks: tuple[str, ...]
    notes: tuple[str, ...]
    # German continues in lower case after "Hallo Anna,"; the others start a new sentence.
    lowercase_after_greeting: bool = False
