"""The "send_mail" automation action: a reply template mailed to the customer, the owner or the group.

{"action": "send_mail", "template": id, "to": "customer" | "owner" | "group"}. Runs inside the
rule's transaction (the caller holds the ticket): it renders the template (the variant in the
customer's language when one with the same name exists), records it as an article (public, sender
"system", for the customer; an internal note for agents) and claims an outbound ArticleEmail with
its Message-ID and threading headers, like email_gateway.outbound does for agent replies. After
commit `send_template_mail` sends it through the email_gateway path (its From, reply address,
send_message and backoff), marked `Auto-Submitted: auto-generated` so autoresponders stay quiet.
Loop caps: at most RECIPIENT_CAPS automatic mails per recipient and GLOBAL_CAP in all; over a cap
nothing is sent and the history says why.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from functools import partial
from typing import Any, cast

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from supportdesk.accounts.models import GroupMembership
from supportdesk.automation.registry import ActionContext, ActionKind
from supportdesk.automation.replies.actions import Rendered, render_template
from supportdesk.automation.replies.models import ReplyTemplate
from supportdesk.core.errors import ValidationFailed
from supportdesk.core.events import publish_on_commit
from supportdesk.email_gateway.choices import DeliveryStatus
from supportdesk.email_gateway.compose import UnsafeHeader, angle, checked_address, customer_language, plus_address, sender, subject_line
from supportdesk.email_gateway.identity import new_message_id, reply_token
from supportdesk.email_gateway.models import ArticleEmail
from supportdesk.email_gateway.outbound import thread_headers, ticket_mailbox, within_send_caps
from supportdesk.email_gateway.sending import MAX_ATTEMPTS, backoff, schedule, send_message, undeliverable
from supportdesk.tickets.actions._common import announce
from supportdesk.tickets.actions.system import automation_note
from supportdesk.tickets.choices import Channel, EventKind, SenderType, State
from supportdesk.tickets.history import record_event
from supportdesk.tickets.hooks import tickets_changed
from supportdesk.tickets.models import Article, Ticket

logger = logging.getLogger(__name__)

AUDIENCES = ("customer", "owner", "group")
RECIPIENT_CAPS = (("hour", 10, timedelta(hours=1)), ("day", 50, timedelta(days=1)))
GLOBAL_CAP = (1000, timedelta(hours=1))
MAX_GROUP_RECIPIENTS = 50
AUDIENCE_LABELS = {"customer": gettext_lazy("customer"), "owner": gettext_lazy("owner"), "group": gettext_lazy("group")}


def validate(params: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(params) - {"template", "to"})
    if unknown:
        raise ValidationFailed(_("Unknown fields."), field_errors={name: _("Unknown field.") for name in unknown})
    errors: dict[str, str] = {}
    template = params.get("template")
    if not isinstance(template, int) or isinstance(template, bool) or not 1 <= template <= 2**63 - 1:
        errors["template"] = _("Use the id of a reply template.")
    elif not ReplyTemplate.objects.filter(pk=template).exists():
        errors["template"] = _("No such reply template.")
    if params.get("to") not in AUDIENCES:
        errors["to"] = _("Use one of: %(names)s.") % {"names": ", ".join(AUDIENCES)}
    if errors:
        raise ValidationFailed(_("Please correct the mail action."), field_errors=errors)
    return {"template": template, "to": params["to"]}


def localized(template: ReplyTemplate, ticket: Ticket) -> ReplyTemplate:
    """The active template of the same name in the customer's language, if there is one."""
    language = customer_language(ticket)
    if template.language == language:
        return template
    sibling = ReplyTemplate.objects.filter(name=template.name, language=language, is_active=True).order_by("position", "id").first()
    return sibling or template


def recipients(ticket: Ticket, audience: str) -> list[str]:
    """Addresses of the audience that can receive mail (valid, not marked undeliverable)."""
    if audience == "customer":
        addresses = [ticket.customer.email]
    elif audience == "owner":
        addresses = [ticket.owner.email] if ticket.owner is not None and ticket.owner.is_active else []
    else:
        members = GroupMembership.objects.filter(group_id=ticket.group_id, user__is_active=True).select_related("user").order_by("user_id")
        addresses = [m.user.email for m in members[:MAX_GROUP_RECIPIENTS] if m.user.is_helpdesk_staff]
    valid = []
    for address in addresses:
        try:
            valid.append(checked_address(address))
        except UnsafeHeader:
            continue
    blocked = undeliverable(valid)
    return [a for a in dict.fromkeys(valid) if a.lower() not in blocked]


def _within_caps(address: str) -> bool:
    return within_send_caps(address, kind="auto", caps=RECIPIENT_CAPS, global_cap=GLOBAL_CAP)


def _record(ticket: Ticket, rendered: Rendered, to: list[str], *, internal: bool, source: str) -> Article:
    """The article of the mail, written by the system, with its history and after-commit events."""
    now = timezone.now()
    article = Article.objects.create(
        ticket=ticket,
        is_internal=internal,
        sender_type=SenderType.SYSTEM,
        author=None,
        channel=Channel.EMAIL,
        to_addresses=", ".join(to),
        subject=(rendered.subject or ticket.subject)[:250],
        body_text=rendered.text,
        body_html=rendered.html,
        created_at=now,
    )
    data = {"article_id": article.pk, "internal": internal, "sender": SenderType.SYSTEM, "source": source, "template": rendered.template.pk}
    record_event(ticket, None, EventKind.ARTICLE_ADDED, data=data)
    Ticket.objects.filter(pk=ticket.pk).update(article_count=F("article_count") + 1, updated_at=now)
    ticket.refresh_from_db(fields=["article_count", "updated_at"])
    tickets_changed([ticket.pk], now)
    announce(ticket)
    publish_on_commit(
        "article.added",
        article_id=article.pk,
        ticket_id=ticket.pk,
        actor_id=None,
        internal=internal,
        sender=SenderType.SYSTEM,
        creating=False,
    )
    return article


def run(context: ActionContext, params: Mapping[str, Any]) -> None:
    ticket, audience = context.ticket, str(params["to"])
    template = ReplyTemplate.objects.filter(pk=params["template"]).first()
    if template is None or not template.is_active:
        context.notes.append(f"send_mail: template {params['template']} is gone or inactive")
        return
    template = localized(template, ticket)
    if context.dry_run:
        context.notes.append(f"would mail template {template.pk} to the {audience}")
        return
    if ticket.state == State.MERGED:
        context.notes.append("send_mail: merged ticket, nothing sent")
        return
    to = recipients(ticket, audience)
    allowed = [address for address in to if _within_caps(address)]
    if not allowed:
        reason = "send cap reached" if to else "no recipient"
        with translation.override(settings.LANGUAGE_CODE):
            text = _("Automatic mail %(name)s to the %(audience)s was not sent: %(reason)s.") % {
                "name": template.name,
                "audience": AUDIENCE_LABELS[audience],
                "reason": _("the send cap was reached (possible mail loop)") if to else _("there is no usable address"),
            }
        automation_note(ticket, text, source=context.source)
        context.notes.append(f"send_mail to the {audience}: {reason}")
        return
    rendered = render_template(template, ticket, context.actor or ticket.owner)
    article = _record(ticket, rendered, allowed, internal=audience != "customer", source=context.source)
    in_reply_to, references = thread_headers(ticket) if audience == "customer" else ("", "")
    ArticleEmail.objects.create(
        article=article,
        is_outbound=True,
        delivery_status=DeliveryStatus.QUEUED,
        message_id=new_message_id(reply_token(ticket.pk)),
        mailbox=ticket_mailbox(ticket),
        in_reply_to=in_reply_to,
        references=references,
    )
    ReplyTemplate.objects.filter(pk=template.pk).update(usage_count=F("usage_count") + 1)
    transaction.on_commit(partial(send_template_mail.enqueue, article.pk))
    context.notes.append(f"mailed template {template.pk} to the {audience} ({len(allowed)} recipients)")


def compose(article: Article, record: ArticleEmail) -> EmailMultiAlternatives:
    """The mail of a templated article (its Message-ID and threading headers come from `record`)."""
    ticket = article.ticket
    from_header, from_address = sender(record.mailbox)
    headers = {"Message-ID": angle(record.message_id), "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}
    if record.in_reply_to:
        headers["In-Reply-To"] = angle(record.in_reply_to)
    if record.references:
        headers["References"] = " ".join(angle(mid) for mid in record.references.split())
    message = EmailMultiAlternatives(
        subject=subject_line(ticket, article.subject),
        body=article.body_text,
        from_email=from_header,
        to=[checked_address(a.strip()) for a in article.to_addresses.split(",") if a.strip()],
        reply_to=[plus_address(from_address, reply_token(ticket.pk))],
        headers=headers,
    )
    message.attach_alternative(article.body_html or linebreaks(escape(article.body_text)), "text/html")
    return message


@task()
def send_template_mail(article_id: int) -> str:
    """Send (or retry) one templated mail: "sent", "retrying", "failed" or "skipped"."""
    with transaction.atomic():
        record = ArticleEmail.objects.select_for_update().filter(article_id=article_id, is_outbound=True).first()
        if record is None or record.delivery_status not in (DeliveryStatus.QUEUED, DeliveryStatus.RETRYING):
            return "skipped"
        article = Article.objects.select_related("ticket").get(pk=article_id)
        try:
            message = compose(article, record)
        except UnsafeHeader:
            record.delivery_status, record.delivery_error = DeliveryStatus.FAILED, "invalid address"
            record.save(update_fields=["delivery_status", "delivery_error"])
            return "failed"
        record.delivery_attempts += 1
        failure = send_message(message)
        if failure is None:
            record.delivery_status, record.delivery_error, record.sent_at = DeliveryStatus.SENT, "", timezone.now()
            record.save(update_fields=["delivery_status", "delivery_error", "sent_at", "delivery_attempts"])
            return "sent"
        logger.warning("templated mail of article %s failed (attempt %s): %s", article_id, record.delivery_attempts, failure.error)
        if failure.permanent or record.delivery_attempts >= MAX_ATTEMPTS:
            record.delivery_status, record.delivery_error = DeliveryStatus.FAILED, failure.error
            record.save(update_fields=["delivery_status", "delivery_error", "delivery_attempts"])
            return "failed"
        record.delivery_status, record.delivery_error = DeliveryStatus.RETRYING, failure.error
        record.save(update_fields=["delivery_status", "delivery_error", "delivery_attempts"])
        delay = backoff(record.delivery_attempts)
        transaction.on_commit(lambda: schedule(send_template_mail, article_id, delay_seconds=delay))
        return "retrying"


KIND = ActionKind(name="send_mail", label=cast(str, gettext_lazy("Send a templated mail")), validate=validate, run=run)
