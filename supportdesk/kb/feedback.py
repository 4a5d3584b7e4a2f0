"""What visitors do with help-centre articles: helpful votes, views and deflected form visits.

Counters on Translation change by a single UPDATE ... SET n = n + 1, never read-modify-write, so
concurrent votes and views are not lost. Callers (views, API) do the per-client rate limiting and
the one-vote-per-day check before calling in; these functions trust their caller on that.
"""

from __future__ import annotations

import re
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.kb.models import MAX_COMMENT, Deflection, Feedback, Translation
from supportdesk.kb.public_selectors import DeflectionCounts, deflection_counts
from supportdesk.tickets.models import Ticket

__all__ = [
    "DeflectionCounts",
    "clean_visit",
    "deflection_counts",
    "link_deflections_to_ticket",
    "record_deflection",
    "record_feedback",
    "record_view",
]

VISIT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_QUERY = 200


def clean_visit(value: object) -> str | None:
    """A visit id as the portal makes them ([A-Za-z0-9_-]{1,64}), or None for anything else."""
    return value if isinstance(value, str) and VISIT_ID.fullmatch(value) else None


def clean_comment(comment: str | None) -> str:
    """Printable text, stripped; over MAX_COMMENT characters is refused (ValidationFailed)."""
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in (comment or "")).strip()
    if len(text) > MAX_COMMENT:
        raise ValidationFailed(
            _("The comment is too long (at most %(max)d characters).") % {"max": MAX_COMMENT},
            field_errors={"comment": _("At most %(max)d characters.") % {"max": MAX_COMMENT}},
        )
    return text


def record_feedback(translation: Translation, helpful: bool, comment: str | None = None, user: User | None = None) -> Feedback:
    """One "was this helpful?" answer: a Feedback row and the matching counter, in one transaction."""
    text = clean_comment(comment)
    author = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        row = Feedback.objects.create(translation=translation, helpful=bool(helpful), comment=text, user=author)
        counter = "helpful_yes" if helpful else "helpful_no"
        Translation.objects.filter(pk=translation.pk).update(**{counter: F(counter) + 1})
    return row


def record_view(translation: Translation) -> None:
    """Count one view (a single UPDATE ... view_count + 1; callers skip staff)."""
    Translation.objects.filter(pk=translation.pk).update(view_count=F("view_count") + 1)


def record_deflection(translation: Translation, query: str | None, visit: str) -> Deflection | None:
    """A suggested article opened from the new-ticket form during `visit`.

    Ignored (None) for a malformed visit id; one row per visit and translation, so reloading the
    article does not count twice. The query is stored cleaned and cut to MAX_QUERY characters."""
    visit_id = clean_visit(visit)
    if visit_id is None:
        return None
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in (query or "")[: MAX_QUERY * 4]).split())[:MAX_QUERY]
    row, _created = Deflection.objects.get_or_create(translation=translation, visit=visit_id, defaults={"query": text})
    return row


def link_deflections_to_ticket(visit: str, ticket: Ticket) -> int:
    """The form visit ended in a ticket anyway: its deflections did not deflect. Returns the rows marked.

    Called by the portal when the form is submitted; a malformed or unknown visit marks nothing."""
    visit_id = clean_visit(visit)
    if visit_id is None:
        return 0
    return Deflection.objects.filter(visit=visit_id, ticket__isnull=True).update(ticket=ticket)


def start_of_day(now: datetime | None = None) -> datetime:
    """Midnight of the current day in the active time zone (for "one vote per day")."""
    local = timezone.localtime(now or timezone.now())
    return local.replace(hour=0, minute=0, second=0, microsecond=0)
