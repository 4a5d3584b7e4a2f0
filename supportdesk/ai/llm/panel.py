"""What the ticket sidebar's LLM panel offers (read by the `llm_panel` template tag).

The panel exists only for users with the staff view of the ticket AND when an admin switched the
LLM on with an endpoint; otherwise the page has no trace of it. Its buttons only post: nothing is
asked of the model while the ticket page loads.
"""

from __future__ import annotations

from typing import Any

from supportdesk.ai.llm import config
from supportdesk.tickets.access import TicketPermissions


def llm_panel(perms: TicketPermissions | None) -> dict[str, Any]:
    """{"visible": False} or {"visible": True, "can_draft": reply rights}. One query (the settings
    row) for staff, none for anyone else (nor where the page has no permissions to give)."""
    if not isinstance(perms, TicketPermissions) or not perms.is_staff_view or not config.is_enabled():
        return {"visible": False}
    return {"visible": True, "can_draft": perms.can_reply}
