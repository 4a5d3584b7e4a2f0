"""Reads of the surveys domain: the settings row, results, answer lists, ticket and portal panels.

Every staff read goes through access.visible_invitations / visible_responses (the group scope);
results are a fixed number of grouped queries (overall, per agent, per group) whatever the size
of the period, each on an index that starts with the time column or the dimension and kind.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from supportdesk.accounts.models import Group, User
from supportdesk.surveys import figures
from supportdesk.surveys.choices import (
    CES_EASY_MIN,
    DELIVERED_STATUSES,
    NPS_PASSIVE_MIN,
    NPS_PROMOTER_MIN,
    PORTAL_CHANNELS,
    TICKET_KINDS,
    InvitationStatus,
    SurveyKind,
)
from supportdesk.surveys.models import SurveyInvitation, SurveyResponse, SurveySettings

MAX_COMMENTS = 20
MAX_ROWS = 200  # agents or groups listed in results


def get_settings() -> SurveySettings:
    """The settings row, created with the defaults on first read."""
    row = SurveySettings.objects.filter(pk=1).first()
    if row is None:
        row, _created = SurveySettings.objects.get_or_create(pk=1)
    return row


def change_deadline(response: SurveyResponse, conf: SurveySettings) -> datetime:
    """Until when an answer may still be changed: the change window from the first answer."""
    return response.answered_at + timedelta(hours=conf.change_window_hours)


# -- results -----------------------------------------------------------------------------------


@dataclass
class KindFigures:
    """One kind of survey over one slice: counts and its figure (see figures.py)."""

    kind: str
    sent: int = 0
    answered: int = 0
    answers: int = 0
    satisfied: int = 0
    promoters: int = 0
    passives: int = 0
    detractors: int = 0
    easy: int = 0
    score_sum: int = 0

    @property
    def response_rate(self) -> float | None:
        return figures.response_rate(self.answered, self.sent)

    @property
    def value(self) -> float | None:
        """CSAT %, NPS or the CES average."""
        if self.kind == SurveyKind.CSAT:
            return figures.csat_percent(self.satisfied, self.answers)
        if self.kind == SurveyKind.NPS:
            return figures.net_promoter_score(self.promoters, self.detractors, self.answers)
        return figures.ces_average(self.score_sum, self.answers)

    @property
    def easy_percent(self) -> float | None:
        return figures.percent(self.easy, self.answers) if self.kind == SurveyKind.CES else None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "sent": self.sent,
            "answered": self.answered,
            "response_rate": self.response_rate,
            "answers": self.answers,
            "value": self.value,
        }
        if self.kind == SurveyKind.CSAT:
            data["satisfied"] = self.satisfied
        elif self.kind == SurveyKind.NPS:
            data.update(promoters=self.promoters, passives=self.passives, detractors=self.detractors)
        else:
            data.update(easy=self.easy, easy_percent=self.easy_percent)
        return data


def _empty_row() -> dict[str, KindFigures]:
    return {kind: KindFigures(kind) for kind in SurveyKind.values}


@dataclass
class SliceRow:
    """Figures of one agent or group (id None: no agent / no group)."""

    id: int | None
    name: str
    kinds: dict[str, KindFigures] = field(default_factory=_empty_row)


@dataclass
class Results:
    start: datetime
    end: datetime
    overall: dict[str, KindFigures]
    agents: list[SliceRow]
    groups: list[SliceRow]
    comments: list[SurveyResponse]


ANSWER_COUNTS = {
    "answers": Count("id"),
    "satisfied": Count("id", filter=Q(satisfied=True)),
    "promoters": Count("id", filter=Q(kind=SurveyKind.NPS, score__gte=NPS_PROMOTER_MIN)),
    "passives": Count("id", filter=Q(kind=SurveyKind.NPS, score__gte=NPS_PASSIVE_MIN, score__lt=NPS_PROMOTER_MIN)),
    "detractors": Count("id", filter=Q(kind=SurveyKind.NPS, score__lt=NPS_PASSIVE_MIN)),
    "easy": Count("id", filter=Q(kind=SurveyKind.CES, score__gte=CES_EASY_MIN)),
    "score_sum": Sum("score"),
}
SENT_COUNTS = {"sent": Count("id"), "answered": Count("id", filter=Q(status=InvitationStatus.ANSWERED))}


def _fill(
    rows: dict[Any, dict[str, KindFigures]],
    answers: QuerySet[SurveyResponse],
    sent: QuerySet[SurveyInvitation],
    dimension: str | None,
) -> None:
    keys = [dimension, "kind"] if dimension else ["kind"]
    for item in answers.order_by().values(*keys).annotate(**ANSWER_COUNTS):
        figures_ = rows[item[dimension] if dimension else None].setdefault(item["kind"], KindFigures(item["kind"]))
        for name in ANSWER_COUNTS:
            setattr(figures_, name, int(item[name] or 0))
    for item in sent.order_by().values(*keys).annotate(**SENT_COUNTS):
        figures_ = rows[item[dimension] if dimension else None].setdefault(item["kind"], KindFigures(item["kind"]))
        figures_.sent, figures_.answered = int(item["sent"]), int(item["answered"])


def results(
    responses: QuerySet[SurveyResponse],
    invitations: QuerySet[SurveyInvitation],
    *,
    start: datetime,
    end: datetime,
    group_id: int | None = None,
) -> Results:
    """CSAT, NPS and CES over [start, end): overall, per agent (ticket owner at solve time) and per
    group, with response rates, and the latest comments. `responses` and `invitations` are the
    caller's visible ones (access.visible_responses / visible_invitations)."""
    answers = responses.filter(answered_at__gte=start, answered_at__lt=end)
    sent = invitations.filter(sent_at__gte=start, sent_at__lt=end, status__in=DELIVERED_STATUSES)
    if group_id is not None:
        answers, sent = answers.filter(group_id=group_id), sent.filter(group_id=group_id)
    overall: dict[Any, dict[str, KindFigures]] = defaultdict(_empty_row)
    _fill(overall, answers, sent, None)
    by_agent: dict[Any, dict[str, KindFigures]] = defaultdict(_empty_row)
    _fill(by_agent, answers, sent, "agent_id")
    by_group: dict[Any, dict[str, KindFigures]] = defaultdict(_empty_row)
    _fill(by_group, answers, sent, "group_id")
    agents = User.objects.filter(pk__in=[pk for pk in by_agent if pk is not None]).values_list("pk", "full_name", "email")
    agent_names = {pk: full_name or email for pk, full_name, email in agents}
    group_names = dict(Group.objects.filter(pk__in=[pk for pk in by_group if pk is not None]).values_list("pk", "name"))
    comments = list(
        answers.exclude(comment="").select_related("ticket", "agent", "customer").order_by("-answered_at", "-id")[:MAX_COMMENTS]
    )
    return Results(
        start=start,
        end=end,
        overall=overall[None],
        agents=_rows(by_agent, agent_names),
        groups=_rows(by_group, group_names),
        comments=comments,
    )


def _rows(by_key: dict[Any, dict[str, KindFigures]], names: dict[int, str]) -> list[SliceRow]:
    rows = [SliceRow(id=key, name=names.get(key, "") if key is not None else "", kinds=kinds) for key, kinds in by_key.items()]
    rows.sort(key=lambda row: (row.id is None, row.name.lower(), row.id or 0))
    return rows[:MAX_ROWS]


def response_of(invitation: SurveyInvitation) -> SurveyResponse | None:
    """The invitation's answer, or None (the reverse one-to-one raises when there is none)."""
    try:
        return invitation.response
    except SurveyResponse.DoesNotExist:
        return None


# -- panels ------------------------------------------------------------------------------------


def portal_invitations(ticket_id: int, customer_id: int) -> list[SurveyInvitation]:
    """The ticket surveys offered to its customer in the portal: delivered (or being mailed)."""
    return list(
        SurveyInvitation.objects.filter(
            ticket_id=ticket_id,
            customer_id=customer_id,
            kind__in=TICKET_KINDS,
            channel__in=PORTAL_CHANNELS,
            status__in=(InvitationStatus.QUEUED, InvitationStatus.SENT, InvitationStatus.ANSWERED),
        )
        .select_related("response")
        .order_by("id")
    )


def ticket_invitations_for_staff(ticket_id: int) -> list[SurveyInvitation]:
    """Every survey of a ticket with its answer, for the agent sidebar (the caller checked access)."""
    return list(SurveyInvitation.objects.filter(ticket_id=ticket_id).select_related("response").order_by("id"))
