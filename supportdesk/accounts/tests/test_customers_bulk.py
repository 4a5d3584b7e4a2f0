"""get_or_create_customers: many senders at once, the same users get_or_create_customer would give."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, UNUSABLE_PASSWORD_SUFFIX_LENGTH, is_password_usable
from django.utils.crypto import RANDOM_STRING_CHARS

from supportdesk.accounts.actions import get_or_create_customer, get_or_create_customers, normalize_email, unusable_passwords
from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import Organization, OrganizationDomain, User
from supportdesk.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def test_creates_missing_customers_finds_known_users_and_reports_bad_addresses(agent: User) -> None:
    organization = Organization.objects.create(name="Kunde GmbH")
    OrganizationDomain.objects.create(organization=organization, domain="kunde.example")
    found = get_or_create_customers(
        {
            "Dora@Kunde.example": "Dora\u202e Kunde",
            "dora@kunde.example": "Other name",
            agent.email.upper(): "Agent",
            "new@else.example": "",
            "not an address": "X",
        }
    )
    dora = found["Dora@Kunde.example"]
    assert isinstance(dora, User) and found["dora@kunde.example"] == dora
    assert (dora.email, dora.full_name, dora.role) == ("dora@kunde.example", "Dora Kunde", Role.CUSTOMER)
    assert found[agent.email.upper()] == agent and User.objects.get(pk=agent.pk).role == agent.role
    assert isinstance(found["not an address"], ValidationFailed)
    assert list(User.objects.get(email="dora@kunde.example").organizations.all()) == [organization]
    assert not User.objects.get(email="new@else.example").organizations.exists()
    for user in User.objects.filter(email__in=["dora@kunde.example", "new@else.example"]):
        assert user.pk is not None and not user.has_usable_password()
        assert len(user.password) == len(UNUSABLE_PASSWORD_PREFIX) + UNUSABLE_PASSWORD_SUFFIX_LENGTH
    # The single-address action finds the very same rows.
    assert get_or_create_customer("DORA@kunde.example") == dora
    assert User.objects.filter(email="dora@kunde.example").count() == 1


def test_unusable_passwords_look_like_djangos_and_differ() -> None:
    values = unusable_passwords(300)
    assert len(values) == len(set(values)) == 300
    for value in values:
        assert value.startswith(UNUSABLE_PASSWORD_PREFIX) and not is_password_usable(value)
        suffix = value[len(UNUSABLE_PASSWORD_PREFIX) :]
        assert len(suffix) == UNUSABLE_PASSWORD_SUFFIX_LENGTH and set(suffix) <= set(RANDOM_STRING_CHARS)
    assert set("".join(values)) >= set(RANDOM_STRING_CHARS)  # 12,000 draws reach all 62 characters
    assert unusable_passwords(0) == []


def test_a_valid_address_is_remembered_but_an_invalid_one_always_fails() -> None:
    assert normalize_email(" Someone@Example.COM ") == "someone@example.com"
    assert normalize_email("someone@example.com") == "someone@example.com"
    for _attempt in range(2):
        with pytest.raises(ValidationFailed):
            normalize_email("someone@")
