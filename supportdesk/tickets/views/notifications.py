"""The notification list (mentions now, more kinds later) and the bell's unread count."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from supportdesk.core.pagination import paginate
from supportdesk.tickets.actions.workspace import mark_notifications_read
from supportdesk.tickets.models import Notification
from supportdesk.tickets.views._common import agent_required, current_user

PAGE_SIZE = 50


@require_GET
@agent_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """Show the user's notifications, newest first, then mark the shown ones read.

    The page renders the unread state first (so the agent sees what is new) and only then stamps
    read_at; reloading is harmless because the update only touches this user's unread rows.
    """
    user = current_user(request)
    page = paginate(
        Notification.objects.filter(user=user).select_related("ticket"),
        order=["-created_at", "-id"],
        cursor=request.GET.get("cursor") or None,
        limit=PAGE_SIZE,
    )
    response = render(request, "tickets/notifications.html", {"notifications": page.items, "next_cursor": page.next_cursor})
    unread = [n.pk for n in page.items if n.read_at is None]
    if unread:
        mark_notifications_read(user, unread)
    return response
