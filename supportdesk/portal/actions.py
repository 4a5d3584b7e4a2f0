"""Writes of the customer's side of the portal: a new ticket from the web form, a reply from the
ticket page. The ticket itself is always written by tickets.actions.

- A signed-in user's ticket is created by `create_ticket` as them (customers always for themselves),
  then sent to the topic's group by the system on behalf of the topic (`automation_update`, an event
  with source "portal_topic"): create_ticket puts a customer's ticket in the default group whatever
  they ask for, and the topic is the admin's routing choice, not the customer's.
- A signed-out visitor's ticket is written like a mail from them (channel intake): the customer is
  found or created by address exactly as mail intake does (`get_or_create_customer`), the system
  writes the ticket straight into the topic's group, and the acknowledgement mail is queued by the
  mail gateway's own path (`queue_acknowledgement`, which caps automatic mail per recipient).

Abuse limits (rate, size, count) are checked here, before anything is stored; the honeypot and the
minimum fill time are the form's (forms_tickets, visits).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from supportdesk.accounts.actions import clean_name, default_group, get_or_create_customer
from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import DomainError, ValidationFailed
from supportdesk.core.ratelimit import allow
from supportdesk.email_gateway.models import Mailbox
from supportdesk.email_gateway.outbound import queue_acknowledgement
from supportdesk.portal.models import Topic
from supportdesk.portal.topics import active_topic, topic_fields
from supportdesk.tickets.access import require, ticket_permissions
from supportdesk.tickets.actions import NewTicket, add_article, create_ticket
from supportdesk.tickets.actions.channel_intake import IncomingFile, IncomingMessage, IncomingTicket, write_incoming
from supportdesk.tickets.actions.create import clean_subject
from supportdesk.tickets.actions.system import automation_update
from supportdesk.tickets.attachments import clean_filename, create_attachment
from supportdesk.tickets.choices import Channel, SenderType, State
from supportdesk.tickets.custom_fields import active_definitions, clean_custom_fields
from supportdesk.tickets.models import Article, Ticket

logger = logging.getLogger(__name__)

MAX_SUBJECT = 250
MAX_BODY = 50_000
MAX_NAME = 200
# As the agent composer (tickets.views.ticket_actions.MAX_FILES) for signed-in users, each file at
# most ATTACHMENT_MAX_BYTES; visitors, whose bytes are held in memory until written, get less.
MAX_FILES = 20
VISITOR_MAX_FILES = 5
VISITOR_MAX_TOTAL_BYTES = 10 * 1024 * 1024
# (limit, window, key kind). Visitors are counted per client address and per typed e-mail address
# (a victim's address cannot be flooded with acknowledgements); signed-in users per account.
VISITOR_LIMITS: tuple[tuple[int, timedelta, str], ...] = ((10, timedelta(hours=1), "ip"), (5, timedelta(hours=1), "email"))
USER_LIMITS: tuple[tuple[int, timedelta, str], ...] = ((30, timedelta(hours=1), "user"),)
REPLY_LIMIT = (60, timedelta(hours=1))
SUGGEST_LIMIT = (120, timedelta(minutes=1))
TOPIC_SOURCE = "portal_topic"
FORM_SOURCE = "portal_form"


class TooManyRequests(DomainError):
    """Over a rate limit; nothing was stored."""

    status = 429


@dataclass
class Submission:
    """What the new-ticket form (or the API) received, already bounded in length by the form."""

    subject: str
    body: str
    topic: Topic | None = None
    custom_fields: dict[str, Any] = field(default_factory=dict)
    language: str = ""
    visit: str = ""
    # Uploads made before (the API's POST /attachments); signed-in users only.
    attachment_ids: list[int] = field(default_factory=list)
    # Signed-out visitors only:
    name: str = ""
    email: str = ""


# -- checks --------------------------------------------------------------------------------------


def _count(limits: Sequence[tuple[int, timedelta, str]], keys: dict[str, str], scope: str) -> bool:
    """Count one hit against every limit (all are counted, so none can be dodged); True while under all."""
    results = [allow(f"{scope}:{kind}:{keys[kind]}", limit=limit, window=window) for limit, window, kind in limits]
    return all(results)


def check_submit_rate(*, ip: str, email: str = "", user: User | None = None) -> None:
    """TooManyRequests when this client (visitor: address and e-mail; user: account) submitted too often."""
    if user is not None:
        allowed = _count(USER_LIMITS, {"user": str(user.pk)}, "portal-submit")
    else:
        allowed = _count(VISITOR_LIMITS, {"ip": ip, "email": email.strip().lower()[:254]}, "portal-submit")
    if not allowed:
        logger.warning("portal form: rate limit reached (ip %s)", ip)
        raise TooManyRequests(_("You have sent many requests in a short time. Please wait a while and try again."))


def check_suggest_rate(ip: str) -> bool:
    return allow(f"portal-suggest:ip:{ip}", limit=SUGGEST_LIMIT[0], window=SUGGEST_LIMIT[1])


def check_reply_rate(user: User) -> None:
    if not allow(f"portal-reply:user:{user.pk}", limit=REPLY_LIMIT[0], window=REPLY_LIMIT[1]):
        raise TooManyRequests(_("You have sent many messages in a short time. Please wait a while and try again."))


def check_files(files: Sequence[UploadedFile], *, visitor: bool) -> None:
    """Count and size limits, checked before any byte is stored."""
    max_files = VISITOR_MAX_FILES if visitor else MAX_FILES
    if len(files) > max_files:
        raise ValidationFailed(_("Too many files."), field_errors={"files": _("At most %(n)d files at once.") % {"n": max_files}})
    limit = settings.ATTACHMENT_MAX_BYTES
    for file in files:
        if (file.size or 0) > limit:
            raise ValidationFailed(
                _("A file is too large."),
                field_errors={"files": _("%(name)s is larger than %(n)s bytes.") % {"name": clean_filename(file.name or ""), "n": limit}},
            )
    if visitor and sum(file.size or 0 for file in files) > VISITOR_MAX_TOTAL_BYTES:
        raise ValidationFailed(
            _("The files are too large."),
            field_errors={"files": _("At most %(n)d MB in total.") % {"n": VISITOR_MAX_TOTAL_BYTES // (1024 * 1024)}},
        )


def check_topic_values(topic: Topic | None, values: dict[str, Any]) -> dict[str, Any]:
    """The topic's custom field values, validated: only the topic's fields, the required ones
    filled in, each value of its field's type; errors under "custom_fields.<key>"."""
    definitions = active_definitions()
    asked = topic_fields(topic, definitions)
    errors: dict[str, str] = {}
    wanted: dict[str, Any] = {}
    for item in asked:
        value = values.get(item.key)
        if item.required and value in (None, "", [], False):
            errors[f"custom_fields.{item.key}"] = _("Please fill in this field.")
        elif value not in (None, "", []):
            wanted[item.key] = value
    try:
        cleaned = clean_custom_fields({}, wanted, state=State.NEW, definitions={item.key: item.definition for item in asked})
    except ValidationFailed as exc:
        errors = {**exc.field_errors, **errors}
        cleaned = {}
    if errors:
        raise ValidationFailed(_("Please check the highlighted fields."), field_errors=errors)
    return cleaned


def resolve_topic(topic_id: int | None) -> Topic | None:
    """The active topic with this id; None when no topic is given and none is active (the form then
    asks none); else ValidationFailed under "topic_id"."""
    if topic_id is None and not Topic.objects.filter(is_active=True).exists():
        return None
    topic = active_topic(topic_id)
    if topic is None:
        raise ValidationFailed(_("Please choose a topic."), field_errors={"topic_id": _("Unknown or inactive topic.")})
    return topic


def _check_text(submission: Submission) -> None:
    errors: dict[str, str] = {}
    try:
        submission.subject = clean_subject(submission.subject)
    except ValidationFailed as exc:
        errors.update(exc.field_errors)
    if not submission.body.strip():
        errors["body"] = _("Please describe your request.")
    elif len(submission.body) > MAX_BODY:
        errors["body"] = _("At most %(n)d characters.") % {"n": MAX_BODY}
    if errors:
        raise ValidationFailed(_("Please check the highlighted fields."), field_errors=errors)


# -- new tickets ---------------------------------------------------------------------------------


def _topic_group(topic: Topic | None) -> Group | None:
    """The topic's group while it is active (an inactive group receives nothing: default group then)."""
    if topic is None:
        return None
    group = Group.objects.filter(pk=topic.group_id, is_active=True).first()
    return group


def _topic_name(topic: Topic) -> str:
    return topic.name_in(settings.LANGUAGE_CODE)


def submit_ticket(actor: User, submission: Submission, *, files: Sequence[UploadedFile] = ()) -> Ticket:
    """A signed-in user's new ticket from the portal form (or the portal API): validated, created as
    them by create_ticket on the portal channel, then moved by the system into the topic's group.

    The user is the customer (staff using the portal as themselves included). Files are stored and
    attached in the same transaction. Deflections of the form visit are linked after commit.
    """
    _check_text(submission)
    cleaned = check_topic_values(submission.topic, submission.custom_fields)
    check_files(files, visitor=False)
    if len(submission.attachment_ids) + len(files) > MAX_FILES:
        raise ValidationFailed(_("Too many files."), field_errors={"files": _("At most %(n)d files at once.") % {"n": MAX_FILES}})
    with transaction.atomic():
        attachment_ids = [
            create_attachment(chunks=f.chunks(), filename=f.name or "", content_type=f.content_type, uploaded_by_id=actor.pk).pk
            for f in files
        ]
        ticket = create_ticket(
            actor,
            NewTicket(
                subject=submission.subject,
                body=submission.body,
                customer_email=actor.email if actor.is_helpdesk_staff else "",
                customer_name=actor.full_name,
                channel=Channel.PORTAL,
                language=submission.language,
                custom_fields=cleaned,
                attachment_ids=[*submission.attachment_ids, *attachment_ids],
            ),
        )
        group = _topic_group(submission.topic)
        if submission.topic is not None and group is not None and group.pk != ticket.group_id:
            locked = Ticket.objects.select_for_update(of=("self",)).select_related("group", "owner").get(pk=ticket.pk)
            automation_update(locked, {"group_id": group.pk}, source=TOPIC_SOURCE, source_name=_topic_name(submission.topic))
            ticket = locked
        _link_deflections_after_commit(submission.visit, ticket.pk)
    return ticket


def submit_visitor_ticket(submission: Submission, *, files: Sequence[UploadedFile] = ()) -> Ticket:
    """A signed-out visitor's new ticket (only when PortalSettings.public_form is on; the view checks).

    Written like a mail from the typed address: the customer is found or created as mail intake
    does it, the ticket goes straight into the topic's group (else the default group) with the
    visitor's message and files, the topic's field values are set by the system, and the
    acknowledgement is queued through the mail gateway (once per ticket, within its send caps).
    The visitor proved nothing about the address, so nothing of the ticket is shown to them.
    """
    _check_text(submission)
    errors: dict[str, str] = {}
    name = clean_name(submission.name)[:MAX_NAME]
    if not name:
        errors["name"] = _("Please tell us your name.")
    if not submission.email.strip():
        errors["email"] = _("Please give your e-mail address.")
    if errors:
        raise ValidationFailed(_("Please check the highlighted fields."), field_errors=errors)
    cleaned = check_topic_values(submission.topic, submission.custom_fields)
    check_files(files, visitor=True)
    incoming = [IncomingFile(filename=f.name or "attachment", content_type=f.content_type or "", data=b"".join(f.chunks())) for f in files]
    with transaction.atomic():
        customer = get_or_create_customer(submission.email, full_name=name)
        group = _topic_group(submission.topic) or default_group()
        organization = customer.organizations.order_by("id").first()
        item = IncomingTicket(
            customer=customer,
            group=group,
            subject=submission.subject,
            channel=Channel.PORTAL,
            first=IncomingMessage(
                author=customer,
                body_text=submission.body,
                channel=Channel.PORTAL,
                from_address=customer.email,
                subject=submission.subject,
                files=incoming,
            ),
            organization_id=organization.pk if organization is not None else None,
            language=submission.language,
        )
        write_incoming([item], [])
        ticket = item.ticket
        assert ticket is not None
        if cleaned and submission.topic is not None:
            locked = Ticket.objects.select_for_update(of=("self",)).select_related("group", "owner").get(pk=ticket.pk)
            automation_update(locked, {"custom_fields": cleaned}, source=FORM_SOURCE, source_name=_topic_name(submission.topic))
            ticket = locked
        mailbox = acknowledgement_mailbox(group)
        transaction.on_commit(partial(queue_acknowledgement, ticket.pk, mailbox.pk if mailbox is not None else None))
        _link_deflections_after_commit(submission.visit, ticket.pk)
    return ticket


def acknowledgement_mailbox(group: Group) -> Mailbox | None:
    """The mailbox that answers for a web ticket: an acknowledging mailbox of its group, else the
    first acknowledging one (None: no mailbox acknowledges, so no mail is sent)."""
    mailboxes = Mailbox.objects.filter(is_active=True, send_acknowledgement=True).order_by("id")
    return mailboxes.filter(group=group).first() or mailboxes.first()


def _link_deflections_after_commit(visit: str, ticket_id: int) -> None:
    if visit:
        transaction.on_commit(partial(link_deflections, visit, ticket_id))


def link_deflections(visit: str, ticket_id: int) -> None:
    """Tell the knowledge base that the visit whose suggested articles were opened ended in a ticket
    anyway. A failure there is logged and never undoes the ticket."""
    try:
        # kb.feedback belongs to the KB work of the same issue and may not exist yet; without it no
        # deflection is linked (the deflections themselves are still counted by the help centre).
        from supportdesk.kb.feedback import link_deflections_to_ticket  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        logger.info("kb.feedback.link_deflections_to_ticket is not available; visit not linked")
        return
    ticket = Ticket.objects.filter(pk=ticket_id).first()
    if ticket is None:
        return
    try:
        link_deflections_to_ticket(visit, ticket)
    except Exception:
        logger.exception("linking deflections of a portal form visit to ticket %s failed", ticket_id)


# -- replies -------------------------------------------------------------------------------------------


def reply_to_ticket(actor: User, ticket: Ticket, *, body: str, files: Sequence[UploadedFile] = ()) -> Article:
    """A public reply from the portal with files (add_article checks `can_reply`; a colleague who
    only reads through a shared organization is refused). The ticket's customer writes as the
    customer even when they are also staff, so their own ticket never gets an "agent" reply."""
    if len(body) > MAX_BODY:
        raise ValidationFailed(_("The message is too long."), field_errors={"body": _("At most %(n)d characters.") % {"n": MAX_BODY}})
    require(ticket_permissions(actor, ticket), "can_reply")  # before any file is stored
    check_files(files, visitor=False)
    check_reply_rate(actor)
    with transaction.atomic():
        attachment_ids = [
            create_attachment(chunks=f.chunks(), filename=f.name or "", content_type=f.content_type, uploaded_by_id=actor.pk).pk
            for f in files
        ]
        return add_article(
            actor,
            ticket,
            body_text=body,
            is_internal=False,
            sender_type=SenderType.CUSTOMER if ticket.customer_id == actor.pk else None,
            channel=Channel.PORTAL,
            attachment_ids=attachment_ids,
        )
