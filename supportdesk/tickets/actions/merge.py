"""Merging two tickets into one, and splitting articles off into a new ticket."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict, ValidationFailed
from supportdesk.core.events import publish_on_commit
from supportdesk.core.models import next_sequence_value
from supportdesk.search.documents import rebuild_document
from supportdesk.tickets.access import require, ticket_permissions
from supportdesk.tickets.actions._common import touch
from supportdesk.tickets.actions.create import clean_subject
from supportdesk.tickets.choices import EventKind, State
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Article, Ticket, TicketTag, TicketWatcher


def _recount(ticket: Ticket) -> None:
    ticket.article_count = Article.objects.filter(ticket=ticket).aggregate(n=Count("id"))["n"]


def merge_tickets(actor: User, source: Ticket, target: Ticket) -> Ticket:
    """Move every article, tag and watcher of `source` to `target`; `source` becomes merged.

    The merged ticket keeps its number and points at the survivor, so a customer quoting the old
    number (or replying to an old mail) still reaches the conversation.
    """
    if source.pk == target.pk:
        raise Conflict(_("A ticket cannot be merged into itself."))
    if State.MERGED in (source.state, target.state):
        raise Conflict(_("A merged ticket cannot be merged again."))
    require(ticket_permissions(actor, source), "can_move")
    require(ticket_permissions(actor, target), "can_edit")
    with transaction.atomic():
        moved = Article.objects.filter(ticket=source).update(ticket=target)
        target_tags = set(TicketTag.objects.filter(ticket=target).values_list("tag_id", flat=True))
        TicketTag.objects.bulk_create(
            [
                TicketTag(ticket=target, tag_id=t)
                for t in TicketTag.objects.filter(ticket=source).values_list("tag_id", flat=True)
                if t not in target_tags
            ]
        )
        target_watchers = set(TicketWatcher.objects.filter(ticket=target).values_list("user_id", flat=True))
        TicketWatcher.objects.bulk_create(
            [
                TicketWatcher(ticket=target, user_id=u)
                for u in TicketWatcher.objects.filter(ticket=source).values_list("user_id", flat=True)
                if u not in target_watchers
            ]
        )
        Ticket.objects.filter(merged_into=source).update(merged_into=target)
        old_state = source.state
        source.state = State.MERGED
        source.merged_into = target
        source.pending_until = None
        source.article_count = 0
        record_event(source, actor, EventKind.CHANGED, field="state", old=old_state, new=State.MERGED)
        record_event(source, actor, EventKind.MERGED_INTO, new=target.number, data={"ticket_id": target.pk, "articles": moved})
        record_event(target, actor, EventKind.MERGED_FROM, new=source.number, data={"ticket_id": source.pk, "articles": moved})
        touch(source, "state", "merged_into", "pending_until", "article_count")
        _recount(target)
        touch(target, "article_count")
        rebuild_document(source)
        rebuild_document(target)
    return target


def split_ticket(actor: User, ticket: Ticket, article_ids: list[int], *, subject: str = "") -> Ticket:
    """Move the selected articles to a new ticket with the same customer, group and priority."""
    require(ticket_permissions(actor, ticket), "can_move")
    ids = sorted(set(article_ids))
    if not ids:
        raise ValidationFailed(_("Select at least one article."), field_errors={"article_ids": _("Select at least one article.")})
    with transaction.atomic():
        articles = list(Article.objects.filter(ticket=ticket, pk__in=ids).order_by("created_at", "id"))
        if len(articles) != len(ids):
            raise ValidationFailed(_("Unknown article."), field_errors={"article_ids": _("Not all articles belong to this ticket.")})
        if len(articles) == ticket.article_count:
            raise ValidationFailed(_("At least one article must stay."), field_errors={"article_ids": _("At least one article must stay.")})
        now = timezone.now()
        new_ticket = Ticket.objects.create(
            number=next_sequence_value("ticket_number", start=settings.SUPPORTDESK_TICKET_NUMBER_START),
            subject=clean_subject(subject or articles[0].subject or ticket.subject),
            state=State.OPEN,
            priority=ticket.priority,
            group=ticket.group,
            owner=ticket.owner,
            customer=ticket.customer,
            organization=ticket.organization,
            channel=ticket.channel,
            language=ticket.language,
            created_at=now,
            updated_at=now,
        )
        Article.objects.filter(pk__in=ids).update(ticket=new_ticket)
        record_event(new_ticket, actor, EventKind.CREATED, data={"split_from": ticket.number})
        record_event(new_ticket, actor, EventKind.SPLIT_FROM, new=ticket.number, data={"ticket_id": ticket.pk, "article_ids": ids})
        record_event(ticket, actor, EventKind.SPLIT_TO, new=new_ticket.number, data={"ticket_id": new_ticket.pk, "article_ids": ids})
        _recount(new_ticket)
        touch(new_ticket, "article_count")
        publish_on_commit("ticket.created", ticket_id=new_ticket.pk, actor_id=actor.pk, channel=new_ticket.channel)
        _recount(ticket)
        touch(ticket, "article_count")
        rebuild_document(new_ticket)
        rebuild_document(ticket)
    return new_ticket
