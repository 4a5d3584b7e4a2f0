"""A customer never sees or answers another's survey; staff see the surveys of their groups only.
The portal panel shows a survey to the ticket's own customer; the agent sidebar shows the answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from supportdesk.accounts.models import Organization, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.api.tests.conftest import api_as as api_as
from supportdesk.surveys.choices import DeliveryChannel, InvitationStatus, SurveyKind
from supportdesk.surveys.models import SurveyInvitation, SurveyResponse, SurveySettings
from supportdesk.surveys.signing import make_token
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db
Api = Callable[[User | None], ApiClient]


@pytest.fixture
def two_surveys(
    conf: SurveySettings,
    make_ticket: Callable[..., Ticket],
    solve: Callable[..., Ticket],
    send_due: Any,
    customer: User,
    other_customer: User,
) -> tuple[SurveyInvitation, SurveyInvitation]:
    mine = solve(make_ticket(subject="Carla's printer"))
    theirs = solve(make_ticket(subject="Bert's secret project", customer_email=other_customer.email))
    send_due()
    return SurveyInvitation.objects.get(ticket=mine), SurveyInvitation.objects.get(ticket=theirs)


def number(invitation: SurveyInvitation) -> int:
    assert invitation.ticket is not None
    return invitation.ticket.number


def verified(user: User) -> User:
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return user


def test_a_token_for_one_survey_cannot_answer_another(client: Client, two_surveys: tuple[SurveyInvitation, SurveyInvitation]) -> None:
    mine, theirs = two_surveys
    token = make_token(mine.pk, mine.key, 5)
    _payload, stamp, signature = token.split(":")
    # Put the other invitation's id into my token: the signature no longer matches.
    forged_payload = make_token(theirs.pk, mine.key, 5).split(":")[0]
    assert client.post(f"/survey/{forged_payload}:{stamp}:{signature}/", {"score": "1"}).status_code == 400
    # My key with their id, properly signed (as if SECRET_KEY leaked): the key does not match theirs.
    assert client.post(f"/survey/{make_token(theirs.pk, mine.key, 1)}/", {"score": "1"}).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_the_answer_page_shows_nothing_of_other_customers(client: Client, two_surveys: tuple[SurveyInvitation, SurveyInvitation]) -> None:
    mine, _theirs = two_surveys
    html = client.get(f"/survey/{make_token(mine.pk, mine.key, 5)}/").content.decode()
    assert "Carla's printer" in html or "Carla&#x27;s printer" in html
    assert "Bert" not in html and "secret project" not in html
    assert "carla@customer.example" not in html  # not even the customer's own address


def test_the_portal_panel_is_only_for_the_tickets_own_customer(
    client: Client, two_surveys: tuple[SurveyInvitation, SurveyInvitation], customer: User, other_customer: User
) -> None:
    mine, theirs = two_surveys
    client.force_login(verified(customer))
    page = client.get(f"/portal/tickets/{number(mine)}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="portal-survey-panel"' in html and f'action="/survey/portal/{mine.pk}/"' in html
    assert client.get(f"/portal/tickets/{number(theirs)}/").status_code == 404


def test_a_shared_organization_colleague_sees_the_ticket_but_not_the_survey(
    client: Client,
    conf: SurveySettings,
    make_ticket: Callable[..., Ticket],
    solve: Callable[..., Ticket],
    send_due: Any,
    customer: User,
    other_customer: User,
    api_as: Api,
) -> None:
    organization = Organization.objects.create(name="Harwood & Lane", shared=True)
    customer.organizations.add(organization)
    other_customer.organizations.add(organization)
    ticket = make_ticket()
    Ticket.objects.filter(pk=ticket.pk).update(organization=organization)
    solve(ticket)
    send_due()
    invitation = SurveyInvitation.objects.get()
    client.force_login(verified(other_customer))
    page = client.get(f"/portal/tickets/{ticket.number}/")
    assert page.status_code == 200 and 'data-testid="portal-survey-panel"' not in page.content.decode()
    assert client.post(f"/survey/portal/{invitation.pk}/", {"score": "1"}).status_code == 404
    assert api_as(other_customer).get(f"/api/v1/tickets/{ticket.pk}/surveys").json() == []
    assert not SurveyResponse.objects.exists()


def test_the_portal_form_answers_and_changes(
    client: Client, two_surveys: tuple[SurveyInvitation, SurveyInvitation], customer: User
) -> None:
    mine, _theirs = two_surveys
    client.force_login(verified(customer))
    answer = client.post(f"/survey/portal/{mine.pk}/", {"score": "2", "comment": "Slow"})
    assert answer.status_code == 303 and answer["Location"] == f"/portal/tickets/{number(mine)}/#survey"
    response = SurveyResponse.objects.get()
    assert (response.score, response.comment, response.channel) == (2, "Slow", "portal")
    html = client.get(f"/portal/tickets/{number(mine)}/").content.decode()
    assert "Your answer: Dissatisfied" in html and 'value="2" checked' in html
    client.post(f"/survey/portal/{mine.pk}/", {"score": "4", "comment": "Solved after all"})
    response.refresh_from_db()
    assert (response.score, response.comment) == (4, "Solved after all") and response.changed_at is not None


def test_the_portal_form_refuses_other_customers_and_email_only_surveys(
    client: Client, two_surveys: tuple[SurveyInvitation, SurveyInvitation], customer: User
) -> None:
    mine, theirs = two_surveys
    client.force_login(verified(customer))
    assert client.post(f"/survey/portal/{theirs.pk}/", {"score": "1"}).status_code == 404
    assert client.post("/survey/portal/999999/", {"score": "1"}).status_code == 404
    SurveyInvitation.objects.filter(pk=mine.pk).update(channel=DeliveryChannel.EMAIL)
    assert client.post(f"/survey/portal/{mine.pk}/", {"score": "1"}).status_code == 404
    html = client.get(f"/portal/tickets/{number(mine)}/").content.decode()
    assert 'data-testid="portal-survey-panel"' not in html
    assert not SurveyResponse.objects.exists()


def test_the_portal_form_needs_a_signed_in_customer(client: Client, two_surveys: tuple[SurveyInvitation, SurveyInvitation]) -> None:
    mine, _theirs = two_surveys
    answer = client.post(f"/survey/portal/{mine.pk}/", {"score": "5"})
    assert answer.status_code == 302 and "/portal/login/" in answer["Location"]
    assert not SurveyResponse.objects.exists()


def test_the_agent_sidebar_shows_the_answer_escaped(
    client: Client, two_surveys: tuple[SurveyInvitation, SurveyInvitation], agent: User, outsider: User
) -> None:
    mine, _theirs = two_surveys
    client.post(f"/survey/{make_token(mine.pk, mine.key, 2)}/", {"score": "2", "comment": "<b>Too slow</b>"})
    client.force_login(agent)
    html = client.get(f"/tickets/{mine.ticket_id}/").content.decode()
    assert 'data-testid="survey-summary"' in html
    assert "2/5 · Dissatisfied" in html and "&lt;b&gt;Too slow&lt;/b&gt;" in html
    client.force_login(outsider)
    assert client.get(f"/tickets/{mine.ticket_id}/").status_code == 404


def test_the_sidebar_shows_a_scheduled_survey(
    client: Client, conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], agent: User
) -> None:
    solve(ticket)
    client.force_login(agent)
    html = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert 'data-testid="survey-summary-status"' in html and "Scheduled" in html and "Goes out" in html


def test_api_ticket_surveys_follow_ticket_access(
    api_as: Api, two_surveys: tuple[SurveyInvitation, SurveyInvitation], customer: User, agent: User, outsider: User
) -> None:
    mine, theirs = two_surveys
    SurveyResponse.objects.all().delete()
    own = api_as(customer).get(f"/api/v1/tickets/{mine.ticket_id}/surveys")
    assert own.status_code == 200 and [row["id"] for row in own.json()] == [mine.pk]
    assert api_as(customer).get(f"/api/v1/tickets/{theirs.ticket_id}/surveys").status_code == 404
    assert api_as(customer).get("/api/v1/tickets/999999/surveys").status_code == 404
    assert api_as(outsider).get(f"/api/v1/tickets/{mine.ticket_id}/surveys").status_code == 404
    staff = api_as(agent).get(f"/api/v1/tickets/{mine.ticket_id}/surveys").json()
    assert [(row["kind"], row["status"], row["response"]) for row in staff] == [("csat", "sent", None)]


def test_staff_see_answers_of_their_groups_only(
    api_as: Api,
    conf: SurveySettings,
    make_ticket: Callable[..., Ticket],
    solve: Callable[..., Ticket],
    send_due: Any,
    agent: User,
    outsider: User,
    admin: User,
    other_group: Any,
    customer: User,
) -> None:
    from supportdesk.surveys import actions
    from supportdesk.surveys.choices import AnswerChannel

    ours = solve(make_ticket(subject="Ours"))
    theirs = solve(make_ticket(actor=outsider, subject="Billing question", group_id=other_group.pk), actor=outsider)
    send_due()
    for invitation in SurveyInvitation.objects.all():
        actions.check_answer(invitation, score=4, comment=f"about ticket {invitation.ticket_id}", channel=AnswerChannel.API)
    seen = {row["ticket_id"] for row in api_as(agent).get("/api/v1/surveys/responses").json()["items"]}
    assert seen == {ours.pk}
    seen = {row["ticket_id"] for row in api_as(outsider).get("/api/v1/surveys/responses").json()["items"]}
    assert seen == {theirs.pk}
    assert {row["ticket_id"] for row in api_as(admin).get("/api/v1/surveys/responses").json()["items"]} == {ours.pk, theirs.pk}
    assert api_as(customer).get("/api/v1/surveys/responses").status_code == 403
    assert api_as(customer).get("/api/v1/surveys/results").status_code == 403
    assert api_as(None).get("/api/v1/surveys/responses").status_code == 401
    results = api_as(agent).get("/api/v1/surveys/results").json()
    assert results["overall"]["csat"]["answers"] == 1
    assert [row["name"] for row in results["groups"]] == ["Support"]


def test_nps_surveys_are_scoped_by_the_group_of_the_ticket_that_prompted_them(
    api_as: Api, conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any, agent: User, outsider: User
) -> None:
    conf.nps_enabled = True
    conf.save()
    solve(ticket)
    send_due(minutes=60 * 26)
    nps = SurveyInvitation.objects.get(kind=SurveyKind.NPS)
    assert nps.status == InvitationStatus.SENT
    from supportdesk.surveys import actions
    from supportdesk.surveys.choices import AnswerChannel

    actions.check_answer(nps, score=9, comment="", channel=AnswerChannel.EMAIL_LINK)
    assert [row["kind"] for row in api_as(agent).get("/api/v1/surveys/responses", {"kind": "nps"}).json()["items"]] == ["nps"]
    assert api_as(outsider).get("/api/v1/surveys/responses", {"kind": "nps"}).json()["items"] == []
