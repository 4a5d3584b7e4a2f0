"""The demo's surveys: CSAT, CES and some NPS answers for part of the solved tickets, in the
customers' languages, dated after each ticket was solved.

Call after the tickets' timestamps are spread (their solved and closed times are history then).
Survey settings are switched on (CSAT on five points, CES, NPS), so tickets solved while someone
tries the demo are surveyed too. Invitations are written as the planner would (skipped for
customers who must not be asked) and marked sent when their time has passed; answers go through
surveys.actions.do_record_answer at their own moment, so the results page shows only states the
product can produce. Deterministic for a given list of tickets. Safe to run after the tickets'
events were delivered: what the planner made of them and has not sent yet is replaced, and what
was sent already is kept.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction

from supportdesk.email_gateway.compose import customer_language
from supportdesk.surveys.actions import do_record_answer
from supportdesk.surveys.choices import AnswerChannel, CsatScale, DeliveryChannel, InvitationStatus, SurveyKind
from supportdesk.surveys.models import NpsSchedule, SurveyInvitation, SurveySettings
from supportdesk.surveys.scheduling import new_key, skip_reason
from supportdesk.surveys.selectors import get_settings
from supportdesk.surveys.texts import survey_language
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Ticket

SEED = 2026
DELAY = timedelta(hours=1)
CSAT_SHARE, CES_SHARE, NPS_SHARE = 0.85, 0.5, 0.6  # of solved tickets / of their customers
ANSWER_RATE: dict[str, float] = {SurveyKind.CSAT: 0.62, SurveyKind.CES: 0.55, SurveyKind.NPS: 0.48}
COMMENT_RATE = 0.4
GOOD_FROM: dict[str, int] = {SurveyKind.CSAT: 4, SurveyKind.CES: 5, SurveyKind.NPS: 8}  # scores whose comment is praise
PORTAL_SHARE = 0.25
# (score, weight): mostly content customers, with a tail of unhappy ones.
WEIGHTS: dict[str, tuple[tuple[int, int], ...]] = {
    SurveyKind.CSAT: ((5, 44), (4, 26), (3, 12), (2, 10), (1, 8)),
    SurveyKind.CES: ((7, 24), (6, 26), (5, 18), (4, 12), (3, 9), (2, 6), (1, 5)),
    SurveyKind.NPS: ((10, 22), (9, 22), (8, 16), (7, 12), (6, 8), (5, 6), (4, 4), (3, 4), (2, 2), (1, 2), (0, 2)),
}
COMMENTS = {
    "en": {
        "good": ["Quick and friendly, thank you!", "Solved on the first try.", "Great service as always."],
        "bad": ["I had to explain the problem three times.", "Took far too long.", "The answer did not fix my issue."],
    },
    "de": {
        "good": ["Schnell und freundlich, danke!", "Beim ersten Versuch gelöst.", "Sehr kompetente Hilfe."],
        "bad": ["Ich musste das Problem dreimal erklären.", "Hat viel zu lange gedauert.", "Die Antwort hat mein Problem nicht gelöst."],
    },
    "hu": {
        "good": ["Gyors és barátságos, köszönöm!", "Elsőre megoldották.", "Nagyon segítőkészek voltak."],
        "bad": ["Háromszor kellett elmagyaráznom a problémát.", "Túl sokáig tartott.", "A válasz nem oldotta meg a gondomat."],
    },
    "lv": {
        "good": ["Ātri un laipni, paldies!", "Atrisināts ar pirmo reizi.", "Ļoti zinoša palīdzība."],
        "bad": ["Problēmu nācās skaidrot trīs reizes.", "Tas aizņēma pārāk ilgu laiku.", "Atbilde manu problēmu neatrisināja."],
    },
}


def load_surveys(ticket_ids: list[int], now: datetime) -> dict[str, int]:
    """Survey part of the solved and closed tickets among `ticket_ids`; return what was made."""
    rng = random.Random(SEED + len(ticket_ids))
    counts = {"invitations": 0, "answers": 0, "csat": 0, "ces": 0, "nps": 0, "skipped": 0}
    with transaction.atomic():
        conf = _switch_on()
        tickets = list(
            Ticket.objects.filter(pk__in=ticket_ids, state__in=(State.SOLVED, State.CLOSED)).select_related("customer").order_by("pk")
        )
        customers = {ticket.customer_id for ticket in tickets}
        _forget_planned(ticket_ids, customers)
        nps_done: set[int] = set(NpsSchedule.objects.filter(customer__in=customers).values_list("customer_id", flat=True))
        for ticket in tickets:
            solved = min(moment for moment in (ticket.solved_at, ticket.closed_at, ticket.updated_at) if moment is not None)
            reason = skip_reason(ticket.customer)
            kinds = [kind for kind, share in ((SurveyKind.CSAT, CSAT_SHARE), (SurveyKind.CES, CES_SHARE)) if rng.random() < share]
            for kind in kinds:
                invitation = _invitation(kind, ticket, conf, solved=solved, now=now, reason=reason)
                counts["invitations"] += 1
                counts["skipped"] += int(bool(reason))
                if not reason and _answer(rng, invitation, now=now):
                    counts["answers"] += 1
                    counts[kind] += 1
            if not reason and ticket.customer_id not in nps_done and rng.random() < NPS_SHARE:
                nps_done.add(ticket.customer_id)
                invitation = _invitation(SurveyKind.NPS, ticket, conf, solved=solved + timedelta(days=1), now=now, reason="")
                NpsSchedule.objects.update_or_create(customer_id=ticket.customer_id, defaults={"last_invited_at": invitation.created_at})
                counts["invitations"] += 1
                if _answer(rng, invitation, now=now):
                    counts["answers"] += 1
                    counts["nps"] += 1
    return counts


def _forget_planned(ticket_ids: list[int], customers: set[int]) -> None:
    """Drop what the planner made of the loader's own ticket events (not yet sent, so nobody was
    asked): the demo writes its history instead, and nothing goes out for old tickets."""
    pending = SurveyInvitation.objects.filter(status=InvitationStatus.PENDING)
    pending.filter(ticket_id__in=ticket_ids).delete()
    planned_nps = pending.filter(kind=SurveyKind.NPS, customer_id__in=customers)
    NpsSchedule.objects.filter(customer_id__in=set(planned_nps.values_list("customer_id", flat=True))).delete()
    planned_nps.delete()


def _switch_on() -> SurveySettings:
    conf = get_settings()
    conf.csat_enabled = conf.ces_enabled = conf.nps_enabled = True
    conf.csat_scale, conf.channel = CsatScale.FIVE_POINT, DeliveryChannel.BOTH
    conf.save()
    return conf


def _invitation(kind: str, ticket: Ticket, conf: SurveySettings, *, solved: datetime, now: datetime, reason: str) -> SurveyInvitation:
    """The invitation as the planner and the sweep would have left it by `now`."""
    send_after = solved + DELAY
    sent = not reason and send_after <= now
    status = InvitationStatus.SKIPPED if reason else InvitationStatus.SENT if sent else InvitationStatus.PENDING
    values = {
        "scale": conf.csat_scale if kind == SurveyKind.CSAT else "",
        "customer": ticket.customer,
        "agent_id": ticket.owner_id,
        "group_id": ticket.group_id,
        "organization_id": ticket.organization_id,
        "ticket_channel": ticket.channel,
        "language": survey_language(customer_language(ticket)),
        "channel": DeliveryChannel.EMAIL if kind == SurveyKind.NPS else conf.channel,
        "status": status,
        "skip_reason": reason,
        "created_at": solved,
        "send_after": send_after,
        "queued_at": send_after if sent else None,
        "sent_at": send_after if sent else None,
        "expires_at": send_after + timedelta(days=conf.link_lifetime_days) if sent else None,
    }
    if kind == SurveyKind.NPS:
        return SurveyInvitation.objects.create(kind=kind, ticket=None, key=new_key(), **values)
    # One that already went out (a worker was running) is real history: keep it as it is.
    existing = SurveyInvitation.objects.filter(kind=kind, ticket=ticket).first()
    if existing is not None:
        return existing
    return SurveyInvitation.objects.create(kind=kind, ticket=ticket, key=new_key(), **values)


def _answer(rng: random.Random, invitation: SurveyInvitation, *, now: datetime) -> bool:
    if invitation.status != InvitationStatus.SENT or invitation.sent_at is None or rng.random() >= ANSWER_RATE[invitation.kind]:
        return False
    answered_at = min(invitation.sent_at + timedelta(minutes=rng.randint(4, 60 * 36)), now)
    weights = WEIGHTS[invitation.kind]
    score = rng.choices([score for score, _weight in weights], weights=[weight for _score, weight in weights])[0]
    comment = ""
    if rng.random() < COMMENT_RATE:
        tone = "good" if score >= GOOD_FROM[invitation.kind] else "bad"
        comment = rng.choice(COMMENTS.get(invitation.language, COMMENTS["en"])[tone])
    channel = AnswerChannel.PORTAL if invitation.kind != SurveyKind.NPS and rng.random() < PORTAL_SHARE else AnswerChannel.EMAIL_LINK
    do_record_answer(invitation.pk, score=score, comment=comment, channel=channel, now=answered_at)
    return True
