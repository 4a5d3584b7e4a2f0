"""The settings page lists every settings page a role may open, and each of them opens."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import Group, User
from supportdesk.core.settings_hub import SECTIONS

pytestmark = pytest.mark.django_db


def links(client: Client) -> list[str]:
    response = client.get("/settings/")
    assert response.status_code == 200
    return re.findall(r'<li><a href="([^"]+)">', response.content.decode())


def test_admins_see_every_settings_page_and_each_one_opens(admin: User) -> None:
    client = Client()
    client.force_login(admin)
    hrefs = links(client)
    assert len(hrefs) == sum(len(pages) for _title, pages in SECTIONS)
    for href in hrefs:
        assert client.get(href).status_code == 200, href
    assert 'href="/settings/"' in client.get("/inbox/").content.decode()


def test_supervisors_see_only_what_they_may_open(group: Group) -> None:
    supervisor = User.objects.create_user("sue@support.example", password="x", role=Role.SUPERVISOR)
    client = Client()
    client.force_login(supervisor)
    hrefs = links(client)
    assert hrefs == ["/settings/routing/", "/surveys/results/"]
    assert all(client.get(href).status_code == 200 for href in hrefs)


def test_agents_and_customers_have_no_settings(agent: User, customer: User) -> None:
    for user in (agent, customer):
        client = Client()
        client.force_login(user)
        assert client.get("/settings/").status_code == 403
    client = Client()
    client.force_login(agent)
    assert 'href="/settings/"' not in client.get("/inbox/").content.decode()
