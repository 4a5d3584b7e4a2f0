"""CSV and XLSX downloads opened back (csv module, openpyxl) and compared cell by cell with the JSON
payload of the same request; formula-like text comes back inert, umlauts intact."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

import openpyxl
import pytest

from supportdesk.accounts.models import User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.reports import tabular
from supportdesk.reports.metrics import KPI_NAMES
from supportdesk.reports.payloads import metric_label
from supportdesk.reports.tests.dataset import CMD, HYPERLINK, WEEK, Dataset

pytestmark = pytest.mark.django_db


def fetch(user: User, report: str, params: str, fmt: str) -> tuple[Any, Any]:
    """(JSON payload, download response) of the same request."""
    client = ApiClient(user)
    joiner = "&" if "?" in report else "?"
    payload = client.get(f"/api/v1/reports/{report}{joiner}{WEEK}&{params}")
    assert payload.status_code == 200, payload.content
    download = client.get(f"/api/v1/reports/{report}{joiner}{WEEK}&{params}&format={fmt}")
    assert download.status_code == 200, download.content
    return payload.json(), download


def csv_rows(response: Any) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the byte order mark
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def xlsx_rows(response: Any) -> list[list[Any]]:
    assert response["Content-Type"] == tabular.CONTENT_TYPES["xlsx"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def text(value: Any) -> str:
    return "" if value is None else str(value)


def blank(value: Any) -> Any:
    """How an empty cell reads back from XLSX."""
    return None if value in (None, "") else value


def overview_expected(body: dict[str, Any]) -> list[list[Any]]:
    rows = [[metric_label(n), n, body["kpis"][n], body["previous_kpis"][n], body["changes"][n]] for n in KPI_NAMES]
    return [*rows, [metric_label("backlog"), "backlog", body["backlog"], None, None]]


def test_overview_csv_matches_the_json(data: Dataset) -> None:
    body, download = fetch(data.admin, "overview", "compare=previous", "csv")
    assert download["Content-Disposition"] == 'attachment; filename="overview-2026-03-02-2026-03-08.csv"'
    rows = csv_rows(download)
    assert rows[0] == ["Metric", "Key", "Value", "Previous period", "Change (%)"]
    assert rows[1:] == [[text(value) for value in row] for row in overview_expected(body)]
    assert rows[1] == ["Created", "created", "4", "2", "100.0"]
    assert rows[4] == ["Reopen rate (%)", "reopen_rate", "33.3", "0.0", ""]


def test_overview_xlsx_matches_the_json_with_typed_cells(data: Dataset) -> None:
    body, download = fetch(data.admin, "overview", "compare=previous", "xlsx")
    assert download["Content-Disposition"] == 'attachment; filename="overview-2026-03-02-2026-03-08.xlsx"'
    rows = xlsx_rows(download)
    assert rows[0] == ["Metric", "Key", "Value", "Previous period", "Change (%)"]
    assert rows[1:] == [[blank(value) for value in row] for row in overview_expected(body)]
    assert rows[1][2] == 4 and isinstance(rows[1][2], int)
    assert rows[5][2] == 33.3  # fcr_rate stays a number


def test_series_and_breakdown_downloads(data: Dataset) -> None:
    body, download = fetch(data.admin, "series", "metrics=created,fcr_rate,backlog&compare=previous", "csv")
    rows = csv_rows(download)
    assert rows[0] == ["Range", "Period", "Created", "First contact resolution (%)", "Backlog"]
    expected = [["Current", p["period"], *(text(p["values"][m]) for m in body["metrics"])] for p in body["points"]]
    expected += [["Previous", p["period"], *(text(p["values"][m]) for m in body["metrics"])] for p in body["previous_points"]]
    assert rows[1:] == expected
    assert rows[1] == ["Current", "2026-03-02", "2", "100.0", "2"]

    body, download = fetch(data.admin, "breakdown", "by=channel", "xlsx")
    rows = xlsx_rows(download)
    assert rows[0] == ["Key", "Name", *(metric_label(name) for name in KPI_NAMES)]
    assert rows[1:] == [[r["key"], r["label"], *(blank(r["kpis"][n]) for n in KPI_NAMES)] for r in body["rows"]]
    assert [row[:3] for row in rows[1:]] == [["email", "E-mail", 2], ["phone", "Phone", 1], ["web", "Web form", 1]]


def test_agents_churn_and_live_downloads(data: Dataset) -> None:
    body, download = fetch(data.supervisor, "agents", "", "csv")
    rows = csv_rows(download)
    assert rows[1:] == [[text(row[c]) for c in tabular.AGENT_COLUMNS] for row in body["rows"]]
    assert rows[1][:6] == [str(data.agent.pk), "Alex Agent", "0", "2", "3", "1800"]
    body, download = fetch(data.admin, "churn", "", "xlsx")
    assert xlsx_rows(download) == [
        ["Population", "Active in the previous period", "Churned", "Churn rate (%)"],
        ["Customers", 2, 1, 50.0],
        ["Organizations", 2, 1, 50.0],
    ]
    body, download = fetch(data.admin, "live", "", "csv")
    assert csv_rows(download) == [
        ["Open", "Unassigned", "At risk", "Breached"],
        [str(body[k]) for k in ("open", "unassigned", "at_risk", "breached")],
    ]


def test_drilldown_exports_make_formulas_inert(data: Dataset) -> None:
    data.bert.full_name = "Jürgen Größe"
    data.bert.save(update_fields=["full_name"])
    body, download = fetch(data.admin, "drilldown", "measure=created", "csv")
    assert download["Content-Disposition"] == 'attachment; filename="drilldown-created-2026-03-02-2026-03-08.csv"'
    rows = csv_rows(download)
    assert rows[0] == ["Id", "Number", "Subject", "State", "Group", "Owner", "Customer", "Created", "Value"]
    subjects = [row[2] for row in rows[1:]]
    assert subjects == ["'" + CMD, "'" + HYPERLINK, "Mail quota", "Printer on fire"]
    assert [row[6] for row in rows[1:3]] == ["Jürgen Größe", "Jürgen Größe"]
    for row, item in zip(rows[1:], body["items"], strict=True):
        assert row[0] == str(item["id"]) and row[1] == str(item["number"]) and row[3] == item["state"]
        assert row[4] == item["group"] and row[5] == text(item["owner"]) and row[8] == text(item["value"])
        assert datetime.fromisoformat(row[7]) == datetime.fromisoformat(item["created_at"].replace("Z", "+00:00"))

    body, download = fetch(data.admin, "drilldown", "measure=created", "xlsx")
    rows = xlsx_rows(download)
    assert [row[2] for row in rows[1:]] == ["'" + CMD, "'" + HYPERLINK, "Mail quota", "Printer on fire"]
    assert rows[1][7] == datetime(2026, 3, 4, 9, 0)  # local (UTC here) wall time; Excel has no zones
    assert [row[0] for row in rows[1:]] == [item["id"] for item in body["items"]]
    assert [row[8] for row in rows[1:]] == [item["value"] for item in body["items"]]


def test_drilldown_export_takes_every_page(data: Dataset) -> None:
    _body, download = fetch(data.admin, "drilldown", "measure=created&limit=1", "csv")
    assert len(csv_rows(download)) == 1 + 4  # limit and cursor page the JSON list only


def test_cells_are_cleaned_of_control_characters() -> None:
    table = tabular.Table("x", ["A"], [["\x00=1+2"], ["ok\x07"], [-5], [None]])
    assert list(csv.reader(io.StringIO(tabular.to_csv(table).decode("utf-8-sig")))) == [["A"], ["'=1+2"], ["ok"], ["-5"], [""]]
    sheet = openpyxl.load_workbook(io.BytesIO(tabular.to_xlsx(table))).active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["A", "'=1+2", "ok", -5, None]
