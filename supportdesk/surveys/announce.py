"""The `survey.sent` event: invitations delivered (by mail, or opened in the portal).

Reports count invitations by their delivery day for response rates; without an event they would
only notice a delivery at the ticket's next change. Published after commit, ids only.
"""

from __future__ import annotations

from collections.abc import Sequence

from supportdesk.core.events import publish_on_commit
from supportdesk.surveys.models import SurveyInvitation


def announce_sent(rows: Sequence[SurveyInvitation]) -> None:
    if not rows:
        return
    publish_on_commit(
        "survey.sent",
        invitation_ids=[row.pk for row in rows],
        ticket_ids=sorted({row.ticket_id for row in rows if row.ticket_id is not None}),
    )
