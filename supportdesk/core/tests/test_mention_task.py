"""The mention mail task: enqueued after commit, sent once, skipped when access is gone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail

from supportdesk.accounts.models import GroupMembership, User
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.models import Notification, Ticket
from supportdesk.tickets.tasks import send_mention_email


def test_mention_mails_the_agent_once_after_commit(
    agent: User, reader: User, ticket: Ticket, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        add_article(agent, ticket, body_text="Can you check this, @reader@support.example?", is_internal=True)

    notification = Notification.objects.get(kind="mention", user=reader)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@support.example"]
    assert message.subject == f"You were mentioned on {ticket.display_number}"
    assert (
        message.body
        == f"Alex Agent mentioned you on {ticket.display_number}\n\nPrinter on fire\n\nhttp://127.0.0.1:8000/tickets/{ticket.pk}/"
    )

    assert send_mention_email.call(notification.pk) is False
    assert len(mail.outbox) == 1


def test_mention_mail_is_not_sent_when_access_was_lost(agent: User, reader: User, ticket: Ticket) -> None:
    add_article(agent, ticket, body_text="ping @reader@support.example", is_internal=True)
    notification = Notification.objects.get(kind="mention", user=reader)
    GroupMembership.objects.filter(user=reader).delete()

    assert send_mention_email.call(notification.pk) is False
    assert mail.outbox == []


@pytest.mark.parametrize("notification_id", [0, 999_999])
def test_unknown_notification_is_a_no_op(db: None, notification_id: int) -> None:
    assert send_mention_email.call(notification_id) is False
    assert mail.outbox == []
