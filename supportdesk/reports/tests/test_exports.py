"""Export cells: formulas made inert, typed values kept."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from supportdesk.reports.exports import MAX_CELL, safe_cell, safe_row


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Printer on fire", "Printer on fire"),
        ("a=b", "a=b"),
        (None, ""),
    ],
)
def test_text_cells(value: object, cell: str) -> None:
    assert safe_cell(value) == cell


def test_typed_values_stay_typed() -> None:
    moment = datetime(2026, 11, 23, tzinfo=UTC)
    assert safe_row([-3, 2.5, Decimal("-1.5"), True, date(2026, 11, 23), moment]) == [
        -3,
        2.5,
        Decimal("-1.5"),
        True,
        date(2026, 11, 23),
        moment,
    ]


def test_huge_text_is_bounded() -> None:
    assert len(safe_cell("x" * (MAX_CELL + 10))) == MAX_CELL
