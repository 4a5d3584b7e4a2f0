"""Whether the LLM may be used, and where it is: read from AiSettings at call time.

This is the "nothing leaves the server unless configured" gate: every path that talks to a model
(draft, summary, the admins' connection test) gets its Endpoint from here first, and nothing is
built, counted or sent when this refuses.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from supportdesk.ai.apply import load_settings
from supportdesk.ai.llm.client import Endpoint, LlmError
from supportdesk.ai.models import AiSettings
from supportdesk.core.crypto import SecretUnreadable, decrypt_secret


def is_enabled(row: AiSettings | None = None) -> bool:
    """Switched on by an admin and an endpoint is set (what the ticket page asks to show the panel)."""
    row = row or load_settings()
    return bool(row.llm_enabled and row.llm_base_url.strip())


def endpoint(*, require_enabled: bool = True) -> Endpoint:
    """The configured endpoint with its decrypted key; LlmError (409) when switched off or not set up.

    `require_enabled=False` is for the admins' connection test, which may run before they switch
    the LLM on (it still needs an endpoint, and sends no ticket data)."""
    row = load_settings()
    if require_enabled and not row.llm_enabled:
        raise LlmError(_("LLM drafting is switched off. An admin can switch it on in the AI settings."), kind="disabled", status=409)
    if not row.llm_base_url.strip():
        message = _("No language model endpoint is configured. An admin can set one in the AI settings.")
        raise LlmError(message, kind="not_configured", status=409)
    try:
        key = decrypt_secret(row.llm_api_key)
    except SecretUnreadable as exc:
        raise LlmError(
            _("The stored API key of the language model cannot be read. An admin must enter it again in the AI settings."),
            kind="not_configured",
            status=409,
        ) from exc
    return Endpoint(base_url=row.llm_base_url.strip(), model=row.llm_model.strip(), api_key=key)
