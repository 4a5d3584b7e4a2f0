"""Writes in the accounts domain."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import AgentProfile, Group, GroupMembership, OrganizationDomain, User
from supportdesk.core.errors import ValidationFailed

MAX_NAME = 200


def normalize_email(address: str) -> str:
    """Lower-case and validate an address; reject CR/LF and anything Django's validator rejects."""
    address = (address or "").strip().lower()
    if "\r" in address or "\n" in address or len(address) > 254:
        raise ValidationFailed("Invalid e-mail address.", field_errors={"email": "Invalid e-mail address."})
    try:
        validate_email(address)
    except DjangoValidationError as exc:
        raise ValidationFailed("Invalid e-mail address.", field_errors={"email": "Invalid e-mail address."}) from exc
    return address


def clean_name(name: str) -> str:
    """A display name on one line, without control characters, bounded in length."""
    name = "".join(ch for ch in (name or "") if ch.isprintable()).strip()
    return name[:MAX_NAME]


def get_or_create_customer(email: str, *, full_name: str = "") -> User:
    """Find a user by address or create a customer; new customers join the organization owning their domain.

    An existing user's role is never changed here: an agent mailing in stays an agent.
    """
    address = normalize_email(email)
    user = User.objects.filter(email=address).first()
    if user is not None:
        return user
    with transaction.atomic():
        user, created = User.objects.get_or_create(email=address, defaults={"full_name": clean_name(full_name), "role": Role.CUSTOMER})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            domain = address.rsplit("@", 1)[-1]
            match = OrganizationDomain.objects.filter(domain=domain).select_related("organization").first()
            if match is not None:
                user.organizations.add(match.organization)
    return user


def create_agent(
    email: str, *, full_name: str, password: str | None, role: str = Role.AGENT, groups: dict[Group, str] | None = None
) -> User:
    """Create a staff user with a profile and group memberships ({group: access})."""
    with transaction.atomic():
        user = User.objects.create_user(normalize_email(email), password, full_name=clean_name(full_name), role=role)
        AgentProfile.objects.create(user=user)
        for group, access in (groups or {}).items():
            GroupMembership.objects.create(user=user, group=group, access=access)
    return user


def default_group() -> Group:
    """The group that receives tickets nobody routed: the oldest active group, created if none exists."""
    group = Group.objects.filter(is_active=True).order_by("id").first()
    if group is None:
        group, _created = Group.objects.get_or_create(name="Support")
    return group
