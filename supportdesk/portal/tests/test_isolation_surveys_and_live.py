"""Tenant isolation beyond tickets (issue 6): another customer's survey answers 404 through the API
and the portal form and stays unanswered; customers cannot open the live websocket at all, so no
ticket event reaches them that way."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.test import Client

from supportdesk.accounts.tokens import create_token
from supportdesk.portal.tests.portal_tickets_world import World, build_world, signed_in
from supportdesk.realtime import consumers
from supportdesk.realtime.tests.test_consumer import communicator
from supportdesk.surveys.models import SurveyInvitation, SurveyResponse
from supportdesk.surveys.scheduling import plan_for_tickets
from supportdesk.surveys.selectors import get_settings
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.choices import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def api(user: Any) -> Client:
    _token, key = create_token(user)
    return Client(headers={"Authorization": f"Token {key}"})


def carols_invitation(world: World) -> SurveyInvitation:
    settings = get_settings()
    settings.csat_enabled = True
    settings.save()
    update_ticket(world.agent, world.carol_ticket, {"state": State.SOLVED})
    plan_for_tickets([world.carol_ticket.pk])
    return SurveyInvitation.objects.get(ticket=world.carol_ticket, kind="csat")


def test_another_customers_survey_is_404_everywhere_and_stays_unanswered(world: World) -> None:
    invitation = carols_invitation(world)
    alice_api = api(world.alice)
    assert alice_api.get(f"/api/v1/tickets/{world.carol_ticket.pk}/surveys").status_code == 404
    answer = alice_api.post(f"/api/v1/surveys/invitations/{invitation.pk}/answer", {"score": 1}, content_type="application/json")
    assert answer.status_code == 404
    assert signed_in(world.alice).post(f"/survey/portal/{invitation.pk}/", {"score": "1"}).status_code == 404
    # Dave shares Carol's (private) organization: still not his survey.
    assert api(world.dave).get(f"/api/v1/tickets/{world.carol_ticket.pk}/surveys").status_code == 404
    assert not SurveyResponse.objects.exists()
    # Carol herself can see it (the check above is about ownership, not a broken endpoint).
    own = api(world.carol).get(f"/api/v1/tickets/{world.carol_ticket.pk}/surveys")
    assert own.status_code == 200 and [row["id"] for row in own.json()] == [invitation.pk]


@pytest.mark.django_db(transaction=True)  # the consumer's database_sync_to_async closes connections
def test_customers_cannot_open_the_live_websocket(world: World) -> None:
    async def connect(user: Any) -> tuple[bool, int | None]:
        comm = communicator(user)
        ok, code = await comm.connect()
        await comm.disconnect()
        return ok, code

    for user in (world.alice, world.carol):
        assert async_to_sync(connect)(user) == (False, consumers.CLOSE_POLICY)
    assert async_to_sync(connect)(world.agent)[0] is True
