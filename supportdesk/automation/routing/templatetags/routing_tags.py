"""The top-bar status switch reads the signed-in agent's routing status (one query)."""

from __future__ import annotations

from typing import Any

from django import template

from supportdesk.automation.routing.choices import AgentStatus
from supportdesk.automation.routing.models import AgentRouting

register = template.Library()


@register.simple_tag
def routing_status(user: Any) -> str:
    status = AgentRouting.objects.filter(user_id=user.pk).values_list("status", flat=True).first()
    return status or AgentStatus.ONLINE
