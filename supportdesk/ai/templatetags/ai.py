"""The ticket page's AI panel: `{% ai_panel ticket perms as panel %}` in ai/_ticket_panel.html."""

from __future__ import annotations

from typing import Any

from django import template

from supportdesk.accounts.models import User
from supportdesk.ai.selectors import insight_panel
from supportdesk.tickets.access import TicketPermissions
from supportdesk.tickets.models import Ticket

register = template.Library()


@register.simple_tag(takes_context=True)
def ai_panel(context: Any, ticket: Ticket, perms: TicketPermissions) -> dict[str, Any]:
    user: User = context["request"].user
    return insight_panel(user, ticket, perms)


@register.filter
def percent(value: Any) -> str:
    """0.873 -> "87%"."""
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return ""


@register.filter
def versions(value: Any) -> str:
    """{"group": "v3", "priority": "rules"} -> "group v3, priority rules" (unknown ones left out)."""
    if not isinstance(value, dict):
        return ""
    return ", ".join(f"{target} {version}" for target, version in sorted(value.items()) if version) or "–"
