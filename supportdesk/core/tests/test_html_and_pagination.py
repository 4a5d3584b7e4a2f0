"""The HTML sanitiser (BAD-INPUTS 23, 25) and keyset pagination."""

from __future__ import annotations

import pytest

from supportdesk.core.errors import ValidationFailed
from supportdesk.core.html import html_to_text, sanitize_html, text_to_html
from supportdesk.core.pagination import paginate
from supportdesk.tickets.models import Ticket


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<iframe src=" javascript:alert(1)"></iframe>',
        "<svg onload=alert(1)>",
        '<base href="https://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<form action="https://evil.example"><input name="p"></form>',
        "<style>@import url(https://evil.example/x.css)</style>",
        '<div style="width: expression(alert(1))">x</div>',
        '<a href="javascript:alert(1)">click</a>',
    ],
)
def test_sanitizer_removes_active_content(payload):
    cleaned = sanitize_html(payload).lower()
    for needle in (
        "<script",
        "onerror",
        "onload",
        "<iframe",
        "javascript:",
        "<base",
        "<meta",
        "<form",
        "<style",
        "expression(",
    ):
        assert needle not in cleaned


def test_sanitizer_keeps_ordinary_formatting():
    html = '<p>Hello <strong>world</strong> <a href="https://example.com">link</a></p><ul><li>one</li></ul>'
    cleaned = sanitize_html(html)
    assert "<strong>world</strong>" in cleaned
    assert 'href="https://example.com"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned
    assert "<li>one</li>" in cleaned


def test_text_and_html_conversions():
    assert text_to_html("a <b>\n\nc\nd") == "<p>a &lt;b&gt;</p><p>c<br>d</p>"
    assert html_to_text("<p>Hi &amp; bye</p><p>x<br>y</p>") == "Hi & bye\nx\ny"


def test_keyset_pagination_walks_all_rows_once(make_ticket):
    tickets = [make_ticket(subject=f"T{i}") for i in range(7)]
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        page = paginate(Ticket.objects.all(), order=["-updated_at", "-id"], cursor=cursor, limit=3)
        seen += [t.pk for t in page.items]
        pages += 1
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert pages == 3
    assert seen == [t.pk for t in reversed(tickets)]


@pytest.mark.parametrize("cursor", ["garbage", "W10", "WyJ4Il0", "!!!!", "e30"])
def test_bad_cursor_is_a_validation_error(db, cursor):
    with pytest.raises(ValidationFailed):
        paginate(Ticket.objects.all(), order=["-updated_at", "-id"], cursor=cursor, limit=3)


@pytest.mark.parametrize("cursor", ["WyJ4Il0", "WyIyMDI2LTEzLTAxIl0"])  # ["x"], ["2026-13-01"]
def test_a_cursor_value_of_the_wrong_type_is_a_validation_error(db, cursor):
    with pytest.raises(ValidationFailed):
        paginate(Ticket.objects.all(), order=["-id"], cursor=cursor, limit=3)
    with pytest.raises(ValidationFailed):
        paginate(Ticket.objects.all(), order=["-updated_at"], cursor=cursor, limit=3)
