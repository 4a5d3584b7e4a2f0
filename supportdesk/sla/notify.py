"""SLA notifications: who hears about a warning, breach, escalation or risk, and on which channels.

`notify` runs inside the caller's transaction (the sweep's, the risk sweep's): in-app notifications
are rows written there, and every effect that leaves the database (the websocket push, the mail,
the webhook) is queued with transaction.on_commit, so a rolled-back firing sends nothing.

Audiences (sla.choices.Audience):
- owner: the ticket's owner;
- group_supervisors: active supervisors who are members of the ticket's group; when the group has
  none, its admin members with full access;
- manager: the policy's named manager;
- owner_manager: the owner's manager (owner.agent_profile.manager).
Recipients are deduplicated, and inactive users and users who cannot read the ticket (a manager
outside the group, say) are skipped: a notification carries the ticket's subject.

`data` keys the texts use: "metric", "due_at" (a datetime or ISO string), "step", "level".
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.db import transaction
from django.utils import formats, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import GroupAccess, Role
from supportdesk.accounts.models import AgentProfile, User
from supportdesk.realtime import groups
from supportdesk.sla.choices import Audience, Metric, NotifyChannel
from supportdesk.sla.models import SlaPolicy
from supportdesk.sla.zones import time_zone_error
from supportdesk.tickets.access import staff_access_level
from supportdesk.tickets.models import Notification, Ticket

logger = logging.getLogger(__name__)

MAX_TEXT = 300
KINDS = ("sla_warning", "sla_breach", "sla_escalation", "sla_risk")


def notify(
    ticket: Ticket,
    policy: SlaPolicy | None,
    *,
    audience: Iterable[str],
    channels: Iterable[str],
    kind: str,
    data: Mapping[str, Any],
    exclude: Collection[int] = (),
) -> list[int]:
    """Notify the audience on the channels; return the ids of the users notified (in-app or mail).

    Users in `exclude` are left out (the sweep tells a person once per clock and run). The webhook
    channel posts once per call to the policy's webhook URL, if it has one.
    """
    channels = set(channels)
    users = recipients(ticket, policy, audience) if channels & {NotifyChannel.IN_APP, NotifyChannel.EMAIL} else []
    users = [user for user in users if user.pk not in exclude]
    if NotifyChannel.IN_APP in channels and users:
        created = Notification.objects.bulk_create(
            [Notification(user=user, ticket=ticket, kind=kind, text=notification_text(user, ticket, kind, data)) for user in users]
        )
        pushes = [(note.user_id, note.pk, note.text) for note in created]
        transaction.on_commit(lambda: push_notifications(pushes, kind=kind, ticket_id=ticket.pk))
    if NotifyChannel.EMAIL in channels and users:
        from supportdesk.sla.tasks import send_sla_mail

        payload = jsonable(data)
        user_ids = [user.pk for user in users]

        def enqueue_mails() -> None:
            for user_id in user_ids:
                send_sla_mail.enqueue(ticket.pk, user_id, kind, payload)

        transaction.on_commit(enqueue_mails)
    if NotifyChannel.WEBHOOK in channels and policy is not None and policy.webhook_url:
        from supportdesk.sla.tasks import deliver_sla_webhook
        from supportdesk.sla.webhook import payload_of

        body = payload_of(ticket, kind, data)
        delivery_id = str(uuid.uuid4())
        policy_id = policy.pk
        transaction.on_commit(lambda: deliver_sla_webhook.enqueue(policy_id, body, delivery_id, 1))
    return [user.pk for user in users]


def recipients(ticket: Ticket, policy: SlaPolicy | None, audience: Iterable[str]) -> list[User]:
    """The users an audience names for this ticket: deduplicated, active, able to read the ticket."""
    found: dict[int, User] = {}
    owner = ticket.owner if ticket.owner_id else None
    for name in audience:
        if name == Audience.OWNER:
            candidates = [owner] if owner else []
        elif name == Audience.GROUP_SUPERVISORS:
            candidates = group_supervisors(ticket.group_id)
        elif name == Audience.MANAGER:
            candidates = [policy.manager] if policy is not None and policy.manager_id and policy.manager else []
        elif name == Audience.OWNER_MANAGER:
            profile = AgentProfile.objects.filter(user=owner).select_related("manager").first() if owner else None
            candidates = [profile.manager] if profile is not None and profile.manager else []
        else:
            candidates = []
        for user in candidates:
            if user.pk in found or not user.is_active:
                continue
            if staff_access_level(user, ticket) is None:
                logger.info("SLA %s audience: user %s cannot read ticket %s; skipped", name, user.pk, ticket.pk)
                continue
            found[user.pk] = user
    return list(found.values())


def group_supervisors(group_id: int) -> list[User]:
    """Active supervisors in the group; else the group's admin members with full access."""
    members = User.objects.filter(is_active=True, group_memberships__group_id=group_id).order_by("pk")
    supervisors = list(members.filter(role=Role.SUPERVISOR))
    if supervisors:
        return supervisors
    return list(members.filter(role=Role.ADMIN, group_memberships__access=GroupAccess.FULL))


def notification_text(user: User, ticket: Ticket, kind: str, data: Mapping[str, Any]) -> str:
    """The stored text, in the recipient's language and time zone (a sweep has no request)."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        values = {
            "number": ticket.display_number,
            "subject": ticket.subject,
            "metric": metric_label(data.get("metric")),
            "due": format_moment(data.get("due_at"), user.time_zone),
            "level": int(data.get("level", 0)) + 1,
        }
        # The subject comes last: a long one is what the length limit cuts.
        if kind == "sla_warning":
            text = _("SLA warning: %(metric)s due %(due)s on %(number)s %(subject)s")
        elif kind == "sla_breach":
            text = _("SLA breached: %(metric)s was due %(due)s on %(number)s %(subject)s")
        elif kind == "sla_escalation":
            text = _("SLA escalation level %(level)s: %(metric)s was due %(due)s on %(number)s %(subject)s")
        elif kind == "sla_risk":
            text = _("SLA at risk: %(metric)s due %(due)s is unlikely to be met on %(number)s %(subject)s")
        else:
            text = _("SLA notice: %(metric)s due %(due)s on %(number)s %(subject)s")
        return (text % values)[:MAX_TEXT]


def metric_label(metric: Any) -> str:
    return str(Metric(metric).label) if metric in Metric.values else _("target")


def moment_of(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    return parse_datetime(value) if isinstance(value, str) else None


def format_moment(value: Any, time_zone: str) -> str:
    """A due time in the recipient's zone and locale format ("-" when unknown)."""
    moment = moment_of(value)
    if moment is None:
        return "-"
    zone = ZoneInfo(time_zone if time_zone and not time_zone_error(time_zone) else "UTC")
    return str(formats.date_format(moment.astimezone(zone), "SHORT_DATETIME_FORMAT"))


def jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    """The data with datetimes as ISO strings, for task arguments and webhook bodies."""
    return {key: value.isoformat() if isinstance(value, datetime) else value for key, value in data.items()}


def push_notifications(pushes: list[tuple[int, int, str]], *, kind: str, ticket_id: int | None) -> None:
    """Send each user's new notification to their open connections (after commit)."""
    layer = get_channel_layer()
    if layer is None:
        return
    send = async_to_sync(layer.group_send)
    for user_id, notification_id, text in pushes:
        if isinstance(layer, InMemoryChannelLayer) and not layer.groups.get(groups.user(user_id)):
            continue  # nobody of this user is connected to this process: skip the thread hop
        try:
            send(groups.user(user_id), {"type": "notification", "id": notification_id, "kind": kind, "text": text, "ticket_id": ticket_id})
        except Exception:  # a push is a courtesy; the row is there and the bell shows it on the next page
            logger.exception("live push of notification %s failed", notification_id)
