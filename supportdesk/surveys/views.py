"""Customer pages of surveys: the signed answer link (/survey/<token>/, no sign-in) and the
portal panel's form (/survey/portal/<id>/, the ticket's own customer).

Thin: each view reaches the invitation through its gate (access) and calls one action. A GET
records nothing (mail scanners fetch links); surveys.js submits the clicked score on load, so a
real click in the mail is one click. The POST answers with a 303 to the same link, which then shows
the thank-you state and the comment form; pages are in the invitation's language.

The answer link is exempt from CSRF on purpose: the signed token in the URL is the credential (a
forged cross-site POST would need it), and privacy-minded browsers that block the CSRF cookie of a
mail link would otherwise fail the one-click answer. The portal form, which rides on the
session, keeps CSRF protection.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.core.pages import see_other
from supportdesk.portal.access import customer_page
from supportdesk.surveys import access, actions
from supportdesk.surveys.choices import TICKET_KINDS, AnswerChannel, InvitationStatus, valid_scores
from supportdesk.surveys.models import MAX_COMMENT, SurveyInvitation, SurveyResponse, SurveySettings
from supportdesk.surveys.presentation import answer_label, choices, local_date, scale_of, section
from supportdesk.surveys.selectors import change_deadline, get_settings
from supportdesk.surveys.texts import TABLES, survey_language, text


def parse_score(value: Any) -> int | None:
    """A form's score: a short run of digits, else None (which the action refuses)."""
    if not isinstance(value, str) or not value.isdigit() or len(value) > 2:
        return None
    return int(value)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def answer_page(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    if request.method == "POST" and not access.within_answer_limit(request):
        language = survey_language(translation.get_language())
        return _message_page(request, language, title=text(language, "rate_limited"), body="", status=429)
    conf = get_settings()
    try:
        invitation, clicked = access.invitation_from_token(token, conf, now=now)
    except access.SurveyLinkError as exc:
        return _link_error(request, exc)
    with translation.override(invitation.language):
        if request.method == "POST":
            score = parse_score(request.POST.get("score"))
            comment = request.POST.get("comment", "")
            try:
                actions.check_answer(invitation, score=score, comment=comment, channel=AnswerChannel.EMAIL_LINK, now=now)
            except ValidationFailed as exc:
                return _answer_page(request, invitation, conf, now=now, clicked=score, comment=comment[:MAX_COMMENT], error=exc.message)
            except access.SurveyLinkError as exc:
                return _link_error(request, exc, invitation)
            return see_other(f"{request.path}?saved=1")
        return _answer_page(request, invitation, conf, now=now, clicked=clicked, saved=request.GET.get("saved") == "1")


def _answer_page(
    request: HttpRequest,
    invitation: SurveyInvitation,
    conf: SurveySettings,
    *,
    now: datetime,
    clicked: int | None,
    saved: bool = False,
    comment: str | None = None,
    error: str = "",
) -> HttpResponse:
    language = invitation.language
    scale = scale_of(invitation)
    response = SurveyResponse.objects.filter(invitation=invitation).first()
    deadline = change_deadline(response, conf) if response is not None else None
    if response is not None and deadline is not None and now >= deadline:
        return _link_error(request, access.AlreadyAnswered(language), invitation, status=200)
    allowed = valid_scores(invitation.kind, scale)
    chosen = clicked if clicked in allowed else None
    selected = chosen if chosen is not None else (response.score if response is not None else None)
    context: dict[str, Any] = {
        "t": TABLES.get(language, TABLES["en"]),
        "language": language,
        "invitation": invitation,
        "section": section(invitation, links=False),
        "choices": choices(invitation.kind, scale, language, selected=selected),
        "ticket_line": _ticket_line(invitation),
        "answered": response is not None,
        "saved": saved and response is not None,
        "answer_text": text(language, "your_answer", answer=answer_label(response)) if response is not None else "",
        "change_hint": text(language, "change_hint", date=local_date(deadline, language, invitation.customer.time_zone))
        if deadline
        else "",
        "change_note": (
            text(language, "change_to", previous=answer_label(response))
            if response is not None and chosen is not None and chosen != response.score and not saved
            else ""
        ),
        "comment": comment if comment is not None else (response.comment if response is not None else ""),
        "max_comment": MAX_COMMENT,
        # One click in the mail: submit the clicked score at once, but only for a first answer.
        "autosubmit": response is None and chosen is not None and not error,
        "error": error,
        "sibling": _sibling(invitation, now=now) if response is not None else None,
    }
    return render(request, "surveys/answer.html", context, status=400 if error else 200)


def _ticket_line(invitation: SurveyInvitation) -> str:
    """The only facts of the ticket a link shows: its number and subject."""
    ticket = invitation.ticket
    if ticket is None:
        return ""
    return text(invitation.language, "ticket_line", number=ticket.display_number, subject=ticket.subject)


def _sibling(invitation: SurveyInvitation, *, now: datetime) -> dict[str, Any] | None:
    """The other, still unanswered question about the same ticket (CES after CSAT), as links."""
    if invitation.ticket_id is None:
        return None
    other = (
        SurveyInvitation.objects.filter(
            ticket_id=invitation.ticket_id,
            customer_id=invitation.customer_id,
            kind__in=TICKET_KINDS,
            status__in=(InvitationStatus.QUEUED, InvitationStatus.SENT),
            response__isnull=True,
        )
        .exclude(pk=invitation.pk)
        .first()
    )
    if other is None or (other.expires_at is not None and now >= other.expires_at):
        return None
    return {"title": text(invitation.language, "more_question"), **section(other, absolute=False)}


def _link_error(
    request: HttpRequest, exc: access.SurveyLinkError, invitation: SurveyInvitation | None = None, *, status: int | None = None
) -> HttpResponse:
    language = survey_language(exc.language if invitation is None else invitation.language)
    answer = ""
    if invitation is not None and isinstance(exc, access.AlreadyAnswered):
        response = SurveyResponse.objects.filter(invitation=invitation).first()
        answer = text(language, "your_answer", answer=answer_label(response)) if response is not None else ""
    with translation.override(language):
        return _message_page(
            request,
            language,
            title=text(language, f"{exc.page}_title"),
            body=text(language, f"{exc.page}_text"),
            answer=answer,
            ticket_line=_ticket_line(invitation) if invitation is not None else "",
            kind=exc.page,
            status=exc.status if status is None else status,
        )


def _message_page(request: HttpRequest, language: str, *, title: str, body: str, status: int, **extra: Any) -> HttpResponse:
    context = {"t": TABLES.get(language, TABLES["en"]), "title": title, "body": body, "kind": "message", **extra}
    return render(request, "surveys/message.html", context, status=status)


# -- portal ------------------------------------------------------------------------------------


@require_POST
@customer_page
def portal_answer(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """The portal panel's form: the signed-in customer answers (or changes) a ticket survey."""
    user = cast(User, request.user)
    invitation = access.access_portal_invitation(user, invitation_id)
    language = invitation.language
    try:
        actions.check_answer(
            invitation,
            score=parse_score(request.POST.get("score")),
            comment=request.POST.get("comment", ""),
            channel=AnswerChannel.PORTAL,
        )
    except (ValidationFailed, access.SurveyLinkError) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, text(language, "thanks_title"))
    ticket = invitation.ticket
    assert ticket is not None
    try:
        target = reverse("portal-ticket", args=[ticket.number])
    except NoReverseMatch:  # the portal's ticket page is not installed: the answer page will do
        target = "/portal/"
    return see_other(f"{target}#survey")
