"""Template filters for SLA display; the wording lives in sla.display, so views and tests share it."""

from __future__ import annotations

from django import template

from supportdesk.sla import display
from supportdesk.tickets.models import TicketEvent

register = template.Library()


@register.filter
def sla_event_sentence(event: TicketEvent) -> str:
    """The timeline sentence of an SLA event ("First response met (1 h 30 min before the target)")."""
    return display.event_sentence(event.data)


@register.filter
def business_duration(seconds: int | float | None) -> str:
    """Seconds as a compact duration ('2 h 10 min')."""
    return display.format_duration(seconds or 0)
