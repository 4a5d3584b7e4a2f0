"""Fixtures and builders shared by the KB authoring tests (imported by test_actions*, test_access,
test_agent_pages and test_kb_api). State is built with the real actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.kb import actions
from supportdesk.kb.models import Category, Translation
from supportdesk.testing.factories import AgentFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def supervisor(db: None) -> User:
    return AgentFactory.create(email="sue@support.example", full_name="Sue Supervisor", role=Role.SUPERVISOR)


@pytest.fixture
def kb_category(admin: User) -> Category:
    return actions.create_category(admin, {"names": {"en": "Getting started", "de": "Erste Schritte"}})


@pytest.fixture
def make_article(agent: User, kb_category: Category) -> Callable[..., Translation]:
    """make_article(actor=None, **overrides) -> the first translation, made with create_article."""

    def make(actor: User | None = None, **overrides: Any) -> Translation:
        values: dict[str, Any] = {
            "category_id": kb_category.pk,
            "language": "en",
            "title": "Reset your password",
            "body_html": "<p>Open <b>Settings</b> and choose Reset.</p>",
        }
        values.update(overrides)
        return actions.create_article(actor or agent, **values)

    return make


def publish(reviewer: User, translation: Translation) -> Translation:
    """Submit and approve: the normal way to a published translation."""
    translation = actions.change_state(reviewer, translation, "submit")
    return actions.change_state(reviewer, translation, "approve")
