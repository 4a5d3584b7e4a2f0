"""Results on a constructed dataset, against figures computed by hand (see the comments)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.api.tests.conftest import api_as as api_as
from supportdesk.surveys import figures
from supportdesk.surveys.access import visible_invitations, visible_responses
from supportdesk.surveys.actions import do_record_answer
from supportdesk.surveys.choices import AnswerChannel, CsatScale, DeliveryChannel, InvitationStatus, SurveyKind
from supportdesk.surveys.models import SurveyInvitation
from supportdesk.surveys.scheduling import new_key
from supportdesk.surveys.selectors import results
from supportdesk.testing.factories import AgentFactory, add_member
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db
Api = Callable[[User | None], ApiClient]

START = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
END = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
IN = START + dt.timedelta(days=3)


@pytest.fixture
def bea(other_group: Group) -> User:
    user = AgentFactory.create(email="bea@support.example", full_name="Bea Billing")
    add_member(other_group, user)
    return user


@pytest.fixture
def dataset(make_ticket: Callable[..., Ticket], agent: User, bea: User, group: Group, other_group: Group, customer: User) -> dict[str, Any]:
    """Alex works in Support, Bea in Billing. What each invitation was answered is listed below."""

    def ticket_of(owner: User, grp: Group) -> Ticket:
        return make_ticket(actor=owner, group_id=grp.pk, subject=f"Ticket of {owner.full_name}")

    def invite(
        kind: str, owner: User, grp: Group, *, scale: str = "", sent_at: dt.datetime = IN, ticket: Ticket | None = None
    ) -> SurveyInvitation:
        if kind != SurveyKind.NPS and ticket is None:
            ticket = ticket_of(owner, grp)
        return SurveyInvitation.objects.create(
            kind=kind,
            scale=scale or (CsatScale.FIVE_POINT if kind == SurveyKind.CSAT else ""),
            ticket=ticket,
            customer=customer,
            agent=owner,
            group=grp,
            language="en",
            channel=DeliveryChannel.EMAIL,
            key=new_key(),
            status=InvitationStatus.SENT,
            send_after=sent_at,
            sent_at=sent_at,
        )

    def answered(invitation: SurveyInvitation, score: int, at: dt.datetime = IN, comment: str = "") -> None:
        do_record_answer(invitation.pk, score=score, comment=comment, channel=AnswerChannel.EMAIL_LINK, now=at)

    # CSAT, Alex: 6 sent; answered 5, 4, 3, 1 in the period and 5 after it (counts for the rate only).
    alex_csat = [invite(SurveyKind.CSAT, agent, group) for _ in range(6)]
    for invitation, score in zip(alex_csat, (5, 4, 3, 1), strict=False):
        answered(invitation, score, comment="Fast and friendly" if score == 5 else "")
    answered(alex_csat[4], 5, at=END + dt.timedelta(hours=2))
    # CSAT, Bea: 4 five-point sent, answered 5, 5, 2; one good/bad sent, answered good.
    bea_csat = [invite(SurveyKind.CSAT, bea, other_group) for _ in range(4)]
    for invitation, score in zip(bea_csat, (5, 5, 2), strict=False):
        answered(invitation, score)
    answered(invite(SurveyKind.CSAT, bea, other_group, scale=CsatScale.GOOD_BAD), 1)
    # NPS: Support 4 sent, answered 10, 9, 7, 3; Billing 3 sent, answered 9, 0.
    for score in (10, 9, 7, 3):
        answered(invite(SurveyKind.NPS, agent, group), score)
    billing_nps = [invite(SurveyKind.NPS, bea, other_group) for _ in range(3)]
    answered(billing_nps[0], 9)
    answered(billing_nps[1], 0, comment="Never again")
    # CES: Alex 3 sent, answered 7, 5, 2; Bea 2 sent, answered 6.
    for invitation, score in zip([invite(SurveyKind.CES, agent, group, ticket=t.ticket) for t in alex_csat[:3]], (7, 5, 2), strict=True):
        answered(invitation, score)
    bea_ces = [invite(SurveyKind.CES, bea, other_group, ticket=t.ticket) for t in bea_csat[:2]]
    answered(bea_ces[0], 6)
    # Outside the period: an answer before it, an invitation sent after it.
    early = invite(SurveyKind.CSAT, agent, group, sent_at=START - dt.timedelta(days=2))
    answered(early, 1, at=START - dt.timedelta(days=1))
    invite(SurveyKind.CSAT, agent, group, sent_at=END + dt.timedelta(days=1))
    return {"alex": agent, "bea": bea}


def test_overall_figures(dataset: dict[str, Any], admin: User) -> None:
    found = results(visible_responses(admin), visible_invitations(admin), start=START, end=END)
    csat, nps, ces = found.overall["csat"], found.overall["nps"], found.overall["ces"]
    # CSAT: 8 answers in the period (5,4,3,1 | 5,5,2,good), satisfied 5 -> 62.5 %; 11 sent, 9 answered -> 81.8 %.
    assert (csat.answers, csat.satisfied, csat.value, csat.sent, csat.answered, csat.response_rate) == (8, 5, 62.5, 11, 9, 81.8)
    # NPS: 10,9,7,3,9,0 -> promoters 3, passives 1, detractors 2 -> (3-2)/6 = 16.7; 7 sent, 6 answered -> 85.7 %.
    assert (nps.answers, nps.promoters, nps.passives, nps.detractors, nps.value) == (6, 3, 1, 2, 16.7)
    assert (nps.sent, nps.answered, nps.response_rate) == (7, 6, 85.7)
    # CES: 7,5,2,6 -> 20/4 = 5.0; easy (5-7) 3 of 4 -> 75 %; 5 sent, 4 answered -> 80 %.
    assert (ces.answers, ces.value, ces.easy, ces.easy_percent, ces.sent, ces.answered, ces.response_rate) == (4, 5.0, 3, 75.0, 5, 4, 80.0)
    # Latest first (same moment: the later answer first).
    assert [comment.comment for comment in found.comments] == ["Never again", "Fast and friendly"]


def test_per_agent_and_per_group(dataset: dict[str, Any], admin: User) -> None:
    found = results(visible_responses(admin), visible_invitations(admin), start=START, end=END)
    agents = {row.name: row.kinds for row in found.agents}
    assert list(agents) == ["Alex Agent", "Bea Billing"]
    # Alex: CSAT 2 of 4 satisfied = 50 %, 5 of 6 answered = 83.3 %; CES (7+5+2)/3 = 4.67.
    assert (agents["Alex Agent"]["csat"].value, agents["Alex Agent"]["csat"].response_rate) == (50.0, 83.3)
    assert (agents["Alex Agent"]["ces"].value, agents["Alex Agent"]["ces"].answers) == (4.67, 3)
    # Bea: CSAT 3 of 4 = 75 % (5,5,good), 4 of 5 answered = 80 %; CES 6.0 from one answer of two sent.
    assert (agents["Bea Billing"]["csat"].value, agents["Bea Billing"]["csat"].response_rate) == (75.0, 80.0)
    assert (agents["Bea Billing"]["ces"].value, agents["Bea Billing"]["ces"].response_rate) == (6.0, 50.0)
    groups = {row.name: row.kinds for row in found.groups}
    # NPS Support: 10,9,7,3 -> (2-1)/4 = 25; Billing: 9,0 -> (1-1)/2 = 0.
    assert (groups["Support"]["nps"].value, groups["Billing"]["nps"].value) == (25.0, 0.0)
    assert (groups["Support"]["csat"].value, groups["Billing"]["csat"].value) == (50.0, 75.0)


def test_a_supervisor_sees_only_their_groups(dataset: dict[str, Any], group: Group) -> None:
    from supportdesk.accounts.choices import Role

    supervisor = AgentFactory.create(email="sue@support.example", full_name="Sue Supervisor", role=Role.SUPERVISOR)
    add_member(group, supervisor)
    found = results(visible_responses(supervisor), visible_invitations(supervisor), start=START, end=END)
    assert [row.name for row in found.groups] == ["Support"]
    assert (found.overall["csat"].answers, found.overall["csat"].value) == (4, 50.0)
    assert found.overall["nps"].value == 25.0


def test_the_group_filter(dataset: dict[str, Any], admin: User, other_group: Group) -> None:
    found = results(visible_responses(admin), visible_invitations(admin), start=START, end=END, group_id=other_group.pk)
    assert [row.name for row in found.agents] == ["Bea Billing"]
    assert found.overall["nps"].value == 0.0


def test_an_empty_period_has_no_figures_rather_than_zeros(dataset: dict[str, Any], admin: User) -> None:
    found = results(
        visible_responses(admin), visible_invitations(admin), start=END + dt.timedelta(days=10), end=END + dt.timedelta(days=20)
    )
    assert [found.overall[kind].value for kind in ("csat", "nps", "ces")] == [None, None, None]
    assert found.overall["csat"].response_rate is None
    assert found.agents == [] and found.groups == []


def test_results_cost_a_fixed_number_of_queries(dataset: dict[str, Any], admin: User, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(9):
        results(visible_responses(admin), visible_invitations(admin), start=START, end=END)


def test_results_api(dataset: dict[str, Any], api_as: Api, admin: User) -> None:
    body = api_as(admin).get("/api/v1/surveys/results", {"start": START.isoformat(), "end": END.isoformat()}).json()
    assert body["overall"]["csat"] == {"sent": 11, "answered": 9, "response_rate": 81.8, "answers": 8, "value": 62.5, "satisfied": 5}
    assert body["overall"]["nps"] == {
        "sent": 7,
        "answered": 6,
        "response_rate": 85.7,
        "answers": 6,
        "value": 16.7,
        "promoters": 3,
        "passives": 1,
        "detractors": 2,
    }
    assert body["overall"]["ces"]["value"] == 5.0 and body["overall"]["ces"]["easy_percent"] == 75.0
    assert [row["name"] for row in body["agents"]] == ["Alex Agent", "Bea Billing"]
    bad = api_as(admin).get("/api/v1/surveys/results", {"start": END.isoformat(), "end": START.isoformat()})
    assert bad.status_code == 422
    naive = api_as(admin).get("/api/v1/surveys/results", {"start": "2026-03-01T00:00:00"})
    assert naive.status_code == 422


def test_the_results_page(dataset: dict[str, Any], client: Client, admin: User, agent: User) -> None:
    client.force_login(admin)
    page = client.get("/surveys/results/", {"start": "2026-03-01", "end": "2026-03-31"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="survey-csat-value">62.5 %' in html
    assert 'data-testid="survey-nps-value">16.7' in html
    assert 'data-testid="survey-ces-value">5.00' in html
    assert "Fast and friendly" in html and "Never again" in html
    assert html.count('data-testid="survey-agent-row"') == 2
    client.force_login(agent)
    assert client.get("/surveys/results/").status_code == 403


def test_the_results_page_refuses_a_reversed_period_but_still_answers(dataset: dict[str, Any], client: Client, admin: User) -> None:
    client.force_login(admin)
    page = client.get("/surveys/results/", {"start": "2026-03-31", "end": "2026-03-01"})
    assert page.status_code == 200 and "The end is before the start." in page.content.decode()


@pytest.mark.parametrize(
    ("function", "args", "expected"),
    [
        (figures.csat_percent, (5, 8), 62.5),
        (figures.csat_percent, (0, 0), None),
        (figures.csat_percent, (3, 3), 100.0),
        (figures.net_promoter_score, (3, 2, 6), 16.7),
        (figures.net_promoter_score, (0, 4, 4), -100.0),
        (figures.net_promoter_score, (0, 0, 0), None),
        (figures.ces_average, (14, 3), 4.67),
        (figures.ces_average, (0, 0), None),
        (figures.response_rate, (9, 11), 81.8),
        (figures.response_rate, (1, 0), None),
    ],
)
def test_figures(function: Callable[..., Any], args: tuple[int, ...], expected: float | None) -> None:
    assert function(*args) == expected
