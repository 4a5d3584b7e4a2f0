"""Fixtures shared by every test module: a small helpdesk built through the real actions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from supportdesk.accounts.choices import GroupAccess
from supportdesk.accounts.models import Group, User
from supportdesk.testing.factories import AdminFactory, AgentFactory, CustomerFactory, GroupFactory, add_member
from supportdesk.tickets.actions import NewTicket, create_ticket
from supportdesk.tickets.models import Ticket


@pytest.fixture
def group(db: None) -> Group:
    return GroupFactory.create(name="Support")


@pytest.fixture
def other_group(db: None) -> Group:
    return GroupFactory.create(name="Billing")


@pytest.fixture
def admin(db: None) -> User:
    return AdminFactory.create(email="admin@support.example", full_name="Ada Admin")


def _agent_in(group: Group, email: str, full_name: str, access: str) -> User:
    user = AgentFactory.create(email=email, full_name=full_name)
    add_member(group, user, access)
    return user


@pytest.fixture
def agent(group: Group) -> User:
    """An agent with full access to `group` only."""
    return _agent_in(group, "agent@support.example", "Alex Agent", GroupAccess.FULL)


@pytest.fixture
def reader(group: Group) -> User:
    """An agent with read-only access to `group`."""
    return _agent_in(group, "reader@support.example", "Rita Reader", GroupAccess.READ)


@pytest.fixture
def outsider(other_group: Group) -> User:
    """An agent of another group, who must see nothing of `group`."""
    return _agent_in(other_group, "outsider@support.example", "Oscar Outsider", GroupAccess.FULL)


@pytest.fixture
def customer(db: None) -> User:
    return CustomerFactory.create(email="carla@customer.example", full_name="Carla Customer")


@pytest.fixture
def other_customer(db: None) -> User:
    return CustomerFactory.create(email="bert@other.example", full_name="Bert Other")


@pytest.fixture
def make_ticket(agent: User, group: Group, customer: User) -> Callable[..., Ticket]:
    """Create a ticket through create_ticket; keyword arguments override NewTicket fields."""

    def make(actor: User | None = None, **overrides: Any) -> Ticket:
        data: dict[str, Any] = {
            "subject": "Printer on fire",
            "body": "The printer in room 4 is on fire.",
            "customer_email": customer.email,
            "group_id": group.pk,
        }
        data.update(overrides)
        return create_ticket(actor or agent, NewTicket(**data))

    return make


@pytest.fixture
def ticket(make_ticket: Callable[..., Ticket]) -> Ticket:
    return make_ticket()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in LANGUAGE_CODE: a request in another language leaves it active on the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
