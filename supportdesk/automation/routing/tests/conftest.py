"""Fixtures of the routing tests: a group with three agents and a helper to add rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.automation.routing.models import RoutingRule
from supportdesk.automation.routing.rules_data import clean_filters
from supportdesk.testing.factories import AgentFactory, add_member


@pytest.fixture
def agents(group: Group, agent: User) -> list[User]:
    """`agent` plus two more full-access agents of `group`, in id order."""
    more = [AgentFactory.create(email=f"a{n}@support.example", full_name=f"Agent {n}") for n in (2, 3)]
    for user in more:
        add_member(group, user)
    return [agent, *more]


@pytest.fixture
def make_rule(group: Group) -> Callable[..., RoutingRule]:
    def make(**fields: Any) -> RoutingRule:
        fields.setdefault("name", "Default")
        fields.setdefault("group", group)
        fields.setdefault("position", RoutingRule.objects.filter(group=fields["group"]).count() + 1)
        fields["filters"] = clean_filters(fields.get("filters", []))  # stored as the actions store them
        return RoutingRule.objects.create(**fields)

    return make
