"""Cells for CSV and XLSX exports that a spreadsheet shows as text, never runs as a formula.

A customer who names a ticket "=HYPERLINK(...)" or "+cmd|..." must not get a formula into a
supervisor's spreadsheet (CSV injection, OWASP). Text starting with one of the characters that
spreadsheets treat as the start of a formula (= + - @, tab, carriage return) gets a leading
apostrophe; numbers, dates and booleans stay typed, so a negative number is still a number.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32_767  # Excel's limit for one cell


def safe_cell(value: Any) -> Any:
    """The value to write into a cell: typed values as they are, text made inert and bounded."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal | datetime | date):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return text[:MAX_CELL]


def safe_row(values: Any) -> list[Any]:
    return [safe_cell(value) for value in values]
