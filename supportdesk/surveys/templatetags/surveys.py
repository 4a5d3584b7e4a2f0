"""Survey panels other apps' templates include.

- `{% portal_survey_panel ticket user %}` on the portal ticket page: for the ticket's own customer,
  the rating form of each survey offered in the portal, or their answer (changeable within the
  window). Nothing for anyone else, not even a shared-organization colleague who can read the ticket.
- `{% ticket_survey_summary ticket %}` in the agent ticket sidebar: the ticket's surveys with
  score, comment and times, for staff who work on the ticket.
One query each (plus the settings row for the portal's change window).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from supportdesk.accounts.models import User
from supportdesk.surveys.choices import NPS_PASSIVE_MIN, NPS_PROMOTER_MIN, InvitationStatus, SkipReason, SurveyKind
from supportdesk.surveys.models import MAX_COMMENT, SurveyInvitation, SurveyResponse, SurveySettings
from supportdesk.surveys.presentation import answer_label, choices, local_date, scale_of, score_out_of, section
from supportdesk.surveys.selectors import change_deadline, get_settings, portal_invitations, response_of, ticket_invitations_for_staff
from supportdesk.surveys.texts import TABLES, survey_language, text
from supportdesk.tickets.access import ticket_permissions

register = template.Library()


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "pk", None) is not None and user.is_active


@register.simple_tag(takes_context=True)
def portal_survey_panel(context: template.Context, ticket: Any, user: Any) -> str:
    if ticket is None or not _signed_in(user) or ticket.customer_id != user.pk:
        return ""
    now = timezone.now()
    shown = []
    for invitation in portal_invitations(ticket.pk, user.pk):
        response = response_of(invitation)
        if response is None and invitation.expires_at is not None and now >= invitation.expires_at:
            continue  # an unanswered survey that expired is no longer offered
        shown.append((invitation, response))
    if not shown:
        return ""
    language = survey_language(translation.get_language())
    conf = get_settings()
    items = [_portal_item(invitation, response, language, conf, now=now, time_zone=user.time_zone) for invitation, response in shown]
    html = render_to_string(
        "surveys/_portal_panel.html",
        {"t": TABLES[language], "items": items, "max_comment": MAX_COMMENT},
        request=context.get("request"),
    )
    return SafeString(html)


def _portal_item(
    invitation: SurveyInvitation, response: SurveyResponse | None, language: str, conf: SurveySettings, *, now: datetime, time_zone: str
) -> dict[str, Any]:
    deadline = change_deadline(response, conf) if response is not None else None
    expired = invitation.expires_at is not None and now >= invitation.expires_at
    can_change = not expired and (deadline is None or now < deadline)
    return {
        **section(invitation, language=language, links=False),
        "invitation": invitation,
        "choices": choices(invitation.kind, scale_of(invitation), language, selected=response.score if response else None),
        "answered": response is not None,
        "answer_text": text(language, "your_answer", answer=answer_label(response, language)) if response is not None else "",
        "comment": response.comment if response is not None else "",
        "can_change": can_change,
        "change_hint": text(language, "change_hint", date=local_date(deadline, language, time_zone)) if deadline and can_change else "",
        "action": reverse("survey-portal-answer", args=[invitation.pk]),
    }


@register.simple_tag(takes_context=True)
def ticket_survey_summary(context: template.Context, ticket: Any) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if ticket is None or not isinstance(user, User) or not _signed_in(user) or not user.is_helpdesk_staff:
        return ""
    if not ticket_permissions(user, ticket).is_staff_view:
        return ""
    invitations = ticket_invitations_for_staff(ticket.pk)
    if not invitations:
        return ""
    language = survey_language(translation.get_language())
    rows = []
    for invitation in invitations:
        response = response_of(invitation)
        rows.append(
            {
                "invitation": invitation,
                "kind": SurveyKind(invitation.kind).label,
                "status": InvitationStatus(invitation.status).label,
                "skip_reason": SkipReason(invitation.skip_reason).label if invitation.skip_reason in SkipReason.values else "",
                "response": response,
                "score": score_out_of(response) if response is not None else "",
                "label": answer_label(response, language),
                "tone": tone(response),
            }
        )
    return SafeString(render_to_string("surveys/_ticket_summary.html", {"rows": rows}, request=request))


def tone(response: SurveyResponse | None) -> str:
    """good / neutral / bad: the colour of an answer."""
    if response is None:
        return ""
    if response.kind == SurveyKind.CSAT:
        if response.satisfied:
            return "good"
        return "neutral" if response.score == 3 and response.scale != "good_bad" else "bad"
    if response.kind == SurveyKind.NPS:
        return "good" if response.score >= NPS_PROMOTER_MIN else ("neutral" if response.score >= NPS_PASSIVE_MIN else "bad")
    return "good" if response.score >= 5 else ("neutral" if response.score == 4 else "bad")
