"""Report payloads as tables, written as CSV or XLSX downloads (any report of the API, the mail's
attachments).

A payload becomes a header and rows (one function per report, reading the same dictionary the
JSON answer carries). Every cell passes through reports.exports.safe_cell, after control characters
a spreadsheet cannot hold are removed, so a ticket subject "=HYPERLINK(...)" arrives as inert text
(BAD-INPUTS 29). CSV is UTF-8 with a byte order mark, which makes Excel read umlauts right; XLSX
keeps numbers and dates typed, with times in the instance's time zone (Excel has no zones).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from supportdesk.reports.exports import safe_cell
from supportdesk.reports.metrics import KPI_NAMES
from supportdesk.reports.payloads import metric_label
from supportdesk.reports.ticket_facts import report_zone

FORMATS = ("json", "csv", "xlsx")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# Characters XML 1.0 (and so XLSX) cannot contain; tab, LF and CR are allowed.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SHEET_NAME_UNSAFE = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Table:
    name: str  # sheet name and file name stem
    header: list[str]
    rows: list[list[Any]]


def cell(value: Any) -> Any:
    """A value ready for a spreadsheet: control characters removed, formulas made inert."""
    if isinstance(value, str):
        value = ILLEGAL.sub("", value)
    elif value is not None and not isinstance(value, bool | int | float | date):
        value = ILLEGAL.sub("", str(value))  # lazy translations and other objects as their text
    return safe_cell(value)


def overview_table(payload: dict[str, Any]) -> Table:
    header = [_("Metric"), _("Key"), _("Value"), _("Previous period"), _("Change (%)")]
    previous = payload.get("previous_kpis") or {}
    changes = payload.get("changes") or {}
    rows = [[metric_label(name), name, payload["kpis"][name], previous.get(name), changes.get(name)] for name in KPI_NAMES]
    rows.append([metric_label("backlog"), "backlog", payload["backlog"], None, None])
    return Table("overview", header, rows)


def series_table(payload: dict[str, Any]) -> Table:
    metrics = payload["metrics"]
    header = [_("Range"), _("Period"), *(metric_label(name) for name in metrics)]
    rows = [[_("Current"), point["period"], *(point["values"][name] for name in metrics)] for point in payload["points"]]
    for point in payload.get("previous_points") or []:
        rows.append([_("Previous"), point["period"], *(point["values"][name] for name in metrics)])
    return Table("series", header, rows)


def breakdown_table(payload: dict[str, Any]) -> Table:
    header = [_("Key"), _("Name"), *(metric_label(name) for name in KPI_NAMES)]
    rows = [[row["key"], row["label"], *(row["kpis"][name] for name in KPI_NAMES)] for row in payload["rows"]]
    return Table(f"breakdown-{payload['by']}", header, rows)


AGENT_COLUMNS = ("agent_id", "name", "open_now", "solved", "replies", "tracked_seconds", "aht_seconds", "fcr_rate", "csat", "occupancy")


def agents_table(payload: dict[str, Any]) -> Table:
    header = [
        _("Agent id"), _("Agent"), _("Open now"), metric_label("solved"), metric_label("replies"), metric_label("tracked_seconds"),
        metric_label("aht_seconds"), metric_label("fcr_rate"), metric_label("csat"), _("Occupancy (%)"),
    ]  # fmt: skip
    return Table("agents", header, [[row[column] for column in AGENT_COLUMNS] for row in payload["rows"]])


def churn_table(payload: dict[str, Any]) -> Table:
    header = [_("Population"), _("Active in the previous period"), _("Churned"), _("Churn rate (%)")]
    names = {"customers": _("Customers"), "organizations": _("Organizations")}
    rows = [[names[key], payload[key]["previous_active"], payload[key]["churned"], payload[key]["rate"]] for key in names]
    return Table("churn", header, rows)


def live_table(payload: dict[str, Any]) -> Table:
    header = [_("Open"), _("Unassigned"), _("At risk"), _("Breached")]
    return Table("live", header, [[payload["open"], payload["unassigned"], payload["at_risk"], payload["breached"]]])


DRILLDOWN_COLUMNS = ("id", "number", "subject", "state", "group", "owner", "customer", "created_at", "value")


def drilldown_table(payload: dict[str, Any]) -> Table:
    header = [_("Id"), _("Number"), _("Subject"), _("State"), _("Group"), _("Owner"), _("Customer"), _("Created"), _("Value")]
    return Table(f"drilldown-{payload['measure']}", header, [[item[column] for column in DRILLDOWN_COLUMNS] for item in payload["items"]])


TABLES: dict[str, Callable[[dict[str, Any]], Table]] = {
    "overview": overview_table,
    "series": series_table,
    "breakdown": breakdown_table,
    "agents": agents_table,
    "churn": churn_table,
    "live": live_table,
    "drilldown": drilldown_table,
}


def _csv_value(value: Any) -> Any:
    value = cell(value)
    return value.isoformat() if isinstance(value, date) else value


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_value(name) for name in table.header])
    writer.writerows([_csv_value(value) for value in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    value = cell(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(report_zone()).replace(tzinfo=None)
    return value


def to_xlsx(table: Table) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=SHEET_NAME_UNSAFE.sub("-", table.name)[:31] or "report")
    sheet.append([_xlsx_value(name) for name in table.header])
    for row in table.rows:
        sheet.append([_xlsx_value(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render(table: Table, fmt: str) -> bytes:
    return to_xlsx(table) if fmt == "xlsx" else to_csv(table)


def file_name(table: Table, fmt: str, *, suffix: str = "") -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{table.name}{'-' + suffix if suffix else ''}").strip("-") or "report"
    return f"{stem[:100]}.{fmt}"


def download(report: str, payload: dict[str, Any], fmt: str, *, suffix: str = "") -> HttpResponse:
    """The payload of one report as an attachment in `fmt` (csv or xlsx)."""
    table = TABLES[report](payload)
    response = HttpResponse(render(table, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name(table, fmt, suffix=suffix)}"'
    return response
