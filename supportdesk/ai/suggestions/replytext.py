"""Plain-text handling of suggested replies (pure functions): cutting a past reply down to its
substance, and the greeting and closing in the customer's language.

A past reply starts with a greeting to another customer ("Hello Bert,") and ends with another
agent's closing and signature; both would be wrong in a new reply. Greeting and closing phrases
are content written to customers, not UI text, so they are data here (one entry per language the
customer may write in), not gettext strings, and a suggestion does not depend on compiled catalogs.
"""

from __future__ import annotations

import re

from supportdesk.email_gateway.parsing.quotes import split_reply

MAX_REPLY_CHARS = 4000
# A closing is looked for among this many last non-empty lines, and is short.
CLOSING_WINDOW = 6
MAX_CLOSING_LINE = 60
MAX_GREETING_LINE = 80

# (greeting with a name, greeting without one, closing with its punctuation); {name} is filled in.
PHRASES: dict[str, tuple[str, str, str]] = {
    "en": ("Hello {name},", "Hello,", "Best regards,"),
    "de": ("Hallo {name},", "Guten Tag,", "Viele Grüße"),
    "hu": ("Kedves {name}!", "Tisztelt Ügyfelünk!", "Üdvözlettel:"),
    "lv": ("Labdien, {name}!", "Labdien!", "Ar cieņu,"),
    "fr": ("Bonjour {name},", "Bonjour,", "Cordialement,"),
    "es": ("Hola, {name}:", "Hola:", "Saludos cordiales,"),
    "it": ("Buongiorno {name},", "Buongiorno,", "Cordiali saluti,"),
    "pt": ("Olá, {name},", "Olá,", "Atenciosamente,"),
    "nl": ("Hallo {name},", "Goedendag,", "Met vriendelijke groet,"),
}
DEFAULT_LANGUAGE = "en"
# Hungarian puts the family name first: "Kedves Nagy Anna!" is right, "Kedves Nagy!" is not.
FULL_NAME_LANGUAGES = frozenset({"hu"})

_GREETING = re.compile(
    r"^\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|hallo|guten (tag|morgen|abend)|"
    r"sehr geehrte[rs]?|liebe[rs]?|servus|moin|kedves|tisztelt|szia|sziasztok|jó napot|labdien|sveiki|"
    r"cienījam\w*|bonjour|hola|buongiorno|ciao|olá|beste|goedendag)\b",
    re.IGNORECASE,
)
_CLOSING_PHRASE = (
    r"(mit )?(freundlichen|besten|vielen|herzlichen|liebe|viele|beste|schöne) gr(ü|ue)(ß|ss)(e|en)|mfg|"
    r"(best|kind|warm|warmest) (regards|wishes)|regards|(many )?thanks|thank you|cheers|sincerely|"
    r"yours( sincerely| truly)?|üdvözlettel|tisztelettel|köszönettel|ar cieņu|ar labiem vēlējumiem|"
    r"(bien )?cordialement|(un )?saludos?( cordiales)?|cordiali saluti|distinti saluti|atenciosamente|"
    r"met vriendelijke groet(en)?"
)
# The whole line is a closing: the phrase, punctuation, and at most two more words (a name, "again").
_CLOSING = re.compile(rf"^\s*(?:{_CLOSING_PHRASE})\s*[,.!:]*\s*(?:[^\s,.!:]+(?:\s+[^\s,.!:]+)?)?[,.!:]*\s*$", re.IGNORECASE)


def phrases(language: str) -> tuple[str, str, str]:
    return PHRASES.get((language or "").split("-")[0].lower(), PHRASES[DEFAULT_LANGUAGE])


def greeting(language: str, full_name: str) -> str:
    """The greeting in `language` with the customer's first name (full name where that is usual).
    Without a name (a customer known only by address) the nameless form: never an address."""
    with_name, without, _closing = phrases(language)
    name = " ".join(full_name.split())
    if name and (language or "").split("-")[0].lower() not in FULL_NAME_LANGUAGES:
        name = name.split()[0]
    return with_name.format(name=name) if name else without


def closing(language: str) -> str:
    return phrases(language)[2]


def _is_greeting(line: str) -> bool:
    return len(line.strip()) <= MAX_GREETING_LINE and _GREETING.match(line) is not None


def _is_closing(line: str) -> bool:
    return len(line.strip()) <= MAX_CLOSING_LINE and _CLOSING.match(line) is not None


def reply_body(text: str) -> str:
    """The substance of a past reply: no quoted history or signature, no greeting line, no closing
    (with what follows it), at most MAX_REPLY_CHARS. Empty when nothing is left."""
    visible, _quoted = split_reply(text[: MAX_REPLY_CHARS * 4])
    lines = [line.rstrip() for line in visible.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _is_greeting(lines[0]):
        lines.pop(0)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for index in filled[-CLOSING_WINDOW:]:
        if _is_closing(lines[index]) and index != (filled[0] if filled else -1):
            lines = lines[:index]
            break
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if len(body) > MAX_REPLY_CHARS:
        cut = body[:MAX_REPLY_CHARS]
        space = cut.rfind(" ")
        body = (cut[:space] if space > MAX_REPLY_CHARS // 2 else cut) + "…"
    return body


def compose(language: str, *, customer_name: str, body: str, link: str = "", agent_name: str = "") -> str:
    """Greeting, body, optional link line, closing and the agent's name, in the customer's language."""
    parts = [greeting(language, customer_name), body.strip()]
    if link:
        parts.append(link)
    signoff = closing(language)
    if agent_name.strip():
        signoff += "\n" + " ".join(agent_name.split())
    parts.append(signoff)
    return "\n\n".join(part for part in parts if part)
