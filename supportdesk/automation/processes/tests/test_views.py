"""Pages: the admin steps editor, the ticket page's process panel, and "My process tasks"."""

from __future__ import annotations

import pytest
from django.test import Client

from supportdesk.accounts.models import Group, User
from supportdesk.automation.processes import engine
from supportdesk.automation.processes.models import ProcessStep, ProcessTask, ProcessTemplate
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def row(i: int, key: str, name: str, group: Group, **extra: str) -> dict[str, str]:
    data = {f"steps-{i}-key": key, f"steps-{i}-name": name, f"steps-{i}-group": str(group.pk)}
    data.update({f"steps-{i}-{k}": v for k, v in extra.items()})
    return data


def test_admin_builds_a_template_then_ticks_dependencies(admin: User, group: Group) -> None:
    client = client_for(admin)
    assert client.get("/settings/processes/new/").status_code == 200
    data = {"name": "Onboarding", "is_active": "on", "steps-TOTAL_FORMS": "3", "steps-INITIAL_FORMS": "0"}
    data |= row(0, "laptop", "Order laptop", group) | row(1, "account", "Create account", group) | row(2, "", "", group)
    data["steps-2-group"] = ""
    response = client.post("/settings/processes/new/", data)
    assert response.status_code == 303
    template = ProcessTemplate.objects.get()
    edit = client.get(response["Location"]).content.decode()
    assert 'value="account"' in edit and "Create account (account)" in edit  # offered as a dependency
    data = {"name": "Onboarding", "is_active": "on", "steps-TOTAL_FORMS": "2", "steps-INITIAL_FORMS": "2"}
    data |= row(0, "laptop", "Order laptop", group, depends_on="account") | row(1, "account", "Create account", group, depends_on="laptop")
    page = client.post(f"/settings/processes/{template.pk}/", data).content.decode()
    assert "Circular dependency: account -&gt; laptop -&gt; account." in page
    data.pop("steps-1-depends_on")
    assert client.post(f"/settings/processes/{template.pk}/", data).status_code == 303
    assert list(ProcessStep.objects.filter(template=template).values_list("key", "depends_on")) == [
        ("laptop", ["account"]),
        ("account", []),
    ]
    assert "Onboarding" in client.get("/settings/processes/").content.decode()


def test_settings_pages_are_for_admins(agent: User) -> None:
    assert client_for(agent).get("/settings/processes/").status_code == 403


def test_ticket_panel_start_complete_and_phase(agent: User, reader: User, ticket: Ticket, hardware: ProcessTemplate) -> None:
    client = client_for(agent)
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert 'data-testid="process-start"' in page and "Hardware replacement" in page
    assert 'data-testid="process-start"' not in client_for(reader).get(f"/tickets/{ticket.pk}/").content.decode()
    response = client.post(f"/tickets/{ticket.pk}/processes/start/", {"template_id": str(hardware.pk)})
    assert response.status_code == 303
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Step 1 of 5: Check warranty" in page and "Look up the serial number." in page
    check = ProcessTask.objects.get(key="check")
    assert client_for(reader).post(f"/process-tasks/{check.pk}/complete/").status_code == 403
    assert client.post(f"/process-tasks/{check.pk}/complete/", {"note": "In warranty"}).status_code == 303
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Step 2 of 5: Order part, Back up data" in page


def test_my_tasks_lists_open_steps_of_my_groups_on_visible_tickets(
    agent: User, outsider: User, ticket: Ticket, hardware: ProcessTemplate
) -> None:
    engine.check_start_process(agent, ticket.pk, hardware.pk)
    page = client_for(agent).get("/process-tasks/").content.decode()
    assert "Check warranty" in page and ticket.subject in page
    other = client_for(outsider).get("/process-tasks/").content.decode()  # Billing: no open step, no access to the ticket
    assert "Check warranty" not in other and ticket.subject not in other
