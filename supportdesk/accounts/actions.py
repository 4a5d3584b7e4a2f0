"""Writes in the accounts domain."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, UNUSABLE_PASSWORD_SUFFIX_LENGTH
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.crypto import RANDOM_STRING_CHARS
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import STAFF_ROLES, GroupAccess, Role
from supportdesk.accounts.models import AgentProfile, Group, GroupMembership, Organization, OrganizationDomain, User
from supportdesk.accounts.tokens import revoke_all_tokens
from supportdesk.core.bulk import create_objects
from supportdesk.core.errors import Conflict, PermissionDenied, ValidationFailed, reject_unknown_fields

MAX_NAME = 200
# Normalised addresses that passed validate_email (a pure check), so a mail import validates each
# sender once per process rather than once per batch. Bounded: cleared when full.
_VALID_ADDRESSES: set[str] = set()
_VALID_ADDRESSES_MAX = 50_000


def normalize_email(address: str) -> str:
    """Lower-case and validate an address; reject CR/LF and anything Django's validator rejects."""
    address = (address or "").strip().lower()
    if "\r" in address or "\n" in address or len(address) > 254:
        raise ValidationFailed(_("Invalid e-mail address."), field_errors={"email": _("Invalid e-mail address.")})
    if address in _VALID_ADDRESSES:
        return address
    try:
        validate_email(address)
    except DjangoValidationError as exc:
        raise ValidationFailed(_("Invalid e-mail address."), field_errors={"email": _("Invalid e-mail address.")}) from exc
    if len(_VALID_ADDRESSES) >= _VALID_ADDRESSES_MAX:
        _VALID_ADDRESSES.clear()
    _VALID_ADDRESSES.add(address)
    return address


def unusable_passwords(count: int) -> list[str]:
    """`count` values of Django's make_password(None) (what set_unusable_password stores): the
    unusable prefix and UNUSABLE_PASSWORD_SUFFIX_LENGTH characters drawn uniformly from the same
    alphabet, with one read of the system's random source for all of them instead of one per
    character. Bytes are mapped onto the alphabet by rejection sampling (bytes at or above the
    largest multiple of its length are dropped), so every character stays uniform."""
    alphabet = RANDOM_STRING_CHARS.encode("ascii")
    kept = 256 - 256 % len(alphabet)
    table = bytes(alphabet[byte % len(alphabet)] for byte in range(kept)) + bytes(256 - kept)
    dropped = bytes(range(kept, 256))
    length = UNUSABLE_PASSWORD_SUFFIX_LENGTH
    needed = count * length
    drawn = b""
    while len(drawn) < needed:
        drawn += secrets.token_bytes(needed - len(drawn) + 64).translate(table, dropped)
    text = drawn[:needed].decode("ascii")
    return [UNUSABLE_PASSWORD_PREFIX + text[index : index + length] for index in range(0, needed, length)]


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


def get_or_create_customers(senders: dict[str, str]) -> dict[str, User | ValidationFailed]:
    """get_or_create_customer for many {address: name} at once (mail import): one query finds the
    known users, the missing customers are created together with their domain organizations.

    An address that is not valid maps to its ValidationFailed instead of raising, so one bad sender
    does not stop the others. Keys of the result are the addresses as given.
    """
    normalized: dict[str, str] = {}
    result: dict[str, User | ValidationFailed] = {}
    for address in senders:
        try:
            normalized[address] = normalize_email(address)
        except ValidationFailed as exc:
            result[address] = exc
    if not normalized:
        return result
    known = {user.email: user for user in User.objects.filter(email__in=set(normalized.values()))}
    missing: dict[str, User] = {}
    for address, email in normalized.items():
        if email not in known and email not in missing:
            missing[email] = User(email=email, full_name=clean_name(senders[address]), role=Role.CUSTOMER)
    if missing:
        for user, password in zip(missing.values(), unusable_passwords(len(missing)), strict=True):
            user.password = password  # set_unusable_password(), for all of them at once
        with transaction.atomic():
            create_objects(list(missing.values()))
            domains = {email.rsplit("@", 1)[-1] for email in missing}
            owners = dict(OrganizationDomain.objects.filter(domain__in=domains).values_list("domain", "organization_id"))
            Membership = User.organizations.through
            Membership.objects.bulk_create(
                [
                    Membership(user_id=user.pk, organization_id=owners[email.rsplit("@", 1)[-1]])
                    for email, user in missing.items()
                    if email.rsplit("@", 1)[-1] in owners
                ]
            )
    for address, email in normalized.items():
        result[address] = known.get(email) or missing[email]
    return result


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


# --- Administration of users, organizations and groups (used by the REST API) ---------------------

USER_FIELDS = frozenset({"full_name", "role", "language", "time_zone", "phone", "is_active", "organization_ids"})
ORGANIZATION_FIELDS = frozenset({"name", "notes", "shared", "domains"})
GROUP_FIELDS = frozenset({"name", "description", "email_address", "is_active"})


def _require_admin(actor: User) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionDenied(_("Only admins may do this."))


def _organizations(ids: list[int]) -> list[Organization]:
    found = list(Organization.objects.filter(pk__in=set(ids)))
    if len(found) != len(set(ids)):
        raise ValidationFailed(_("Unknown organization."), field_errors={"organization_ids": _("Unknown organization.")})
    return found


def _check_role(role: str) -> str:
    if role not in Role.values:
        raise ValidationFailed(_("Unknown role."), field_errors={"role": _("Unknown role.")})
    return role


def _check_time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationFailed(_("Unknown time zone."), field_errors={"time_zone": _("Unknown time zone.")}) from exc
    return name


def _check_language(code: str) -> str:
    """One of the UI languages, or "" for 'follow the browser'."""
    code = str(code or "")
    if code and code not in {c for c, _name in settings.LANGUAGES}:
        raise ValidationFailed(_("Unknown language."), field_errors={"language": _("Unknown language.")})
    return code


OWN_PROFILE_FIELDS = frozenset({"full_name", "language", "time_zone"})


def update_own_profile(user: User, changes: dict[str, Any]) -> list[str]:
    """A user changes their own name, UI language or time zone; nothing else (role, e-mail and
    organizations are an admin's business). Returns the changed field names."""
    reject_unknown_fields(changes, OWN_PROFILE_FIELDS)
    cleaners: dict[str, Callable[[Any], Any]] = {"full_name": clean_name, "language": _check_language, "time_zone": _check_time_zone}
    changed = []
    for name, clean in cleaners.items():
        if name in changes and getattr(user, name) != (value := clean(changes[name])):
            setattr(user, name, value)
            changed.append(name)
    if changed:
        user.save(update_fields=[*changed, "updated_at"])
    return changed


def admin_create_user(
    actor: User,
    email: str,
    *,
    full_name: str = "",
    role: str = Role.CUSTOMER,
    language: str = "",
    time_zone: str = "UTC",
    phone: str = "",
    organization_ids: list[int] | None = None,
) -> User:
    """Create a user as an admin. Staff get an agent profile; nobody gets a usable password here
    (they set one through the reset flow), so no secret ever travels through this call."""
    _require_admin(actor)
    _check_role(role)
    address = normalize_email(email)
    if User.objects.filter(email=address).exists():
        raise Conflict(_("A user with this e-mail address exists."), field_errors={"email": _("Already in use.")})
    with transaction.atomic():
        user = User.objects.create_user(
            address,
            None,
            full_name=clean_name(full_name),
            role=role,
            language=_check_language(language),
            time_zone=_check_time_zone(time_zone),
            phone=clean_name(phone)[:64],
        )
        if role in STAFF_ROLES:
            AgentProfile.objects.get_or_create(user=user)
        if organization_ids:
            user.organizations.set(_organizations(organization_ids))
    return user


def admin_update_user(actor: User, user: User, changes: dict[str, Any]) -> list[str]:
    """Change a user's profile, role, organizations or active flag; return the changed field names.

    Deactivating a user or taking away a staff role revokes their API tokens at once (BAD-INPUTS 37);
    an admin cannot deactivate or demote themselves, so the last admin cannot lock everyone out.
    """
    _require_admin(actor)
    reject_unknown_fields(changes, USER_FIELDS)
    if user.pk == actor.pk and (changes.get("is_active") is False or changes.get("role", Role.ADMIN) != Role.ADMIN):
        raise ValidationFailed(_("You cannot deactivate or demote yourself."), field_errors={"role": _("Not for your own account.")})
    changed: list[str] = []
    old_role, was_active = user.role, user.is_active
    cleaners: dict[str, Callable[[Any], Any]] = {
        "full_name": clean_name,
        "role": _check_role,
        "language": _check_language,
        "time_zone": _check_time_zone,
        "phone": lambda v: clean_name(v)[:64],
        "is_active": bool,
    }
    with transaction.atomic():
        for name, clean in cleaners.items():
            if name in changes and getattr(user, name) != (value := clean(changes[name])):
                setattr(user, name, value)
                changed.append(name)
        if changed:
            user.save(update_fields=[*changed, "updated_at"])
        if "organization_ids" in changes:
            user.organizations.set(_organizations(changes["organization_ids"] or []))
            changed.append("organization_ids")
        if user.role in STAFF_ROLES:
            AgentProfile.objects.get_or_create(user=user)
        lost_staff = old_role in STAFF_ROLES and user.role not in STAFF_ROLES
        if (was_active and not user.is_active) or lost_staff or (old_role == Role.ADMIN and user.role != Role.ADMIN):
            revoke_all_tokens(user)
    return changed


def _clean_domains(domains: list[str]) -> list[str]:
    cleaned = sorted({(d or "").strip().lower() for d in domains})
    for domain in cleaned:
        try:
            validate_email(f"x@{domain}")
        except DjangoValidationError as exc:
            raise ValidationFailed(
                _("Invalid domain."), field_errors={"domains": _("Invalid domain: %(domain)s") % {"domain": domain[:60]}}
            ) from exc
    return cleaned


def _unique_name(instance: Organization | Group, raw: object, taken_message: str) -> str:
    """A cleaned, non-empty name no other row of the same model uses (names are unique)."""
    max_length = type(instance)._meta.get_field("name").max_length or MAX_NAME
    name = clean_name(str(raw or ""))[:max_length]
    if not name:
        raise ValidationFailed(_("A name is required."), field_errors={"name": _("A name is required.")})
    if type(instance).objects.filter(name=name).exclude(pk=instance.pk).exists():
        raise Conflict(taken_message, field_errors={"name": _("Already in use.")})
    return name


def save_organization(actor: User, organization: Organization | None, changes: dict[str, Any]) -> Organization:
    """Create (organization=None) or update an organization and its auto-join mail domains."""
    _require_admin(actor)
    reject_unknown_fields(changes, ORGANIZATION_FIELDS)
    organization = organization or Organization()
    if "name" in changes or organization.pk is None:
        organization.name = _unique_name(organization, changes.get("name", ""), _("An organization with this name exists."))
    if "notes" in changes:
        organization.notes = str(changes["notes"] or "")[:10_000]
    if "shared" in changes:
        organization.shared = bool(changes["shared"])
    with transaction.atomic():
        organization.save()
        if "domains" in changes:
            domains = _clean_domains(changes["domains"] or [])
            taken = OrganizationDomain.objects.filter(domain__in=domains).exclude(organization=organization)
            if taken.exists():
                raise Conflict(_("A domain belongs to another organization."), field_errors={"domains": _("Already used.")})
            organization.domains.exclude(domain__in=domains).delete()
            for domain in domains:
                OrganizationDomain.objects.get_or_create(organization=organization, domain=domain)
    return organization


def save_group(actor: User, group: Group | None, changes: dict[str, Any]) -> Group:
    """Create (group=None) or update a group's name, description, reply address and active flag."""
    _require_admin(actor)
    reject_unknown_fields(changes, GROUP_FIELDS)
    group = group or Group()
    if "name" in changes or group.pk is None:
        group.name = _unique_name(group, changes.get("name", ""), _("A group with this name exists."))
    if "description" in changes:
        group.description = str(changes["description"] or "")[:10_000]
    if changes.get("email_address"):
        group.email_address = normalize_email(changes["email_address"])
    elif "email_address" in changes:
        group.email_address = ""
    if "is_active" in changes:
        group.is_active = bool(changes["is_active"])
    group.save()
    return group


def set_group_membership(actor: User, group: Group, user: User, access: str | None) -> GroupMembership | None:
    """Give a staff user `access` (read, write, full) in a group, or remove them (access=None)."""
    _require_admin(actor)
    if access is None:
        GroupMembership.objects.filter(group=group, user=user).delete()
        return None
    if access not in GroupAccess.values:
        raise ValidationFailed(_("Unknown access level."), field_errors={"access": _("Use read, write or full.")})
    if user.role not in STAFF_ROLES:
        raise ValidationFailed(_("Only staff can join groups."), field_errors={"user_id": _("Not a staff user.")})
    membership, _created = GroupMembership.objects.update_or_create(group=group, user=user, defaults={"access": access})
    return membership
