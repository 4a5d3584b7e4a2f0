"""The surveys REST API: settings (admins), answers by token (public), answer lists (staff)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportdesk.accounts.models import User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.api.tests.conftest import api_as as api_as
from supportdesk.surveys.choices import SurveyKind
from supportdesk.surveys.models import SurveyInvitation, SurveyResponse, SurveySettings
from supportdesk.surveys.selectors import get_settings
from supportdesk.surveys.signing import make_token
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db
Api = Callable[[User | None], ApiClient]

SETTINGS = {
    "csat_enabled": True,
    "csat_scale": "good_bad",
    "ces_enabled": True,
    "nps_enabled": True,
    "delay_minutes": 120,
    "channel": "email",
    "change_window_hours": 24,
    "link_lifetime_days": 14,
    "nps_interval_days": 180,
}


def test_admins_read_and_replace_the_settings(api_as: Api, admin: User, agent: User, customer: User) -> None:
    assert api_as(agent).get("/api/v1/surveys/settings").status_code == 403
    assert api_as(customer).put("/api/v1/surveys/settings", SETTINGS).status_code == 403
    assert api_as(None).get("/api/v1/surveys/settings").status_code == 401
    before = api_as(admin).get("/api/v1/surveys/settings").json()
    assert (before["csat_enabled"], before["delay_minutes"], before["channel"]) == (False, 60, "both")
    changed = api_as(admin).put("/api/v1/surveys/settings", SETTINGS)
    assert changed.status_code == 200
    assert {key: changed.json()[key] for key in SETTINGS} == SETTINGS
    conf = get_settings()
    assert (conf.csat_scale, conf.delay_minutes, conf.updated_by_id) == ("good_bad", 120, admin.pk)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"delay_minutes": -1}, "delay_minutes"),
        ({"delay_minutes": 10**9}, "delay_minutes"),
        ({"link_lifetime_days": 0}, "link_lifetime_days"),
        ({"csat_scale": "ten_point"}, "csat_scale"),
        ({"channel": "sms"}, "channel"),
        ({"csat_enabled": "yes please"}, "csat_enabled"),
        ({"nps_interval_days": 1.5}, "nps_interval_days"),
    ],
)
def test_bad_settings_are_a_422_and_change_nothing(api_as: Api, admin: User, change: dict[str, Any], field: str) -> None:
    answer = api_as(admin).put("/api/v1/surveys/settings", {**SETTINGS, **change})
    assert answer.status_code == 422 and field in answer.json()["errors"]
    assert get_settings().delay_minutes == 60


def test_extra_fields_are_refused(api_as: Api, admin: User) -> None:
    answer = api_as(admin).put("/api/v1/surveys/settings", {**SETTINGS, "updated_by_id": 1, "is_admin": True})
    assert answer.status_code == 422
    assert get_settings().csat_enabled is False


def test_a_partial_put_is_refused(api_as: Api, admin: User) -> None:
    assert api_as(admin).put("/api/v1/surveys/settings", {"csat_enabled": True}).status_code == 422


@pytest.fixture
def sent(conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any) -> SurveyInvitation:
    solve(ticket)
    send_due()
    return SurveyInvitation.objects.get(kind=SurveyKind.CSAT)


def test_answering_by_token_without_authentication(api_as: Api, sent: SurveyInvitation) -> None:
    anonymous = api_as(None)
    token = make_token(sent.pk, sent.key, 5)
    first = anonymous.post("/api/v1/surveys/answers", {"token": token, "score": 4, "comment": "Good"})
    assert first.status_code == 201
    body = first.json()
    assert (body["kind"], body["score"], body["comment"], body["changed_at"]) == ("csat", 4, "Good", None)
    assert body["changeable_until"] > body["answered_at"]
    response = SurveyResponse.objects.get()
    assert (response.channel, response.score) == ("api", 4)
    change = anonymous.post("/api/v1/surveys/answers", {"token": token, "score": 5})
    assert change.status_code == 200 and change.json()["comment"] == "Good"  # an omitted comment is kept
    assert SurveyResponse.objects.get().changed_at is not None


@pytest.mark.parametrize(
    ("mutate", "status"),
    [
        (lambda inv: make_token(inv.pk, inv.key, 5)[:-3] + "abc", 400),
        (lambda inv: "garbage", 400),
        (lambda inv: make_token(inv.pk + 99, inv.key, 5), 404),
        (lambda inv: make_token(inv.pk, "wrong-key-xxxxxxxxxxxx", 5), 404),
    ],
)
def test_bad_tokens_are_problems_and_change_nothing(api_as: Api, sent: SurveyInvitation, mutate: Callable[..., str], status: int) -> None:
    answer = api_as(None).post("/api/v1/surveys/answers", {"token": mutate(sent), "score": 5})
    assert answer.status_code == status
    assert answer["Content-Type"].startswith("application/problem+json")
    assert not SurveyResponse.objects.exists()


def test_closed_and_late_answers_by_api(api_as: Api, sent: SurveyInvitation) -> None:
    from datetime import timedelta

    from django.utils import timezone

    token = make_token(sent.pk, sent.key)
    anonymous = api_as(None)
    assert anonymous.post("/api/v1/surveys/answers", {"token": token, "score": 9}).status_code == 422
    assert anonymous.post("/api/v1/surveys/answers", {"token": token, "score": 3, "comment": "x" * 2001}).status_code == 422
    assert anonymous.post("/api/v1/surveys/answers", {"token": token, "score": 3, "extra": 1}).status_code == 422
    assert not SurveyResponse.objects.exists()
    assert anonymous.post("/api/v1/surveys/answers", {"token": token, "score": 3}).status_code == 201
    SurveyResponse.objects.update(answered_at=timezone.now() - timedelta(hours=73))
    late = anonymous.post("/api/v1/surveys/answers", {"token": token, "score": 1})
    assert late.status_code == 409 and late.json()["detail"] == "You have already answered"
    SurveyInvitation.objects.update(status="cancelled")
    assert anonymous.post("/api/v1/surveys/answers", {"token": token, "score": 1}).status_code == 410
    assert SurveyResponse.objects.get().score == 3


def test_responses_are_listed_newest_first_with_filters_and_cursors(
    api_as: Api, conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], send_due: Any, agent: User
) -> None:
    from supportdesk.surveys import actions
    from supportdesk.surveys.choices import AnswerChannel
    from supportdesk.testing.factories import CustomerFactory

    tickets = []
    for n in range(5):
        person = CustomerFactory.create(email=f"c{n}@customer.example")
        tickets.append(solve(make_ticket(customer_email=person.email, subject=f"T{n}")))
    send_due()
    for n, invitation in enumerate(SurveyInvitation.objects.order_by("id")):
        actions.check_answer(invitation, score=n + 1, comment="", channel=AnswerChannel.API)
    client = api_as(agent)
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/surveys/responses", {"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += [row["score"] for row in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [5, 4, 3, 2, 1]
    one = client.get("/api/v1/surveys/responses", {"ticket": tickets[2].pk}).json()["items"]
    assert [row["score"] for row in one] == [3]
    assert client.get("/api/v1/surveys/responses", {"kind": "nps"}).json()["items"] == []
    assert len(client.get("/api/v1/surveys/responses", {"agent": agent.pk}).json()["items"]) == 5
    assert client.get("/api/v1/surveys/responses", {"kind": "sql' OR 1=1"}).status_code == 422
    assert client.get("/api/v1/surveys/responses", {"cursor": "not-a-cursor"}).status_code == 422
    assert client.get("/api/v1/surveys/responses", {"ticket": 2**64}).status_code == 422
    assert client.get("/api/v1/surveys/responses", {"answered_from": "2020-01-01T00:00:00+00:00"}).json()["items"]
    assert client.get("/api/v1/surveys/responses", {"answered_to": "2020-01-01T00:00:00+00:00"}).json()["items"] == []


def test_the_response_list_costs_the_same_for_few_or_many(
    api_as: Api, conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], send_due: Any, agent: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from supportdesk.surveys import actions
    from supportdesk.surveys.choices import AnswerChannel
    from supportdesk.testing.factories import CustomerFactory

    client = api_as(agent)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/surveys/responses").status_code == 200
        return len(ctx.captured_queries)

    for n in range(6):
        person = CustomerFactory.create(email=f"q{n}@customer.example")
        solve(make_ticket(customer_email=person.email))
    send_due()
    invitations = list(SurveyInvitation.objects.order_by("id"))
    actions.check_answer(invitations[0], score=5, comment="", channel=AnswerChannel.API)
    count()  # the token's first use is recorded once
    few = count()
    for invitation in invitations[1:]:
        actions.check_answer(invitation, score=4, comment="", channel=AnswerChannel.API)
    assert count() == few


def test_a_signed_in_customer_answers_their_own_survey(
    api_as: Api, sent: SurveyInvitation, customer: User, other_customer: User, agent: User
) -> None:
    path = f"/api/v1/surveys/invitations/{sent.pk}/answer"
    assert api_as(other_customer).post(path, {"score": 1}).status_code == 404
    assert api_as(agent).post(path, {"score": 1}).status_code == 404
    assert api_as(None).post(path, {"score": 1}).status_code == 401
    assert api_as(customer).post("/api/v1/surveys/invitations/999999/answer", {"score": 1}).status_code == 404
    assert not SurveyResponse.objects.exists()
    first = api_as(customer).post(path, {"score": 2, "comment": "Meh"})
    assert first.status_code == 201 and first.json()["score"] == 2
    assert api_as(customer).post(path, {"score": 3}).status_code == 200
    assert api_as(customer).post(path, {"score": 6}).status_code == 422
    response = SurveyResponse.objects.get()
    assert (response.score, response.comment, response.channel) == (3, "Meh", "api")


def test_a_pending_survey_cannot_be_answered_by_its_customer_yet(
    api_as: Api, conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], customer: User
) -> None:
    solve(ticket)
    pending = SurveyInvitation.objects.get()
    assert api_as(customer).post(f"/api/v1/surveys/invitations/{pending.pk}/answer", {"score": 5}).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_responses_match_the_published_schema(api_as: Api, sent: SurveyInvitation, admin: User) -> None:
    from supportdesk.api.urls import api

    schemas = api.get_openapi_schema()["components"]["schemas"]

    def required(name: str) -> set[str]:
        return set(schemas[name]["required"])

    answered = api_as(None).post("/api/v1/surveys/answers", {"token": make_token(sent.pk, sent.key), "score": 4}).json()
    assert set(answered) == required("SurveyAnswerOut")
    listed = api_as(admin).get("/api/v1/surveys/responses").json()["items"][0]
    assert set(listed) == required("SurveyResponseOut")
    settings_body = api_as(admin).get("/api/v1/surveys/settings").json()
    assert set(settings_body) == required("SurveySettingsOut")
    invitations = api_as(admin).get(f"/api/v1/tickets/{sent.ticket_id}/surveys").json()
    assert set(invitations[0]) == required("SurveyInvitationOut")
    results = api_as(admin).get("/api/v1/surveys/results").json()
    assert set(results) == required("SurveyResultsOut")
    assert set(results["overall"]["nps"]) == required("NpsFiguresOut")
