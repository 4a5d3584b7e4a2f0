"""Fixtures for the processes tests: templates built through the real definitions actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.automation.processes import definitions
from supportdesk.automation.processes.models import ProcessTemplate
from supportdesk.automation.processes.validation import StepSpec


def step(key: str, group: Group, *deps: str, **extra: Any) -> StepSpec:
    return StepSpec(key=key, name=extra.pop("name", key.replace("_", " ").capitalize()), group_id=group.pk, depends_on=deps, **extra)


@pytest.fixture
def make_template(admin: User) -> Callable[..., ProcessTemplate]:
    def make(name: str, steps: list[StepSpec], **values: Any) -> ProcessTemplate:
        return definitions.create_template(admin, {"name": name, "steps": steps, **values})

    return make


@pytest.fixture
def hardware(make_template: Callable[..., ProcessTemplate], group: Group, other_group: Group) -> ProcessTemplate:
    """check -> (order_part in Billing, backup) in parallel -> replace -> sign_off (approval)."""
    return make_template(
        "Hardware replacement",
        [
            step("check", group, name="Check warranty", instructions="Look up the serial number.", due_minutes=60),
            step("order_part", other_group, "check", name="Order part"),
            step("backup", group, "check", name="Back up data"),
            step("replace", group, "order_part", "backup", name="Replace disk", due_minutes=240),
            step("sign_off", group, "replace", name="Sign off", is_approval=True),
        ],
    )


@pytest.fixture
def api_as(db: None) -> Callable[[User | None], ApiClient]:
    """api_as(user) -> a token-authenticated API client (as in supportdesk/api/tests)."""
    return ApiClient
