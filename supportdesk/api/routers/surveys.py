"""REST API of surveys (supportdesk.surveys): CSAT, NPS and CES settings, answers and results.

- `GET/PUT /surveys/settings`: admins (others 403). PUT takes the whole object; unknown fields
  and values out of bounds are a 422.
- `GET /surveys/responses`: staff; answers of the groups they work in (admins: all), newest first,
  cursor-paginated, filtered by kind, ticket, agent, group and answer time.
- `GET /surveys/results`: staff; CSAT %, NPS and CES with response rates over a period, overall,
  per agent and per group (see docs/surveys.md for the definitions).
- `GET /tickets/{id}/surveys`: anyone who may read the ticket (else 404); staff see all its
  surveys, a customer only their own.
- `POST /surveys/invitations/{id}/answer`: the invitation's own customer, signed in (token or
  session), answers like in the portal; anyone else gets 404. Same rules and statuses as below.
- `POST /surveys/answers`: public (no authentication): the token of a survey link, a score and an
  optional comment, with the rules of the answer page: 400 for a tampered token, 404 unknown,
  410 expired or closed, 409 after the change window, 422 for a score the question does not
  offer or a comment that is too long; 201 for the first answer, 200 for a change.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Input, Limit, PageOut, PathId, paginate_list
from supportdesk.core.errors import DomainError, ValidationFailed
from supportdesk.surveys import access, actions, selectors
from supportdesk.surveys.choices import AnswerChannel
from supportdesk.surveys.models import MAX_COMMENT, SurveyInvitation, SurveyResponse, SurveySettings
from supportdesk.surveys.signing import MAX_TOKEN

router = Router(tags=["surveys"])

MAX_ID = 2**63 - 1
OptionalId = Annotated[int | None, Query(None, ge=1, le=MAX_ID)]
Kind = Literal["csat", "nps", "ces"]
MAX_RESULTS_DAYS = 731


class TooManyAnswers(DomainError):
    status = 429


class SurveySettingsOut(Schema):
    csat_enabled: bool
    csat_scale: str = Field(description="five_point (1-5) or good_bad (0 bad, 1 good).")
    ces_enabled: bool
    nps_enabled: bool
    delay_minutes: int
    channel: str = Field(description="email, portal or both (NPS always goes by e-mail).")
    change_window_hours: int
    link_lifetime_days: int
    nps_interval_days: int
    updated_at: dt.datetime


class SurveySettingsIn(Input):
    csat_enabled: bool
    csat_scale: Literal["five_point", "good_bad"]
    ces_enabled: bool
    nps_enabled: bool
    delay_minutes: int = Field(ge=0, le=30 * 24 * 60, description="Minutes after solving before the survey goes out.")
    channel: Literal["email", "portal", "both"]
    change_window_hours: int = Field(ge=0, le=30 * 24, description="Hours after the first answer during which it can be changed.")
    link_lifetime_days: int = Field(ge=1, le=365)
    nps_interval_days: int = Field(ge=1, le=730, description="A customer is asked for NPS at most once in this many days.")


class SurveyResponseOut(Schema):
    id: int
    invitation_id: int
    kind: str
    scale: str
    score: int
    satisfied: bool | None = Field(description="CSAT only: 4-5 of five, or good.")
    comment: str
    channel: str = Field(description="email_link, portal or api.")
    language: str
    answered_at: dt.datetime
    changed_at: dt.datetime | None
    sent_at: dt.datetime | None
    ticket_id: int | None
    customer_id: int
    agent_id: int | None = Field(description="The ticket's owner when it was solved.")
    group_id: int | None
    organization_id: int | None
    ticket_channel: str


class SurveyInvitationOut(Schema):
    id: int
    kind: str
    scale: str
    status: str
    channel: str
    language: str
    created_at: dt.datetime
    send_after: dt.datetime
    sent_at: dt.datetime | None
    expires_at: dt.datetime | None
    response: SurveyResponseOut | None


class CsatFiguresOut(Schema):
    sent: int
    answered: int
    response_rate: float | None = Field(description="Answered / sent x 100, for the surveys sent in the period.")
    answers: int
    value: float | None = Field(description="CSAT %: satisfied answers / answers x 100.")
    satisfied: int


class NpsFiguresOut(Schema):
    sent: int
    answered: int
    response_rate: float | None
    answers: int
    value: float | None = Field(description="NPS: % promoters (9-10) - % detractors (0-6), -100 to 100.")
    promoters: int
    passives: int
    detractors: int


class CesFiguresOut(Schema):
    sent: int
    answered: int
    response_rate: float | None
    answers: int
    value: float | None = Field(description="CES: the average answer, 1 to 7.")
    easy: int
    easy_percent: float | None = Field(description="Answers of 5-7 / answers x 100.")


class SurveyFiguresOut(Schema):
    csat: CsatFiguresOut
    nps: NpsFiguresOut
    ces: CesFiguresOut


class SurveySliceOut(SurveyFiguresOut):
    id: int | None
    name: str


class SurveyResultsOut(Schema):
    start: dt.datetime
    end: dt.datetime
    overall: SurveyFiguresOut
    agents: list[SurveySliceOut]
    groups: list[SurveySliceOut]


class SurveyAnswerIn(Input):
    token: str = Field(min_length=1, max_length=MAX_TOKEN, description="The token of a survey link: /survey/<token>/.")
    score: int = Field(ge=0, le=10, description="CSAT 1-5 (good/bad: 1 good, 0 bad), NPS 0-10, CES 1-7.")
    comment: str | None = Field(None, max_length=MAX_COMMENT * 2, description="Replaces the stored comment; omit to keep it.")


class SurveyOwnAnswerIn(Input):
    score: int = Field(ge=0, le=10, description="CSAT 1-5 (good/bad: 1 good, 0 bad), NPS 0-10, CES 1-7.")
    comment: str | None = Field(None, max_length=MAX_COMMENT * 2, description="Replaces the stored comment; omit to keep it.")


class SurveyAnswerOut(Schema):
    kind: str
    score: int
    comment: str
    answered_at: dt.datetime
    changed_at: dt.datetime | None
    changeable_until: dt.datetime


RESPONSE_FIELDS = tuple(SurveyResponseOut.model_fields)


def settings_out(conf: SurveySettings) -> dict[str, Any]:
    return {name: getattr(conf, name) for name in SurveySettingsOut.model_fields}


def response_out(row: SurveyResponse) -> dict[str, Any]:
    return {name: getattr(row, name) for name in RESPONSE_FIELDS}


def invitation_out(row: SurveyInvitation) -> dict[str, Any]:
    response = selectors.response_of(row)
    data = {name: getattr(row, name) for name in SurveyInvitationOut.model_fields if name != "response"}
    return {**data, "response": response_out(response) if response is not None else None}


@router.get("/surveys/settings", response=SurveySettingsOut, summary="Read the survey settings (admins)")
def read_settings(request: HttpRequest) -> dict[str, Any]:
    access.require_admin(actor(request))
    return settings_out(selectors.get_settings())


@router.put("/surveys/settings", response=SurveySettingsOut, summary="Replace the survey settings (admins)")
def replace_settings(request: HttpRequest, payload: SurveySettingsIn) -> dict[str, Any]:
    actions.update_settings(actor(request), payload.model_dump())
    return settings_out(selectors.get_settings())


@router.get("/surveys/responses", response=PageOut[SurveyResponseOut], summary="List survey answers, newest first (staff)")
def list_responses(
    request: HttpRequest,
    kind: Annotated[Kind | None, Query(None)] = None,
    ticket: OptionalId = None,
    agent: OptionalId = None,
    group: OptionalId = None,
    answered_from: Annotated[dt.datetime | None, Query(None, description="ISO 8601; answers at or after.")] = None,
    answered_to: Annotated[dt.datetime | None, Query(None, description="ISO 8601; answers before.")] = None,
    cursor: Cursor = None,
    limit: Limit = 25,
) -> dict[str, Any]:
    rows = access.visible_responses(actor(request))
    filters = {"kind": kind, "ticket_id": ticket, "agent_id": agent, "group_id": group}
    rows = rows.filter(**{name: value for name, value in filters.items() if value is not None})
    if answered_from is not None:
        rows = rows.filter(answered_at__gte=_aware(answered_from, "answered_from"))
    if answered_to is not None:
        rows = rows.filter(answered_at__lt=_aware(answered_to, "answered_to"))
    page = paginate_list(rows, order=["-answered_at", "-id"], cursor=cursor, limit=limit)
    return {"items": [response_out(row) for row in page.items], "next_cursor": page.next_cursor}


@router.get("/surveys/results", response=SurveyResultsOut, summary="CSAT, NPS and CES with response rates (staff)")
def read_results(
    request: HttpRequest,
    start: Annotated[dt.datetime | None, Query(None, description="ISO 8601; default 30 days before the end.")] = None,
    end: Annotated[dt.datetime | None, Query(None, description="ISO 8601, exclusive; default now.")] = None,
    group: OptionalId = None,
) -> dict[str, Any]:
    user = actor(request)
    end_at = _aware(end, "end") if end is not None else timezone.now()
    start_at = _aware(start, "start") if start is not None else end_at - dt.timedelta(days=30)
    if start_at >= end_at or (end_at - start_at).days > MAX_RESULTS_DAYS:
        raise ValidationFailed(_("Choose a start before the end, at most two years apart."), field_errors={"start": _("Invalid period.")})
    found = selectors.results(access.visible_responses(user), access.visible_invitations(user), start=start_at, end=end_at, group_id=group)

    def figures(kinds: dict[str, selectors.KindFigures]) -> dict[str, Any]:
        return {kind: kinds[kind].as_dict() for kind in ("csat", "nps", "ces")}

    return {
        "start": start_at,
        "end": end_at,
        "overall": figures(found.overall),
        "agents": [{"id": row.id, "name": row.name, **figures(row.kinds)} for row in found.agents],
        "groups": [{"id": row.id, "name": row.name, **figures(row.kinds)} for row in found.groups],
    }


@router.get("/tickets/{ticket_id}/surveys", response=list[SurveyInvitationOut], summary="A ticket's surveys and answers")
def ticket_surveys(request: HttpRequest, ticket_id: PathId) -> list[dict[str, Any]]:
    _ticket, rows = access.ticket_invitations(actor(request), ticket_id)
    return [invitation_out(row) for row in rows]


@router.post(
    "/surveys/answers",
    auth=None,
    response={200: SurveyAnswerOut, 201: SurveyAnswerOut},
    summary="Answer a survey with the token of its link (no authentication)",
)
def answer(request: HttpRequest, payload: SurveyAnswerIn) -> Status[dict[str, Any]]:
    if not access.within_answer_limit(request):
        raise TooManyAnswers(_("Too many requests. Please try again later."))
    now = timezone.now()
    conf = selectors.get_settings()
    invitation, _clicked = access.invitation_from_token(payload.token, conf, now=now)
    outcome = actions.check_answer(invitation, score=payload.score, comment=payload.comment, channel=AnswerChannel.API, now=now)
    return Status(201 if outcome.created else 200, answer_out(outcome, conf))


@router.post(
    "/surveys/invitations/{invitation_id}/answer",
    response={200: SurveyAnswerOut, 201: SurveyAnswerOut},
    summary="Answer one of your own surveys (the invitation's customer)",
)
def answer_own(request: HttpRequest, invitation_id: PathId, payload: SurveyOwnAnswerIn) -> Status[dict[str, Any]]:
    invitation = access.access_own_invitation(actor(request), invitation_id)
    outcome = actions.check_answer(invitation, score=payload.score, comment=payload.comment, channel=AnswerChannel.API)
    return Status(201 if outcome.created else 200, answer_out(outcome, selectors.get_settings()))


def answer_out(outcome: actions.AnswerOutcome, conf: SurveySettings) -> dict[str, Any]:
    response = outcome.response
    return {
        "kind": response.kind,
        "score": response.score,
        "comment": response.comment,
        "answered_at": response.answered_at,
        "changed_at": response.changed_at,
        "changeable_until": selectors.change_deadline(response, conf),
    }


def _aware(value: dt.datetime, name: str) -> dt.datetime:
    if timezone.is_naive(value):
        raise ValidationFailed(_("Give a time with a UTC offset."), field_errors={name: _("Give a time with a UTC offset.")})
    return value
