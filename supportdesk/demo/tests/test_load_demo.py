"""The demo loader builds a believable helpdesk once, through the real actions, and never twice."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.utils import timezone

from supportdesk.accounts.choices import GroupAccess, Role
from supportdesk.accounts.models import Group, GroupMembership, Organization, User
from supportdesk.demo import people
from supportdesk.demo.loader import HISTORY_DAYS, load_demo
from supportdesk.reports.backfill import verify
from supportdesk.reports.metrics import kpis
from supportdesk.reports.queries import ReportFilter, totals
from supportdesk.sla.choices import Metric, Outcome
from supportdesk.sla.models import SlaClock, SlaPolicy
from supportdesk.sla.sweep import run_sla_sweep
from supportdesk.tickets.access import ticket_permissions, visible_tickets
from supportdesk.tickets.choices import EventKind, State
from supportdesk.tickets.models import Article, CustomFieldDefinition, Notification, Ticket, TicketEvent, TicketLink

pytestmark = pytest.mark.django_db


def run_load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "tickets": Ticket.objects.count(),
        "articles": Article.objects.count(),
        "events": TicketEvent.objects.count(),
        "links": TicketLink.objects.count(),
        "groups": Group.objects.count(),
        "organizations": Organization.objects.count(),
    }


def test_full_demo_loads_once_with_the_expected_cast_and_tickets() -> None:
    """One full load (about 15 s) serves every check of the full demo; the checks are split into
    functions below so a failure still names what broke."""
    first = run_load_demo()
    after_first = table_counts()
    check_slas_judged_on_history()
    check_automation_content()
    check_report_facts_built()

    second = run_load_demo()

    assert "Loaded demo data" in first
    assert "200 tickets" in first
    assert second.strip() == "Demo data is already loaded (admin@example.com exists); nothing to do."
    assert table_counts() == after_first
    assert after_first["tickets"] == 200
    assert after_first["links"] == 4
    assert set(Group.objects.values_list("name", flat=True)) == {"First Level", "Billing", "Technical", "DACH"}
    assert Organization.objects.count() == 8
    assert {org.name for org in Organization.objects.all()} >= {
        "Brandt & Söhne GmbH",
        "Dunakavics Kft.",
        "SIA Daugavas Serviss",
        "Harwood & Lane Ltd",
    }
    roles = dict(User.objects.values_list("role").annotate(n=Count("id")))
    assert roles == {Role.ADMIN: 1, Role.SUPERVISOR: 1, Role.AGENT: 8, Role.CUSTOMER: 31}
    assert Ticket.objects.filter(state=State.MERGED).count() == 2
    assert Ticket.objects.filter(state=State.MERGED, merged_into__isnull=False).count() == 2
    assert set(Ticket.objects.values_list("language", flat=True)) == {"en", "de", "hu", "lv"}
    assert set(CustomFieldDefinition.objects.values_list("key", flat=True)) == {"product", "contract_number", "callback_requested"}
    check_old_sla_steps_not_fired_when_the_worker_starts()  # last: it runs the SLA sweep


def test_tickets_spread_states_owners_and_conversations() -> None:
    load_demo(tickets=50, seed=7)

    states = set(Ticket.objects.values_list("state", flat=True))
    assert {State.NEW, State.OPEN, State.PENDING_REMINDER, State.SOLVED, State.CLOSED} <= states
    assert Ticket.objects.filter(owner__isnull=True).exclude(state=State.MERGED).exists()
    assert Ticket.objects.filter(owner__isnull=False).count() > 25
    assert Article.objects.filter(is_internal=True).exists()
    assert Ticket.objects.exclude(tags=None).count() == 50
    # Every conversation has 1-6 articles, except where a merge moved articles over.
    merge_targets = set(Ticket.objects.filter(state=State.MERGED).values_list("merged_into_id", flat=True))
    per_ticket = Ticket.objects.exclude(state=State.MERGED).exclude(pk__in=merge_targets).annotate(n=Count("articles"))
    assert {ticket.n for ticket in per_ticket} <= {1, 2, 3, 4, 5, 6}
    # A new ticket has had no public agent reply yet (the reply would have opened it).
    replied_new = Article.objects.filter(ticket__state=State.NEW, sender_type="agent", is_internal=False).exclude(ticket__in=merge_targets)
    assert not replied_new.exists()
    # Pending reminders carry their time; the pending rule of update_ticket held for every one.
    assert not Ticket.objects.filter(state=State.PENDING_REMINDER, pending_until__isnull=True).exists()


def test_history_is_spread_over_past_weeks_in_order() -> None:
    now = timezone.now()
    load_demo(tickets=40, seed=3, now=now)

    window = Ticket.objects.aggregate(first=Min("created_at"), last=Max("updated_at"))
    assert window["first"] >= now - timedelta(days=HISTORY_DAYS + 1)
    assert window["first"] <= now - timedelta(days=HISTORY_DAYS - 2)
    assert window["last"] <= now
    assert Ticket.objects.dates("created_at", "day").count() >= 25
    # Merge targets hold the older articles of the ticket merged into them; all others are in order.
    merge_targets = Ticket.objects.filter(state=State.MERGED).values_list("merged_into_id", flat=True)
    for ticket in Ticket.objects.exclude(state=State.MERGED).exclude(pk__in=merge_targets).prefetch_related("articles"):
        times = [article.created_at for article in ticket.articles.all()]
        assert ticket.created_at <= min(times) <= max(times) <= ticket.updated_at <= now
    created_events = TicketEvent.objects.filter(kind=EventKind.CREATED).select_related("ticket")
    assert all(abs(event.created_at - event.ticket.created_at) < timedelta(seconds=5) for event in created_events)


def test_demo_logins_authenticate_with_their_roles() -> None:
    load_demo(tickets=20, seed=1)

    for email, password, role in (
        (people.ADMIN_LOGIN[0], "admin", Role.ADMIN),
        (people.AGENT_LOGIN[0], "agent", Role.AGENT),
        (people.CUSTOMER_LOGIN[0], "customer", Role.CUSTOMER),
        ("greta.vogel@example.com", "agent", Role.AGENT),
    ):
        user = authenticate(email=email, password=password)
        assert user is not None, email
        assert user.role == role
    assert authenticate(email=people.ADMIN_LOGIN[0], password="wrong") is None
    # Customers other than the demo login cannot sign in at all.
    assert not User.objects.get(email="katrin.brandt@brandt-soehne.example").has_usable_password()


def test_demo_cast_exercises_the_permission_rules() -> None:
    load_demo(tickets=40, seed=5)
    reader = User.objects.get(email="greta.vogel@example.com")
    customer = User.objects.get(email=people.CUSTOMER_LOGIN[0])

    assert set(GroupMembership.objects.filter(user=reader).values_list("access", flat=True)) == {GroupAccess.READ}
    readable = visible_tickets(reader).first()
    assert readable is not None
    perms = ticket_permissions(reader, readable)
    assert (perms.can_read, perms.can_reply, perms.can_edit) == (True, False, False)
    assert visible_tickets(User.objects.get(email=people.ADMIN_LOGIN[0])).count() == 40
    assert customer.organizations.get().name == people.CUSTOMER_ORGANIZATION
    assert Ticket.objects.filter(customer=customer).count() >= 1
    assert (
        Ticket.objects.filter(customer__email="katrin.brandt@brandt-soehne.example")
        .exclude(organization__name="Brandt & Söhne GmbH")
        .count()
        == 0
    )


def check_report_facts_built() -> None:
    """The dashboards have data at once: every demo ticket is counted as created, the solved ones
    as solved (on their first solve), and a sample recomputed from scratch matches."""
    first_day = timezone.localdate(Ticket.objects.order_by("created_at").values_list("created_at", flat=True)[0])
    figures = kpis(totals(ReportFilter(start=first_day, end=timezone.localdate())))
    assert figures["created"] == Ticket.objects.count()
    assert figures["solved"] == Ticket.objects.filter(state__in=[State.SOLVED, State.CLOSED]).count()
    assert figures["replies"] > 0 and figures["frt_wall_median"] is not None
    assert verify(sample=50, seed=3).ok


def check_slas_judged_on_history() -> None:
    assert SlaPolicy.objects.count() == 3
    open_tickets = Ticket.objects.filter(state__in=[State.NEW, State.OPEN])
    assert open_tickets.exists()
    assert not open_tickets.filter(sla_policy__isnull=True).exists()
    assert open_tickets.filter(sla_due_at__isnull=False).exists()
    outcomes = set(SlaClock.objects.values_list("outcome", flat=True))
    assert {Outcome.MET, Outcome.BREACHED} <= outcomes
    # A judged first response is dated when the reply was written, within the spread history.
    met = SlaClock.objects.filter(metric=Metric.FIRST_RESPONSE, outcome=Outcome.MET).select_related("ticket").first()
    assert met is not None and met.stopped_at == met.ticket.first_response_at


def check_old_sla_steps_not_fired_when_the_worker_starts() -> None:
    overdue = SlaClock.objects.filter(outcome="", due_at__lt=timezone.now())
    assert overdue.exists()
    assert not overdue.filter(breached_at__isnull=True).exists()
    assert all("breach" in clock.fired_steps for clock in overdue)
    assert run_sla_sweep() == 0
    assert not Notification.objects.exists()


def check_automation_content() -> None:
    from supportdesk.automation.processes.models import ProcessTemplate
    from supportdesk.automation.replies.models import ReplyTemplate
    from supportdesk.automation.routing.models import AgentSkill, RoutingRule
    from supportdesk.automation.rules.models import Macro, Scheduler, Trigger

    assert set(ReplyTemplate.objects.values_list("language", flat=True)) == {"en", "de", "hu", "lv"}
    assert Trigger.objects.count() == Scheduler.objects.count() == Macro.objects.count() == ProcessTemplate.objects.count() == 1
    assert RoutingRule.objects.count() == 2 * Group.objects.count()
    assert not RoutingRule.objects.filter(auto_assign=True).exists()
    assert AgentSkill.objects.filter(kind="language").exists()
    # The trigger did not re-judge the demo's history: no ticket event names it.
    assert not TicketEvent.objects.filter(data__source__startswith="trigger:").exists()
