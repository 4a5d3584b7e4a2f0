"""How a survey question is shown, in mails, on the answer page and in the portal: its text, the
choices with their labels, and the signed one-click link of each score."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from supportdesk.sla.zones import time_zone_error
from supportdesk.surveys.choices import CsatScale, SurveyKind, valid_scores
from supportdesk.surveys.models import SurveyInvitation, SurveyResponse
from supportdesk.surveys.signing import make_token
from supportdesk.surveys.texts import question, score_label, text


def answer_url(invitation: SurveyInvitation, score: int | None = None, *, absolute: bool = True) -> str:
    """The one-click link for a score (None: the page with nothing preselected)."""
    path = reverse("survey-answer", args=[make_token(invitation.pk, invitation.key, score)])
    return settings.SUPPORTDESK_BASE_URL.rstrip("/") + path if absolute else path


def scale_of(invitation: SurveyInvitation | SurveyResponse) -> str:
    return invitation.scale or CsatScale.FIVE_POINT


def shown_scores(kind: str, scale: str) -> list[int]:
    """The scores in the order they are offered: lowest first, but "good" before "bad"."""
    scores = list(valid_scores(kind, scale))
    if kind == SurveyKind.CSAT and scale == CsatScale.GOOD_BAD:
        scores.reverse()
    return scores


def numbered(kind: str, scale: str) -> bool:
    """Whether choices show their number (not on the good/bad scale)."""
    return not (kind == SurveyKind.CSAT and scale == CsatScale.GOOD_BAD)


def choices(kind: str, scale: str, language: str, *, selected: int | None = None) -> list[dict[str, Any]]:
    show_number = numbered(kind, scale)
    return [
        {
            "score": score,
            "label": score_label(language, kind, scale, score),
            "number": str(score) if show_number else "",
            "selected": score == selected,
        }
        for score in shown_scores(kind, scale)
    ]


def scale_links(invitation: SurveyInvitation, *, absolute: bool = True) -> list[dict[str, Any]]:
    """Every score of the invitation's question with its label and signed link."""
    scale = scale_of(invitation)
    return [
        {**choice, "url": answer_url(invitation, choice["score"], absolute=absolute)}
        for choice in choices(invitation.kind, scale, invitation.language)
    ]


def section(invitation: SurveyInvitation, *, language: str | None = None, links: bool = True, absolute: bool = True) -> dict[str, Any]:
    """One question: its text, the CES prompt, the NPS anchors, and the choices (with links)."""
    language = language or invitation.language
    scale = scale_of(invitation)
    data: dict[str, Any] = {
        "kind": invitation.kind,
        "scale": scale if invitation.kind == SurveyKind.CSAT else "",
        "question": question(language, invitation.kind),
        "prompt": text(language, "ces_prompt") if invitation.kind == SurveyKind.CES else "",
        "low": text(language, "nps_low") if invitation.kind == SurveyKind.NPS else "",
        "high": text(language, "nps_high") if invitation.kind == SurveyKind.NPS else "",
    }
    if links:
        data["links"] = scale_links(invitation, absolute=absolute)
    return data


def answer_label(response: SurveyResponse | None, language: str | None = None) -> str:
    """The words of a stored answer ("Very satisfied", "9")."""
    if response is None:
        return ""
    return score_label(language or response.language, response.kind, scale_of(response), response.score)


def score_out_of(response: SurveyResponse) -> str:
    """ "4/5", "9/10", "6/7"; empty on the good/bad scale."""
    scale = scale_of(response)
    if not numbered(response.kind, scale):
        return ""
    return f"{response.score}/{max(valid_scores(response.kind, scale))}"


def local_date(moment: datetime, language: str, time_zone: str) -> str:
    """A date in the reader's language and time zone (their locale's format)."""
    zone = ZoneInfo(time_zone if time_zone and not time_zone_error(time_zone) else "UTC")
    with translation.override(language):
        return str(formats.date_format(moment.astimezone(zone), "DATE_FORMAT"))
