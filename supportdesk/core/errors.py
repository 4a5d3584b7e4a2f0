"""Domain errors raised by actions and access gates, mapped to HTTP by the API and views."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _


class DomainError(Exception):
    """Base for errors a user can fix; the message is safe to show."""

    status = 400

    def __init__(self, message: str, *, field_errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}


class ValidationFailed(DomainError):
    """Input is well-formed but breaks a rule (unknown state, required custom field missing...)."""

    status = 422


class NotFound(DomainError):
    """Missing and forbidden look the same to the caller, so nothing leaks about other tenants' data."""

    status = 404

    def __init__(self, message: str | None = None) -> None:
        # Translated when raised, not at import, so the message follows the request's language.
        super().__init__(_("Not found.") if message is None else message)


class PermissionDenied(DomainError):
    """The object is visible but the user may not perform this action on it (e.g. read-only access)."""

    status = 403


class Conflict(DomainError):
    """The request conflicts with current state (e.g. merging a ticket into itself)."""

    status = 409


def reject_unknown_fields(changes: Mapping[str, object], allowed: Iterable[str]) -> None:
    """Refuse, never silently drop, fields an action does not accept (no mass assignment: BAD-INPUTS 33)."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationFailed(_("Unknown fields."), field_errors=dict.fromkeys(sorted(unknown), _("Unknown field.")))
