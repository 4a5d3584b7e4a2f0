"""Reply template variables: a small, safe substitution (never the Django template engine).

Admins write `{{ customer.name }}`; only the names in VARIABLES exist. Anything else between
`{{` and `}}` (a filter, a tag, an unknown name) is refused at save by `unknown_variables`, and at
render time is left as typed, so no template text can run code or read other data. In HTML bodies
every value is escaped; in plain text it is inserted as is (the text is escaped where it is shown).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import AgentProfile, User
from supportdesk.tickets.models import Ticket
from supportdesk.tickets.tasks import ticket_url

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
NAME = re.compile(r"^\s*([a-z_]+\.[a-z_]+)\s*$")


@dataclass(frozen=True)
class Subject:
    """Who and what a template is rendered for; `agent` is None when the system sends it."""

    ticket: Ticket
    agent: User | None


def _first_name(user: User | None) -> str:
    if user is None:
        return ""
    name = user.full_name.strip()
    return name.split()[0] if name else user.display_name


def _signature(user: User | None) -> str:
    if user is None:
        return ""
    profile = AgentProfile.objects.filter(user=user).only("signature").first()
    return profile.signature if profile is not None else ""


VARIABLES: Mapping[str, tuple[Promise, Callable[[Subject], str]]] = {
    "customer.name": (_("The customer's full name"), lambda s: s.ticket.customer.display_name),
    "customer.first_name": (_("The customer's first name"), lambda s: _first_name(s.ticket.customer)),
    "customer.email": (_("The customer's e-mail address"), lambda s: s.ticket.customer.email),
    "ticket.number": (_("The ticket number"), lambda s: s.ticket.display_number),
    "ticket.subject": (_("The ticket subject"), lambda s: s.ticket.subject),
    "ticket.link": (_("Link to the ticket page for agents"), lambda s: ticket_url(s.ticket)),
    "group.name": (_("The ticket's group"), lambda s: s.ticket.group.name),
    "organization.name": (_("The customer's organization"), lambda s: s.ticket.organization.name if s.ticket.organization else ""),
    "agent.name": (_("The agent's full name"), lambda s: s.agent.display_name if s.agent else ""),
    "agent.first_name": (_("The agent's first name"), lambda s: _first_name(s.agent)),
    "agent.signature": (_("The agent's signature"), lambda s: _signature(s.agent)),
}


def unknown_variables(text: str) -> list[str]:
    """Every `{{ ... }}` in `text` that is not exactly one known variable, as typed, in order."""
    unknown = []
    for match in PLACEHOLDER.finditer(text):
        name = NAME.match(match.group(1))
        if name is None or name.group(1) not in VARIABLES:
            unknown.append(match.group(0))
    return list(dict.fromkeys(unknown))


def render(text: str, subject: Subject, *, html: bool = False) -> str:
    """Substitute the known variables; each is computed at most once. Unknown ones stay as typed."""
    cache: dict[str, str] = {}

    def value(match: re.Match[str]) -> str:
        name = NAME.match(match.group(1))
        if name is None or name.group(1) not in VARIABLES:
            return match.group(0)
        key = name.group(1)
        if key not in cache:
            cache[key] = str(VARIABLES[key][1](subject))
        return escape(cache[key]) if html else cache[key]

    return PLACEHOLDER.sub(value, text)
