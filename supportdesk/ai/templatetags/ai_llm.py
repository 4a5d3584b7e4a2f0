"""`{% llm_panel perms as llm %}` for ai/_llm_panel.html (the logic is in ai/llm/panel.py)."""

from __future__ import annotations

from typing import Any

from django import template

from supportdesk.ai.llm.panel import llm_panel as panel_of
from supportdesk.tickets.access import TicketPermissions

register = template.Library()


@register.simple_tag
def llm_panel(perms: TicketPermissions | None) -> dict[str, Any]:
    return panel_of(perms)
