"""The report pages: who gets which dashboard, the server-rendered filter choices and range, the
drill-down list (exact tickets and values, scope, paging, bad input) and the schedules page.

The dataset, built with the real actions and refreshed through the queue (hand-computed):
- A (Support, owner Alex): created Mon 2 March 09:00, one reply at 09:30, solved Tue 09:00.
- B (Support, owner Alex): created Mon 09:00, replies at 11:00 and 12:00, solved Wed 09:00.
- C (Billing, owner Oscar): created Mon 09:00, one reply at 10:00, solved Tue 09:00.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import Group, User
from supportdesk.reports import refresh, views
from supportdesk.reports.models import ReportSchedule
from supportdesk.reports.tests.conftest import MONDAY, Clock
from supportdesk.testing.factories import AgentFactory, CustomerFactory, add_member
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)  # Thursday: the pages' "today"
MARCH = "from=2026-03-01&to=2026-03-31"


@pytest.fixture
def supervisor(group: Group) -> User:
    user = AgentFactory.create(email="sue@support.example", full_name="Sue Supervisor", role=Role.SUPERVISOR)
    add_member(group, user)
    return user


@dataclass
class Week:
    a: Ticket
    b: Ticket
    c: Ticket


@pytest.fixture
def week(
    clock: Clock,
    django_capture_on_commit_callbacks: Any,
    make_ticket: Callable[..., Ticket],
    agent: User,
    outsider: User,
    other_group: Group,
) -> Iterator[Week]:
    def step(minutes: int, *changes: Callable[[], Any]) -> None:
        clock.now = MONDAY + timedelta(minutes=minutes)
        with django_capture_on_commit_callbacks(execute=True):
            for change in changes:
                change()

    with django_capture_on_commit_callbacks(execute=True):
        a, b = make_ticket(subject="Printer A"), make_ticket(subject="Printer B")
        c = make_ticket(outsider, subject="Invoice C", group_id=other_group.pk)
    step(30, lambda: update_ticket(agent, a, {"owner_id": agent.pk}), lambda: add_article(agent, a, body_text="Fixed?"))
    step(60, lambda: update_ticket(outsider, c, {"owner_id": outsider.pk}), lambda: add_article(outsider, c, body_text="Paid."))
    step(120, lambda: update_ticket(agent, b, {"owner_id": agent.pk}), lambda: add_article(agent, b, body_text="Looking"))
    step(180, lambda: add_article(agent, b, body_text="Try this"))
    step(24 * 60, lambda: update_ticket(agent, a, {"state": "solved"}), lambda: update_ticket(outsider, c, {"state": "solved"}))
    step(48 * 60, lambda: update_ticket(agent, b, {"state": "solved"}))
    assert refresh.process_queue() == 3
    clock.now = TODAY
    yield Week(a, b, c)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def listed(response: Any) -> list[tuple[str, str]]:
    """(subject, value) of each drill-down row, in page order."""
    html = response.content.decode()
    row = r'data-testid="drilldown-row".*?class="col-subject"><a [^>]*>([^<]*)</a>.*?data-testid="drilldown-value">([^<]*)<'
    return [(subject, value) for subject, value in re.findall(row, html, re.S)]


# -- access ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/reports/", "/reports/me/", f"/reports/drilldown/?measure=created&{MARCH}", "/reports/schedules/"])
def test_signed_out_visitors_are_sent_to_sign_in_and_customers_are_refused(path: str) -> None:
    response = client_for(None).get(path)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    customer = CustomerFactory.create(email="cora@customer.example")
    assert client_for(customer).get(path).status_code == 403


def test_agents_are_sent_to_their_own_dashboard_with_the_same_query(agent: User) -> None:
    response = client_for(agent).get("/reports/?range=7d&channel=email")
    assert response.status_code == 302
    assert response["Location"] == "/reports/me/?range=7d&channel=email"
    assert client_for(agent).get("/reports/me/").status_code == 200
    assert client_for(agent).get("/reports/me").status_code == 301  # the contract's URL, with the slash added


def test_the_nav_links_staff_to_their_dashboard(agent: User, supervisor: User) -> None:
    assert 'href="/reports/me/" class="" data-testid="nav-reports"' in client_for(agent).get("/inbox/").content.decode()
    assert 'href="/reports/" class="" data-testid="nav-reports"' in client_for(supervisor).get("/inbox/").content.decode()


# -- the dashboards ----------------------------------------------------------------------------------


def test_presets_end_today_and_twelve_months_are_whole_months() -> None:
    found = views.presets(date(2026, 3, 15))
    assert found["7d"] == (date(2026, 3, 9), date(2026, 3, 15))
    assert found["30d"] == (date(2026, 2, 14), date(2026, 3, 15))
    assert found["90d"] == (date(2025, 12, 16), date(2026, 3, 15))
    assert found["month"] == (date(2026, 3, 1), date(2026, 3, 15))
    assert found["12m"] == (date(2025, 4, 1), date(2026, 3, 15))
    assert views.presets(date(2026, 1, 10))["12m"] == (date(2025, 2, 1), date(2026, 1, 10))
    assert views.presets(date(2026, 12, 31))["12m"] == (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ("30d", date(2026, 2, 4), date(2026, 3, 5))),
        ({"range": "7d", "from": "2020-01-01", "to": "2020-01-02"}, ("7d", date(2026, 2, 27), date(2026, 3, 5))),
        ({"range": "custom", "from": "2026-01-10", "to": "2026-01-20"}, ("custom", date(2026, 1, 10), date(2026, 1, 20))),
        ({"from": "2026-01-10", "to": "2026-01-20"}, ("custom", date(2026, 1, 10), date(2026, 1, 20))),
        ({"range": "custom", "from": "10.01.2026", "to": "2026-01-20"}, ("30d", date(2026, 2, 4), date(2026, 3, 5))),
        ({"range": "bogus"}, ("30d", date(2026, 2, 4), date(2026, 3, 5))),
    ],
)
def test_the_range_a_dashboard_opens_with(query: dict[str, str], expected: tuple[str, date, date]) -> None:
    state = views.dashboard_state(query, date(2026, 3, 5))
    assert (state.range, state.start, state.end) == expected


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, name
    return re.findall(r"<option [^>]*>([^<]*)</option>", select.group(1))


def _config(html: str) -> dict[str, Any]:
    found = re.search(r'<script id="reports-config" type="application/json">(.*?)</script>', html, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_the_supervisor_dashboard_offers_only_what_the_supervisor_may_see(
    week: Week, supervisor: User, agent: User, outsider: User, admin: User
) -> None:
    response = client_for(supervisor).get(f"/reports/?range=7d&compare=previous&group={week.a.group_id}")
    assert response.status_code == 200
    html = response.content.decode()
    assert _options(html, "group") == ["All", "Support"]
    assert _options(html, "agent") == ["All", "Alex Agent", "Sue Supervisor"]
    assert "Oscar Outsider" not in html and "Billing" not in html
    assert f'<option value="{week.a.group_id}" selected>Support</option>' in html
    assert 'name="from" value="2026-02-27"' in html and 'name="to" value="2026-03-05"' in html
    assert 'name="compare" value="previous" checked' in html
    config = _config(html)
    assert config["mode"] == "team" and config["api"] == "/api/v1/reports/" and config["drilldown"] == "/reports/drilldown/"
    assert config["presets"]["7d"] == ["2026-02-27", "2026-03-05"]
    assert config["texts"]["kpi"]["frt_business_median"] == "First response time, median (business hours)"
    # No inline script: only files from our origin and the JSON block, which browsers do not run.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts), scripts
    assert '<script src="/static/vendor/chart.umd.min.js" defer>' in html
    admin_html = client_for(admin).get("/reports/").content.decode()
    assert _options(admin_html, "group") == ["All", "Billing", "Support"]
    assert "Oscar Outsider" in admin_html


def test_the_agent_dashboard_is_forced_to_the_agent(week: Week, agent: User) -> None:
    html = client_for(agent).get("/reports/me/?agent=999&range=month").content.decode()
    assert f'<input type="hidden" name="agent" value="{agent.pk}">' in html
    assert 'name="group"' not in html  # no team filters
    assert _config(html)["mode"] == "agent" and _config(html)["self_agent"] == agent.pk
    assert 'name="from" value="2026-03-01"' in html


# -- the drill-down list -----------------------------------------------------------------------------


def test_the_drilldown_lists_exactly_the_tickets_behind_a_figure_with_exact_values(week: Week, supervisor: User) -> None:
    client = client_for(supervisor)
    solved = client.get(f"/reports/drilldown/?measure=solved&{MARCH}")
    assert solved.status_code == 200
    assert listed(solved) == [("Printer B", "1"), ("Printer A", "1")]  # newest first; C is Billing's
    times = client.get(f"/reports/drilldown/?measure=frt_wall_median&{MARCH}")
    assert listed(times) == [("Printer B", "2 h 00 min"), ("Printer A", "30 min")]
    assert "First response time, median (wall clock)" in times.content.decode()
    resolution = client.get(f"/reports/drilldown/?measure=resolution_wall_p90&{MARCH}")
    assert listed(resolution) == [("Printer B", "2 d 0 h"), ("Printer A", "1 d 0 h")]
    tuesday = client.get(f"/reports/drilldown/?measure=solved&{MARCH}&period=2026-03-03&interval=day")
    assert listed(tuesday) == [("Printer A", "1")]
    week_of = client.get(f"/reports/drilldown/?measure=solved&{MARCH}&period=2026-03-02&interval=week")
    assert listed(week_of) == [("Printer B", "1"), ("Printer A", "1")]
    assert "week from March 2, 2026" in week_of.content.decode()
    replies = client.get(f"/reports/drilldown/?measure=replies&{MARCH}&by=agent&key={week.a.owner_id}")
    assert listed(replies) == [("Printer B", "2"), ("Printer A", "1")]
    assert 'data-testid="drilldown-key">Alex Agent<' in replies.content.decode()
    html = solved.content.decode()
    assert f'href="/api/v1/reports/drilldown?measure=solved&amp;{MARCH.replace("&", "&amp;")}&amp;format=csv"' in html
    assert 'href="/reports/?from=2026-03-01&amp;to=2026-03-31"' in html  # back, without the measure


def test_the_backlog_tile_drills_down_to_the_tickets_open_at_the_end(week: Week, supervisor: User) -> None:
    client = client_for(supervisor)
    monday = client.get("/reports/drilldown/?measure=backlog&from=2026-03-01&to=2026-03-02")
    assert monday.status_code == 200 and "Backlog" in monday.content.decode()
    assert [subject for subject, _value in listed(monday)] == ["Printer B", "Printer A"]
    tuesday = client.get("/reports/drilldown/?measure=backlog&from=2026-03-01&to=2026-03-03")
    assert [subject for subject, _value in listed(tuesday)] == ["Printer B"]  # A was solved on Tuesday
    assert listed(client.get(f"/reports/drilldown/?measure=backlog&{MARCH}")) == []


def test_the_drilldown_export_link_downloads_the_same_tickets(week: Week, supervisor: User) -> None:
    client = client_for(supervisor)
    # The dashboard's own parameters (range, time, breakdown) ride along and do not disturb the API.
    query = f"range=custom&{MARCH}&time=business&breakdown=agent&measure=frt_wall_median"
    html = client.get(f"/reports/drilldown/?{query}").content.decode()
    csv_url = re.search(r'href="([^"]+)" download data-testid="drilldown-csv"', html)
    assert csv_url is not None
    download = client.get(csv_url.group(1).replace("&amp;", "&"))
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    text = download.content.decode("utf-8-sig")
    assert "Printer A" in text and "Printer B" in text and "Invoice C" not in text
    assert [line.split(",")[-1] for line in text.strip().splitlines()[1:]] == ["7200", "1800"]


def test_the_drilldown_follows_the_scope(week: Week, admin: User, agent: User, outsider: User, supervisor: User) -> None:
    assert listed(client_for(admin).get(f"/reports/drilldown/?measure=solved&{MARCH}")) == [
        ("Invoice C", "1"),
        ("Printer B", "1"),
        ("Printer A", "1"),
    ]
    assert listed(client_for(outsider).get(f"/reports/drilldown/?measure=solved&{MARCH}")) == [("Invoice C", "1")]
    assert listed(client_for(agent).get(f"/reports/drilldown/?measure=solved&{MARCH}")) == [("Printer B", "1"), ("Printer A", "1")]
    other = client_for(supervisor).get(f"/reports/drilldown/?measure=solved&{MARCH}&group={week.c.group_id}")
    assert other.status_code == 403
    assert client_for(agent).get(f"/reports/drilldown/?measure=solved&{MARCH}&agent={outsider.pk}").status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("measure=bogus", "Unknown measure."),
        ("measure=solved&by=agent&key=abc", "Give a whole-number key."),
        ("measure=solved&by=colour&key=1", "Unknown value for by."),
        ("measure=solved&period=yesterday", "Give dates as YYYY-MM-DD."),
        ("measure=solved&from=2026-03-10&to=2026-03-01", "The range ends before it starts."),
        ("measure=solved&from=2020-01-01&to=2026-03-01", "A range can span at most 1098 days."),
        ("measure=solved&cursor=bm90LWEtY3Vyc29y", "Invalid cursor."),
        ("measure=solved&channel=pigeon", "Unknown channel."),
    ],
)
def test_bad_drilldown_parameters_answer_422_with_the_reason(supervisor: User, query: str, message: str) -> None:
    response = client_for(supervisor).get(f"/reports/drilldown/?{query}")
    assert response.status_code == 422
    assert f'data-testid="drilldown-error">{message}<' in response.content.decode()


def test_the_drilldown_pages_with_a_cursor_in_constant_queries(week: Week, admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "DRILLDOWN_PAGE_SIZE", 2)
    client = client_for(admin)
    client.get("/reports/")  # session and language settled
    with CaptureQueriesContext(connection) as first_page:
        first = client.get(f"/reports/drilldown/?measure=solved&{MARCH}")
    assert listed(first) == [("Invoice C", "1"), ("Printer B", "1")]
    next_link = re.search(r'href="\?([^"]+)" data-testid="drilldown-next"', first.content.decode())
    assert next_link is not None
    with CaptureQueriesContext(connection) as second_page:
        second = client.get("/reports/drilldown/?" + next_link.group(1).replace("&amp;", "&"))
    assert listed(second) == [("Printer A", "1")]
    assert 'data-testid="drilldown-next"' not in second.content.decode()
    # Two rows or one: the same number of queries (no query per ticket).
    assert len(first_page.captured_queries) == len(second_page.captured_queries)


# -- schedules ---------------------------------------------------------------------------------------


def test_a_supervisor_creates_lists_and_deletes_a_schedule(supervisor: User, group: Group, other_group: Group, agent: User) -> None:
    client = client_for(supervisor)
    page = client.get("/reports/schedules/")
    assert page.status_code == 200 and "No scheduled reports yet." in page.content.decode()
    data = {"name": "  Monday   summary ", "weekday": "0", "hour": "7", "attach_csv": "on", "group": [str(group.pk)], "channel": ["email"]}
    response = client.post("/reports/schedules/", data)
    assert response.status_code == 303 and response["Location"] == "/reports/schedules/"
    schedule = ReportSchedule.objects.get()
    assert (schedule.owner, schedule.name, schedule.weekday, schedule.hour) == (supervisor, "Monday summary", 0, 7)
    assert (schedule.attach_csv, schedule.attach_xlsx, schedule.is_active) == (True, False, True)
    assert schedule.filters == {"group": [group.pk], "channel": ["email"]}
    listing = client.get("/reports/schedules/").content.decode()
    assert "Monday summary" in listing and "Groups: Support" in listing and "Channels: E-mail" in listing
    # A group outside the supervisor's is not offered, and posting it anyway is refused.
    refused = client.post("/reports/schedules/", {**data, "group": [str(other_group.pk)]})
    assert refused.status_code == 422 and ReportSchedule.objects.count() == 1
    # Someone else's schedule is a 404, one's own is deleted.
    assert client_for(agent).post(f"/reports/schedules/{schedule.pk}/delete/").status_code == 404
    assert client.post(f"/reports/schedules/{schedule.pk}/delete/").status_code == 303
    assert not ReportSchedule.objects.exists()


def test_schedule_input_errors_are_shown_on_the_form(supervisor: User) -> None:
    response = client_for(supervisor).post("/reports/schedules/", {"name": "", "weekday": "9", "hour": "24"})
    assert response.status_code == 422
    html = response.content.decode()
    assert html.count('class="field-error"') == 3
    assert not ReportSchedule.objects.exists()


def test_send_now_mails_the_owner_and_says_so(supervisor: User, group: Group, agent: User, clock: Clock) -> None:
    from django.core import mail

    clock.now = TODAY
    schedule = ReportSchedule.objects.create(owner=supervisor, name="Weekly", filters={"group": [group.pk]})
    assert client_for(agent).post(f"/reports/schedules/{schedule.pk}/send/").status_code == 404
    assert mail.outbox == []
    client = client_for(supervisor)
    response = client.post(f"/reports/schedules/{schedule.pk}/send/")
    assert response.status_code == 303
    [sent] = mail.outbox
    assert sent.to == ["sue@support.example"]
    page = client.get("/reports/schedules/").content.decode()
    assert "The report of 02/26/2026 to 03/04/2026 was sent to sue@support.example." in page
