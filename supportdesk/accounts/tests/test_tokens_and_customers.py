"""API tokens (BAD-INPUTS 37, 38) and customer look-up."""

from __future__ import annotations

import pytest

from supportdesk.accounts.actions import get_or_create_customer, normalize_email
from supportdesk.accounts.models import ApiToken, User
from supportdesk.accounts.tokens import authenticate_token, create_token, revoke_all_tokens
from supportdesk.core.errors import ValidationFailed


def test_token_is_random_hashed_and_authenticates(agent):
    token, key = create_token(agent, name="ci")
    _other_token, other_key = create_token(agent)
    assert key != other_key and len(key) > 40
    assert token.key_hash != key and key not in token.key_hash
    assert authenticate_token(key) == agent
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("key", ["", "null", "sd_", "sd_wrong", "x" * 500])
def test_bad_keys_are_rejected(agent, key):
    create_token(agent)
    assert authenticate_token(key) is None


def test_token_case_variant_is_rejected(agent):
    _token, key = create_token(agent)
    variant = key[:3] + key[3:].swapcase()
    assert variant != key
    assert authenticate_token(variant) is None


def test_revoked_deactivated_and_password_changed_tokens_are_rejected(agent):
    _t1, key1 = create_token(agent)
    assert revoke_all_tokens(agent) == 1
    assert authenticate_token(key1) is None

    _t2, key2 = create_token(agent)
    agent.set_password("a-new-password-123")
    agent.save()
    assert authenticate_token(key2) is None

    _t3, key3 = create_token(agent)
    assert authenticate_token(key3) == agent
    User.objects.filter(pk=agent.pk).update(is_active=False)
    assert authenticate_token(key3) is None
    assert ApiToken.objects.filter(user=agent).count() == 3


def test_customer_lookup_is_case_insensitive_and_keeps_roles(agent):
    assert get_or_create_customer("ALEX@Support.Example".replace("ALEX", "agent")) == agent
    assert agent.role == "agent"


@pytest.mark.parametrize("address", ["", "no-at-sign", "a@b", "a@b.com\nBcc: c@d.com", "x" * 300 + "@a.com"])
def test_invalid_addresses_are_refused(address):
    with pytest.raises(ValidationFailed):
        normalize_email(address)
