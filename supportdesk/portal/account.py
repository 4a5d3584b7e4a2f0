"""The customer's own password (the rest of the account goes through accounts.update_own_profile)."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed


def change_own_password(user: User, *, current: str, new: str) -> None:
    """Set `new` as the user's password after checking `current` (not needed when the user had no
    usable password: link-only customers set their first one). Stamps password_changed_at, so API
    tokens issued before and other sessions stop working."""
    if user.has_usable_password() and not user.check_password(current or ""):
        raise ValidationFailed(_("Your current password is not correct."), field_errors={"current_password": _("Not correct.")})
    try:
        validate_password(new, user)
    except DjangoValidationError as exc:
        message = " ".join(str(m) for m in exc.messages)
        raise ValidationFailed(message, field_errors={"new_password": message}) from exc
    user.set_password(new)
    user.save(update_fields=["password", "password_changed_at", "updated_at"])
