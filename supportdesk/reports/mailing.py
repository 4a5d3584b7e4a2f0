"""The weekly report mail: the overview KPIs of the last seven local days against the week before,
as HTML and text, with the CSV/XLSX export attached, in the owner's language.

Sending follows the project's outbound path (email_gateway.sending.send_message, like the survey
mails): an automatic message (Auto-Submitted, X-Auto-Response-Suppress) from DEFAULT_FROM_EMAIL.

Scheduling: the `reports.mail` sweep (every five minutes, registered by `register_mail_sweep`)
sends each active schedule once per week, at the first sweep after its weekday and hour in the
instance's time zone. Several workers may sweep at once, so a schedule is claimed with one
conditional UPDATE (`last_sent_at` older than the due moment) and only the worker whose UPDATE
changed the row sends; a failed delivery gives the claim back so a later sweep retries. A
schedule created after this week's moment first sends next week.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from supportdesk.core.errors import DomainError, PermissionDenied
from supportdesk.core.sweeps import register_sweep
from supportdesk.email_gateway.compose import UnsafeHeader, checked_address, one_line, sender
from supportdesk.email_gateway.sending import send_message, undeliverable
from supportdesk.reports import payloads, tabular
from supportdesk.reports.metrics import change
from supportdesk.reports.models import ReportSchedule
from supportdesk.reports.queries import backlog
from supportdesk.reports.scope import report_filter
from supportdesk.reports.ticket_facts import report_zone

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 300
REPORT_DAYS = 7
MAIL_KPIS = (
    "created", "solved", "backlog", "frt_wall_median", "resolution_wall_median", "sla_first_response", "sla_resolution",
    "fcr_rate", "aht_seconds", "reopen_rate", "csat", "nps", "ces",
)  # fmt: skip
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
DASH = "–"


class MailNotSent(DomainError):
    """The mail server did not accept the report mail (send now); the message is safe to show."""

    status = 502


def register_mail_sweep() -> None:
    register_sweep("reports.mail", SWEEP_SECONDS, run_mail_sweep)


# --- When -----------------------------------------------------------------------------------------


def due_moment(weekday: int, hour: int, now: datetime, zone: ZoneInfo | None = None) -> datetime:
    """The latest moment at or before `now` that falls on `weekday` (0 Monday) at `hour` local time."""
    zone = zone or report_zone()
    local_now = now.astimezone(zone)
    day = local_now.date() - timedelta(days=(local_now.weekday() - weekday) % 7)
    # In UTC at once: a wall time in a clock change's gap compares unequal across zones (PEP 495);
    # an hour that does not exist that day stands for the moment of the jump.
    moment = datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)
    if moment > now:
        moment = datetime.combine(day - timedelta(days=7), time(hour), tzinfo=zone).astimezone(UTC)
    return moment


def report_days(moment: datetime, zone: ZoneInfo | None = None) -> tuple[date, date]:
    """The seven whole local days before the day of `moment`."""
    end = moment.astimezone(zone or report_zone()).date() - timedelta(days=1)
    return end - timedelta(days=REPORT_DAYS - 1), end


def claim(schedule_id: int, due: datetime, now: datetime) -> bool:
    """Take this week's sending of a schedule; True for exactly one caller per due moment."""
    rows = ReportSchedule.objects.filter(pk=schedule_id, is_active=True, created_at__lte=due)
    return rows.filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lt=due)).update(last_sent_at=now) == 1


def release(schedule_id: int, claimed_at: datetime, previous: datetime | None) -> None:
    """Give a claim back after a failed delivery (only if nobody claimed it since)."""
    ReportSchedule.objects.filter(pk=schedule_id, last_sent_at=claimed_at).update(last_sent_at=previous)


def run_mail_sweep(*, now: datetime | None = None) -> int:
    """Send every schedule that is due and not yet sent for its due moment; returns how many went out."""
    now = now or timezone.now()
    sent = 0
    for schedule in ReportSchedule.objects.filter(is_active=True, owner__is_active=True).select_related("owner").order_by("id"):
        due = due_moment(schedule.weekday, schedule.hour, now)
        if schedule.created_at > due or (schedule.last_sent_at is not None and schedule.last_sent_at >= due):
            continue
        if not claim(schedule.pk, due, now):
            continue  # another worker has it
        try:
            failure = deliver(schedule, days=report_days(due))
        except (PermissionDenied, UnsafeHeader) as exc:
            logger.warning("report schedule %s not sent: %s", schedule.pk, exc)  # stays claimed: no retry every 5 minutes
            continue
        except Exception:
            logger.exception("report schedule %s failed; retrying at a later sweep", schedule.pk)
            release(schedule.pk, now, schedule.last_sent_at)
            continue
        if failure is None:
            sent += 1
        else:
            logger.warning("report schedule %s: mail failed (%s); retrying at a later sweep", schedule.pk, failure)
            release(schedule.pk, now, schedule.last_sent_at)
    return sent


def send_now(schedule: ReportSchedule, *, now: datetime | None = None) -> tuple[date, date]:
    """Send a schedule's mail at once for the last seven whole days (the weekly sending is not
    affected). Raises MailNotSent when the mail server refuses it; returns the days covered."""
    days = report_days(now or timezone.now())
    try:
        failure = deliver(schedule, days=days)
    except UnsafeHeader:
        raise MailNotSent(_("The owner's e-mail address cannot be used.")) from None
    if failure is not None:
        raise MailNotSent(_("The mail server did not accept the report mail. Try again later."))
    return days


# --- What -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiLine:
    name: str
    label: str
    value: str
    previous: str
    change: str


def owner_language(schedule: ReportSchedule) -> str:
    code = schedule.owner.language
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def format_duration(value: float | None) -> str:
    if value is None:
        return DASH
    seconds = round(value)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return _("%(d)d d %(h)d h") % {"d": days, "h": hours}
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    if minutes:
        return _("%(minutes)d min") % {"minutes": minutes}
    return _("%(s)d s") % {"s": secs}


def format_value(name: str, value: Any) -> str:
    """A KPI as the reader's locale writes it: percentages with one decimal, durations in words."""
    if value is None:
        return DASH
    if name in payloads.SECONDS_KPIS:
        return format_duration(value)
    if name in payloads.PERCENT_KPIS:
        return f"{formats.number_format(value, 1)} %"
    if isinstance(value, float):
        return str(formats.number_format(value, 2 if name == "ces" else 1))
    return str(formats.number_format(value, force_grouping=True))


def format_change(value: float | None) -> str:
    if value is None:
        return DASH
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{formats.number_format(abs(value), 1)} %"


def kpi_lines(payload: dict[str, Any], previous_backlog: int) -> list[KpiLine]:
    current = {**payload["kpis"], "backlog": payload["backlog"]}
    previous = {**(payload["previous_kpis"] or {}), "backlog": previous_backlog}
    changes = {**(payload["changes"] or {}), "backlog": change(payload["backlog"], previous_backlog)}
    return [
        KpiLine(name, str(payloads.KPI_LABELS[name]), format_value(name, current[name]), format_value(name, previous.get(name)),
                format_change(changes.get(name)))
        for name in MAIL_KPIS
    ]  # fmt: skip


def filter_lines(flt_filters: dict[str, list[Any]]) -> list[str]:
    """ "Groups: Support, Billing" lines for the filters the schedule saved (none: everything visible)."""
    names = {"group": _("Groups"), "channel": _("Channels"), "agent": _("Agents"), "organization": _("Organizations")}
    lines = []
    for key, title in names.items():
        values = flt_filters.get(key) or []
        if values:
            labels = payloads.key_labels(key, [str(v) if key == "channel" else int(v) for v in values])
            lines.append(f"{title}: {', '.join(labels.values())}")
    return lines


def compose_report_mail(schedule: ReportSchedule, *, days: tuple[date, date]) -> EmailMultiAlternatives:
    """The mail of one schedule for these days, in the owner's language. Raises PermissionDenied
    when the owner may no longer see these numbers, UnsafeHeader for an unusable address."""
    owner = schedule.owner
    language = owner_language(schedule)
    start, end = days
    with translation.override(language):
        flt = report_filter(owner, {**schedule.filters, "from": start, "to": end})
        payload = payloads.overview(flt, compare=True)
        previous_backlog = backlog(flt.previous())[-1][1]
        period = f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} – {formats.date_format(end, 'SHORT_DATE_FORMAT')}"
        subject = one_line(_("Weekly report “%(name)s”: %(period)s") % {"name": schedule.name, "period": period})
        query = f"?from={start.isoformat()}&to={end.isoformat()}"
        context = {
            "language": language,
            "title": subject,
            "greeting": _("Hello %(name)s,") % {"name": one_line(owner.display_name)[:100]},
            "intro": _("here are the figures of %(period)s, compared with the week before.") % {"period": period},
            "filters": filter_lines(schedule.filters),
            "lines": kpi_lines(payload, previous_backlog),
            "dashboard_url": f"{settings.SUPPORTDESK_BASE_URL.rstrip('/')}/reports/{query}",
            "footer": _("You receive this mail because of the report schedule “%(name)s”. Change or delete it under Reports.")
            % {"name": schedule.name},
        }
        body = render_to_string("reports/mail/weekly.txt", context)
        html = render_to_string("reports/mail/weekly.html", context)
        table = tabular.overview_table(payload)
    from_header, _address = sender(None)
    message = EmailMultiAlternatives(
        subject=subject[:250],
        body=body,
        from_email=from_header,
        to=[checked_address(owner.email)],
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All", "Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    suffix = f"{start.isoformat()}-{end.isoformat()}"
    if schedule.attach_csv:
        message.attach(tabular.file_name(table, "csv", suffix=suffix), tabular.to_csv(table), "text/csv")
    if schedule.attach_xlsx:
        message.attach(tabular.file_name(table, "xlsx", suffix=suffix), tabular.to_xlsx(table), tabular.CONTENT_TYPES["xlsx"])
    return message


def deliver(schedule: ReportSchedule, *, days: tuple[date, date]) -> str | None:
    """Compose and send one schedule's mail; None when sent, else a secret-free error text."""
    if undeliverable([schedule.owner.email]):
        # A hard bounce marked the address: treated like an unusable one (no retries every sweep).
        raise UnsafeHeader("address marked undeliverable")
    message = compose_report_mail(schedule, days=days)
    failure = send_message(message)
    if failure is None:
        logger.info("report schedule %s mailed for %s..%s", schedule.pk, days[0], days[1])
        return None
    return failure.error
