"""The demo's surveys: answers for part of the solved tickets, in several languages, reproducible."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.demo.loader import load_demo
from supportdesk.demo.surveys import load_surveys
from supportdesk.surveys.access import visible_invitations, visible_responses
from supportdesk.surveys.choices import InvitationStatus
from supportdesk.surveys.models import NpsSchedule, SurveyInvitation, SurveyResponse
from supportdesk.surveys.scheduling import plan_for_tickets
from supportdesk.surveys.selectors import get_settings, results
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_the_demo_surveys() -> None:
    """Real commits, as in `supportdesk demo`: the planner sees the tickets' events when the demo's
    transaction commits (surveys still off), and load_surveys runs after that."""
    now = timezone.now()
    summary = load_demo(tickets=60, seed=11, now=now)  # the demo loader calls load_surveys
    assert summary is not None
    counts = summary.surveys
    conf = get_settings()
    assert conf.csat_enabled and conf.ces_enabled and conf.nps_enabled
    assert counts["invitations"] == SurveyInvitation.objects.count() > 0
    assert counts["answers"] == SurveyResponse.objects.count() == counts["csat"] + counts["ces"] + counts["nps"]
    assert counts["csat"] > 0 and counts["ces"] > 0 and counts["nps"] > 0
    assert set(SurveyResponse.objects.values_list("language", flat=True)) >= {"en", "de"}
    assert SurveyResponse.objects.exclude(comment="").exists()
    # Only solved or closed tickets, answered after they were sent and not in the future.
    assert not SurveyInvitation.objects.filter(ticket__isnull=False).exclude(ticket__state__in=["solved", "closed"]).exists()
    for response in SurveyResponse.objects.select_related("invitation"):
        sent_at = response.invitation.sent_at
        assert sent_at is not None and sent_at <= response.answered_at <= now
        assert response.invitation.status == InvitationStatus.ANSWERED
    admin = User.objects.get(email="admin@example.com")
    found = results(visible_responses(admin), visible_invitations(admin), start=now - timedelta(days=90), end=now + timedelta(seconds=1))
    assert found.overall["csat"].value is not None and found.overall["csat"].response_rate is not None


def test_the_demo_surveys_are_reproducible_and_reuse_planned_invitations(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(tickets=30, seed=5, now=now)
    ids = list(Ticket.objects.order_by("pk").values_list("pk", flat=True))
    # The loader already made the demo's surveys; start from none to compare two runs.
    SurveyResponse.objects.all().delete()
    SurveyInvitation.objects.all().delete()
    NpsSchedule.objects.all().delete()

    def answers() -> list[tuple[int | None, str, int, str]]:
        return sorted(SurveyResponse.objects.values_list("ticket_id", "kind", "score", "comment"), key=str)

    first = load_surveys(ids, now)
    made = answers()
    SurveyInvitation.objects.all().delete()
    NpsSchedule.objects.all().delete()
    # This time the planner got there first (as when the tickets' events are delivered before).
    plan_for_tickets(ids)
    planned = SurveyInvitation.objects.filter(ticket__isnull=False).count()
    assert planned > 0
    second = load_surveys(ids, now)
    assert second == first and answers() == made
    assert SurveyInvitation.objects.filter(ticket__isnull=False).values("kind", "ticket").distinct().count() == (
        SurveyInvitation.objects.filter(ticket__isnull=False).count()
    )
