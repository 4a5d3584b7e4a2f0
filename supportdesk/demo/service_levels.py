"""The demo's business calendars and SLA policies, applied to the demo's history afterwards.

Policies are created after the tickets and their timestamps are spread over past weeks, then every
demo ticket is synced once: first responses and resolutions that already happened are judged
against their targets (met or breached, dated when they happened), and open tickets get running
clocks and due times, so the inbox shows a realistic mix of on-time, at-risk and overdue work.
"""

from __future__ import annotations

from datetime import datetime

from supportdesk.accounts.models import Group, Organization, User
from supportdesk.sla import actions as calendar_actions
from supportdesk.sla.models import SlaPolicy
from supportdesk.sla.tracking import sync_tickets

OFFICE = ((8 * 60, 12 * 60), (12 * 60 + 30, 17 * 60))  # with a half-hour lunch break
CALENDARS = (
    # name, time zone, holiday country, region, default
    ("Budapest office", "Europe/Budapest", "HU", "", True),
    ("Berlin office", "Europe/Berlin", "DE", "BE", False),
    ("Riga office", "Europe/Riga", "LV", "", False),
)


def load_service_levels(admin: User, groups: dict[str, Group], ticket_ids: list[int], now: datetime) -> int:
    """Create the demo calendars and policies, then sync the given tickets; return the policy count."""
    calendars = {
        name: calendar_actions.create_calendar(
            admin,
            {
                "name": name,
                "time_zone": zone,
                "holiday_country": country,
                "holiday_subdivision": region,
                "is_default": default,
                "week": dict.fromkeys(range(5), OFFICE),
            },
        )
        for name, zone, country, region, default in CALENDARS
    }
    watch_out = {"audience": ["owner"], "channels": ["in_app"]}
    supervisors = {"audience": ["group_supervisors", "owner_manager"], "channels": ["in_app", "email"]}
    gold = list(Organization.objects.filter(name__in=["Brandt & Söhne GmbH", "Harwood & Lane Ltd"]).values_list("pk", flat=True))
    policies = [
        SlaPolicy(
            name="Gold customers",
            position=0,
            calendar=None,  # the default calendar (Budapest)
            conditions=[{"field": "organization", "op": "in", "value": gold}] if gold else [],
            targets={"*": {"first_response": 60, "next_response": 120, "resolution": 960}, "urgent": {"first_response": 30}},
            warnings=[{"percent": 75, **watch_out}, {"minutes_before": 10, **supervisors}],
            escalations=[
                {"after_minutes": 0, "actions": [{"action": "notify", **supervisors}, {"action": "add_tag", "value": "sla-breached"}]}
            ],
        ),
        SlaPolicy(
            name="DACH team",
            position=1,
            calendar=calendars["Berlin office"],
            conditions=[{"field": "group", "op": "is", "value": groups["DACH"].pk}],
            targets={"*": {"first_response": 240, "next_response": 480, "resolution": 2700}},
            warnings=[{"percent": 80, **watch_out}],
        ),
        SlaPolicy(
            name="Standard",
            position=2,
            targets={
                "*": {"first_response": 480, "next_response": 480, "resolution": 4320},
                "high": {"first_response": 120},
                "urgent": {"first_response": 60, "resolution": 960},
            },
            warnings=[{"percent": 75, **watch_out}, {"percent": 90, **supervisors}],
            escalations=[{"after_minutes": 60, "actions": [{"action": "set_priority", "value": "high"}]}],
        ),
    ]
    SlaPolicy.objects.bulk_create(policies)
    sync_tickets(ticket_ids, now, judge_past=True)
    return len(policies)
