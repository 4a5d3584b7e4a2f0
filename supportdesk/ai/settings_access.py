"""The AI settings (one row): who may read and change them, and the only way to change them.

Admins only. `update_ai_settings` validates every value (thresholds in [0, 1], the suggest
threshold not above the apply threshold, retrain days bounded), refuses unknown fields (no mass
assignment), checks the LLM endpoint against SSRF (core.net_safety: http(s) to public addresses
only; loopback only when SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK is set) and stores the API key
encrypted (core.crypto). The key is never returned: readers see only whether one is set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.ai.apply import load_settings
from supportdesk.ai.models import AiSettings
from supportdesk.core import net_safety
from supportdesk.core.crypto import encrypt_secret
from supportdesk.core.errors import PermissionDenied, ValidationFailed, reject_unknown_fields

BOOL_FIELDS = ("triage_enabled", "apply_group", "apply_priority", "apply_tags", "apply_language", "llm_enabled")
THRESHOLDS = ("apply_threshold", "suggest_threshold")
FIELDS = frozenset({*BOOL_FIELDS, *THRESHOLDS, "retrain_days", "min_examples", "llm_base_url", "llm_model", "llm_api_key"})
MAX_RETRAIN_DAYS = 365
MAX_MIN_EXAMPLES = 1_000_000
MAX_URL = 500
MAX_KEY = 500


def check_ai_admin(user: User) -> None:
    """Only admins see and change the AI settings."""
    if not user.is_active or not user.is_admin:
        raise PermissionDenied(_("Only admins may change the AI settings."))


def settings_view(user: User) -> AiSettings:
    check_ai_admin(user)
    return load_settings()


def llm_url_error(url: str) -> str:
    """Why this LLM endpoint would be refused ("" when it is safe to call)."""
    return net_safety.url_error(
        url,
        allow_loopback=bool(getattr(django_settings, "SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK", False)),
        allow_private=bool(getattr(django_settings, "SUPPORTDESK_AI_LLM_ALLOW_PRIVATE", False)),
    )


def _number(name: str, value: Any, low: float, high: float, errors: dict[str, str], *, whole: bool = False) -> float | int | None:
    valid = isinstance(value, int | float) and not isinstance(value, bool) and value == value  # NaN != NaN
    if valid and whole and not float(value).is_integer():
        valid = False
    if not valid or not low <= value <= high:
        errors[name] = _("A number from %(low)s to %(high)s.") % {"low": low, "high": high}
        return None
    return int(value) if whole else float(value)


def _text(name: str, value: Any, limit: int, errors: dict[str, str]) -> str | None:
    if not isinstance(value, str) or len(value) > limit or any(ord(ch) < 32 for ch in value):
        errors[name] = _("Text of up to %(n)s characters on one line.") % {"n": limit}
        return None
    return value.strip()


def update_ai_settings(actor: User, changes: Mapping[str, Any]) -> list[str]:
    """Validate and save changes of the AI settings; return the names of the fields that changed.

    `llm_api_key`: a new key replaces the stored one, "" keeps it, None (JSON null) clears it."""
    check_ai_admin(actor)
    reject_unknown_fields(changes, FIELDS)
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name in BOOL_FIELDS:
        if name in changes:
            if not isinstance(changes[name], bool):
                errors[name] = _("true or false.")
            else:
                clean[name] = changes[name]
    for name in THRESHOLDS:
        if name in changes:
            clean[name] = _number(name, changes[name], 0.0, 1.0, errors)
    if "retrain_days" in changes:
        clean["retrain_days"] = _number("retrain_days", changes["retrain_days"], 0, MAX_RETRAIN_DAYS, errors, whole=True)
    if "min_examples" in changes:
        clean["min_examples"] = _number("min_examples", changes["min_examples"], 1, MAX_MIN_EXAMPLES, errors, whole=True)
    if "llm_model" in changes:
        clean["llm_model"] = _text("llm_model", changes["llm_model"], 120, errors)
    if "llm_base_url" in changes:
        url = _text("llm_base_url", changes["llm_base_url"], MAX_URL, errors)
        if url:
            error = llm_url_error(url)
            if error:
                errors["llm_base_url"] = error
        clean["llm_base_url"] = url
    key: str | None = None
    if "llm_api_key" in changes and changes["llm_api_key"] is not None:
        key = _text("llm_api_key", changes["llm_api_key"], MAX_KEY, errors)
    with transaction.atomic():
        row = AiSettings.objects.select_for_update().filter(pk=load_settings().pk).get()
        merged = {name: clean.get(name, getattr(row, name)) for name in (*THRESHOLDS, "llm_enabled", "llm_base_url")}
        if not errors and merged["suggest_threshold"] > merged["apply_threshold"]:
            errors["suggest_threshold"] = _("The suggest threshold cannot be above the apply threshold.")
        if not errors and merged["llm_enabled"] and not merged["llm_base_url"]:
            errors["llm_base_url"] = _("An endpoint is required to switch the LLM on.")
        if errors:
            raise ValidationFailed(_("Please correct the AI settings."), field_errors=errors)
        changed = []
        for name, value in clean.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed.append(name)
        if "llm_api_key" in changes and (key or changes["llm_api_key"] is None):
            row.llm_api_key = encrypt_secret(key or "")
            changed.append("llm_api_key")
        if changed:
            row.updated_at = timezone.now()
            row.save()
    return changed
