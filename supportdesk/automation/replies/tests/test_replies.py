"""Reply templates: variables and escaping, validation at save, the composer search, send_mail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from supportdesk.accounts.models import AgentProfile, Group, User
from supportdesk.automation.registry import ActionContext, clean_action, run_action
from supportdesk.automation.replies import actions
from supportdesk.automation.replies.mail import RECIPIENT_CAPS
from supportdesk.automation.replies.models import ReplyTemplate
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed
from supportdesk.email_gateway.choices import DeliveryStatus
from supportdesk.email_gateway.models import ArticleEmail
from supportdesk.tickets.choices import SenderType
from supportdesk.tickets.models import Article, Ticket
from supportdesk.tickets.tasks import ticket_url


def make(admin: User, **values: Any) -> ReplyTemplate:
    return actions.create_template(admin, {"name": "Thanks", "body": "Hello {{ customer.first_name }}", **values})


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_variables_are_substituted(admin: User, agent: User, ticket: Ticket) -> None:
    AgentProfile.objects.update_or_create(user=agent, defaults={"signature": "-- Agnes, Support"})
    body = (
        "Hi {{ customer.first_name }} ({{customer.name}}), re {{ ticket.number }} {{ ticket.subject }}: "
        "{{ agent.name }} {{ group.name }}\n{{ agent.signature }}\n{{ ticket.link }}"
    )
    template = make(admin, body=body, subject="Re: {{ ticket.subject }}")
    rendered = actions.render_template(template, ticket, agent)
    assert rendered.subject == "Re: Printer on fire"
    assert rendered.text == (
        f"Hi Carla (Carla Customer), re {ticket.display_number} Printer on fire: {agent.display_name} {ticket.group.name}\n"
        f"-- Agnes, Support\n{ticket_url(ticket)}"
    )
    assert ticket_url(ticket).endswith(f"/tickets/{ticket.pk}/")


def test_html_templates_escape_values_and_are_sanitised(admin: User, agent: User, make_ticket: Callable[..., Ticket]) -> None:
    ticket = make_ticket(subject='<img src=x onerror="alert(1)">')
    template = make(admin, is_html=True, body="<p onclick='x()'>About {{ ticket.subject }}</p><script>alert(2)</script>")
    assert "script" not in template.body and "onclick" not in template.body
    rendered = actions.render_template(template, ticket, agent)
    assert "&lt;img src=x onerror=" in rendered.html and "<img" not in rendered.html
    assert rendered.text == 'About <img src=x onerror="alert(1)">'  # plain text for the textarea, escaped where shown


def test_template_text_cannot_run_template_code(admin: User, agent: User, ticket: Ticket) -> None:
    for body in ("{{ settings.SECRET_KEY }}", "{{ customer.name|upper }}", "{{ customer.__class__ }}"):
        with pytest.raises(ValidationFailed) as raised:
            make(admin, body=body)
        assert body in raised.value.field_errors["body"]
    template = make(admin, body="{% load log %}{% get_admin_log 10 as x %}{% if 1 %}literal{% endif %} {{ customer.name }}")
    text = actions.render_template(template, ticket, agent).text
    assert text == "{% load log %}{% get_admin_log 10 as x %}{% if 1 %}literal{% endif %} Carla Customer"  # tags stay text


def test_unknown_variables_are_refused_with_the_allowed_list(admin: User) -> None:
    with pytest.raises(ValidationFailed) as raised:
        make(admin, subject="{{ ticket.secret }}", body="Hi {{ customer.nmae }}")
    errors = raised.value.field_errors
    assert "{{ customer.nmae }}" in errors["body"] and "{{ customer.first_name }}" in errors["body"]
    assert "{{ ticket.secret }}" in errors["subject"]


def test_only_admins_change_templates(agent: User, admin: User) -> None:
    with pytest.raises(PermissionDenied):
        make(agent)
    template = make(admin)
    actions.update_template(admin, template, {"name": "Thank you", "position": 3})
    template.refresh_from_db()
    assert (template.name, template.position) == ("Thank you", 3)


def test_composer_search_lists_group_and_language_matches_first(
    admin: User, agent: User, outsider: User, ticket: Ticket, other_group: Group, customer: User
) -> None:
    customer.language = "de"
    customer.save(update_fields=["language"])
    any_language = make(admin, name="Printer help", position=0)
    german = make(admin, name="Drucker", language="de", body="Hallo {{ customer.first_name }}", position=5)
    make(admin, name="Other team", group_ids=[other_group.pk])
    make(admin, name="Hungarian", language="hu", position=0)
    make(admin, name="Inactive", is_active=False)
    _ticket, rows = actions.search_for_ticket(agent, ticket.pk)
    assert [r.template.name for r in rows] == ["Drucker", "Printer help", "Hungarian"]
    assert rows[0].text == "Hallo Carla"
    _ticket, rows = actions.search_for_ticket(agent, ticket.pk, query="printer")
    assert [r.template.pk for r in rows] == [any_language.pk]
    with pytest.raises(NotFound):
        actions.search_for_ticket(outsider, ticket.pk)  # no access to the ticket
    actions.count_use(agent, ticket.pk, german.pk)
    german.refresh_from_db()
    assert german.usage_count == 1


def test_send_mail_to_the_customer_uses_their_language_and_threads(
    admin: User, agent: User, ticket: Ticket, customer: User, commit: Callable[[], Any]
) -> None:
    customer.language = "de"
    customer.save(update_fields=["language"])
    english = make(admin, subject="We are on it", body="Hello {{ customer.first_name }}, ticket {{ ticket.number }}")
    german = make(admin, language="de", subject="Wir kümmern uns", body="Hallo {{ customer.first_name }}")
    action = clean_action({"action": "send_mail", "template": english.pk, "to": "customer"})
    mail.outbox.clear()
    ticket = Ticket.objects.select_related("customer").get(pk=ticket.pk)  # as a trigger loads it
    with commit():
        context = ActionContext(ticket=ticket, actor=None, source="trigger:4")
        run_action(context, action)
    article = Article.objects.filter(ticket=ticket, sender_type=SenderType.SYSTEM).get()
    assert (article.is_internal, article.body_text, article.to_addresses) == (False, "Hallo Carla", "carla@customer.example")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["carla@customer.example"]
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert ticket.display_number in message.subject and "Wir kümmern uns" in message.subject
    record = ArticleEmail.objects.get(article=article)
    assert record.delivery_status == DeliveryStatus.SENT and message.extra_headers["Message-ID"] == f"<{record.message_id}>"
    german.refresh_from_db()
    assert german.usage_count == 1


def test_send_mail_to_the_owner_is_an_internal_note(
    admin: User, agent: User, make_ticket: Callable[..., Ticket], commit: Callable[[], Any]
) -> None:
    ticket = make_ticket(owner_id=agent.pk)
    template = make(admin, body="{{ ticket.number }} needs you")
    mail.outbox.clear()
    with commit():
        run_action(
            ActionContext(ticket=ticket, actor=None, source="scheduler:1"), {"action": "send_mail", "template": template.pk, "to": "owner"}
        )
    article = Article.objects.filter(ticket=ticket, sender_type=SenderType.SYSTEM).get()
    assert article.is_internal and article.to_addresses == agent.email
    assert [m.to for m in mail.outbox] == [[agent.email]]


def test_send_mail_stops_at_the_cap_and_says_so(admin: User, ticket: Ticket, commit: Callable[[], Any]) -> None:
    template = make(admin)
    _name, limit, _window = RECIPIENT_CAPS[0]
    mail.outbox.clear()
    for _ in range(limit + 1):
        with commit():
            run_action(
                ActionContext(ticket=ticket, actor=None, source="trigger:9"),
                {"action": "send_mail", "template": template.pk, "to": "customer"},
            )
    assert len(mail.outbox) == limit
    note = Article.objects.filter(ticket=ticket, is_internal=True, sender_type=SenderType.SYSTEM).get()
    assert "send cap" in note.body_text


def test_send_mail_validation_and_dry_run(admin: User, ticket: Ticket) -> None:
    template = make(admin)
    with pytest.raises(ValidationFailed) as raised:
        clean_action({"action": "send_mail", "template": template.pk + 10, "to": "everyone"})
    assert set(raised.value.field_errors) == {"actions.template", "actions.to"}
    context = ActionContext(ticket=ticket, actor=None, source="trigger:1", dry_run=True)
    run_action(context, {"action": "send_mail", "template": template.pk, "to": "customer"})
    assert context.notes == [f"would mail template {template.pk} to the customer"]
    assert not Article.objects.filter(ticket=ticket, sender_type=SenderType.SYSTEM).exists()
