"""Quote folding: split_reply on replies in en/de/hu/lv and Outlook, the fold_quoted filter, and
the ticket timeline (quoted history inside a closed <details>, escaped, no inline script/style).

Corpus floors: discourse email_reply_trimmer expectations and talon standard replies.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from supportdesk.accounts.models import User
from supportdesk.email_gateway.parsing import parse_message
from supportdesk.email_gateway.parsing.quotes import split_reply
from supportdesk.email_gateway.templatetags.mailtext import fold_quoted
from supportdesk.tickets.models import Ticket

DISCOURSE = Path("/work/shared/corpus/email-reply-trimmer-discourse")
TALON = Path("/work/shared/corpus/talon/fixtures/standard_replies")


@pytest.mark.parametrize(
    ("text", "visible", "quoted_starts"),
    [
        ("Thanks!\n\nOn Mon, 3 Jun 2024 at 10:00, Ann <ann@x.org> wrote:\n> old", "Thanks!", "On Mon"),
        ("Danke\n\nAm 03.06.2024 um 10:00 schrieb Ann Beispiel <ann@x.de>:\n> alt", "Danke", "Am 03.06"),
        ("Köszönöm\n\n2024. jún. 3., hétfő 10:00 időpontban Anna <anna@x.hu> ezt írta:\n> régi", "Köszönöm", "2024. jún"),
        ("Paldies\n\npirmd., 2024. g. 3. jūn., plkst. 10:00 — Anna <anna@x.lv> rakstīja:\n> vecs", "Paldies", "pirmd."),
        (
            "See below.\n\n-----Original Message-----\nFrom: Ann\nSent: Monday\nTo: us\nSubject: x\n\nold",
            "See below.",
            "-----Original",
        ),
        ("Fine.\n\nFrom: Ann <ann@x.org>\nSent: Monday, 3 June 2024 10:00\nTo: Support\nSubject: help\n\nold", "Fine.", "From: Ann"),
        ("Passt.\n\nVon: Ann <ann@x.de>\nGesendet: Montag, 3. Juni 2024\nAn: Support\nBetreff: Hilfe\n\nalt", "Passt.", "Von: Ann"),
        ("Rendben.\n\nFeladó: Anna <anna@x.hu>\nElküldve: 2024. június 3.\nCímzett: Support\nTárgy: x", "Rendben.", "Feladó"),
        ("Labi.\n\nNo: Anna <anna@x.lv>\nNosūtīts: pirmdiena\nKam: Support\nTemats: x", "Labi.", "No: Anna"),
        ("My answer\n\n> quoted line\n> another", "My answer", "> quoted line"),
        ("Body text\n-- \nJane Doe\nACME", "Body text", "-- \nJane"),
        ("Body text\n\nSent from my iPhone", "Body text", "Sent from my iPhone"),
        ("> question?\nanswer inline\n> next?\nsecond answer", "> question?\nanswer inline\n> next?\nsecond answer", ""),
        ("> only a quote\n> nothing else", "> only a quote\n> nothing else", ""),
        ("Plain message without any history.", "Plain message without any history.", ""),
    ],
)
def test_split_reply(text: str, visible: str, quoted_starts: str) -> None:
    shown, quoted = split_reply(text)
    assert shown == visible
    assert quoted.startswith(quoted_starts)
    if quoted:
        assert quoted in text


def test_split_reply_normalises_line_endings_and_handles_empty() -> None:
    assert split_reply("Yes\r\n\r\nOn 1 Jan 2024, a@b.c wrote:\r\n> x") == ("Yes", "On 1 Jan 2024, a@b.c wrote:\n> x")
    assert split_reply("") == ("", "")


def test_split_reply_is_linear_on_hostile_input() -> None:
    """Four times the input must cost about four times as long, not sixteen (a quadratic scan).

    Compared against itself on the same machine, so a loaded CI runner slows both sides alike;
    the best of two runs damps one-off pauses.
    """
    import time

    def best_time(lines: int) -> float:
        text = ("On " + "x" * 500 + "\n") * lines + "> " * (25 * lines)
        timings = []
        for _ in range(2):
            start = time.perf_counter()
            split_reply(text)
            timings.append(time.perf_counter() - start)
        return min(timings)

    small, large = best_time(300), best_time(1200)
    assert large < 8 * small + 0.05, (small, large)


def test_fold_quoted_escapes_and_folds() -> None:
    html = str(fold_quoted("<script>alert(1)</script> ok\n\nOn 1 Jan 2024, Eve <e@x.org> wrote:\n> <b>old</b>"))
    assert html == (
        '<div class="mail-text">&lt;script&gt;alert(1)&lt;/script&gt; ok</div>'
        '<details class="mail-quoted"><summary class="small muted">Show quoted text</summary>'
        '<div class="mail-text mail-text--quoted">On 1 Jan 2024, Eve &lt;e@x.org&gt; wrote:<br>&gt; &lt;b&gt;old&lt;/b&gt;</div></details>'
    )
    assert str(fold_quoted("just text\nline 2")) == '<div class="mail-text">just text<br>line 2</div>'


def test_fold_quoted_in_a_template() -> None:
    rendered = Template("{% load mailtext %}{{ body|fold_quoted }}").render(Context({"body": "Hi\n-- \nSig"}))
    assert rendered == (
        '<div class="mail-text">Hi</div><details class="mail-quoted"><summary class="small muted">Show quoted text</summary>'
        '<div class="mail-text mail-text--quoted">-- <br>Sig</div></details>'
    )


@pytest.mark.django_db
def test_ticket_timeline_folds_quotes_of_email_articles_only(client: Client, agent: User, make_ticket: Callable[..., Ticket]) -> None:
    body = "New words <img src=x onerror=alert(1)>\n\nOn 2 Feb 2024, Bob <bob@x.org> wrote:\n> history"
    email_ticket = make_ticket(subject="Mail", body=body, channel="email")
    web_ticket = make_ticket(subject="Web", body=body, channel="web")
    client.force_login(agent)
    page = client.get(reverse("ticket", args=[email_ticket.pk])).content.decode()
    assert '<div class="mail-text">New words &lt;img src=x onerror=alert(1)&gt;</div><details class="mail-quoted">' in page
    assert '<details class="mail-quoted" open' not in page
    web_page = client.get(reverse("ticket", args=[web_ticket.pk])).content.decode()
    assert "mail-quoted" not in web_page
    assert "On 2 Feb 2024, Bob &lt;bob@x.org&gt; wrote:<br>&gt; history" in web_page


def _normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n")).strip()


@pytest.mark.skipif(not DISCOURSE.is_dir(), reason="shared corpus email-reply-trimmer-discourse not present")
def test_discourse_trimmer_expectations_floor() -> None:
    passed = total = 0
    for path in sorted((DISCOURSE / "emails").glob("*.txt")):
        expected = DISCOURSE / "trimmed" / path.name
        if not expected.exists():
            continue
        total += 1
        visible, _ = split_reply(path.read_text(encoding="utf-8"))
        passed += _normalised(visible) == _normalised(expected.read_text(encoding="utf-8"))
    # Measured 52/64. Misses: bottom-posted replies under a leading header, forwarded mail (the
    # trimmer shows the forwarded body), quote-only mail (we keep it visible on purpose).
    assert total == 64
    assert passed >= 52


@pytest.mark.skipif(not TALON.is_dir(), reason="shared corpus talon not present")
def test_talon_standard_replies_floor() -> None:
    passed = total = 0
    for path in sorted(TALON.glob("*.eml")):
        expected_file = TALON / f"{path.stem}_reply_text"
        expected = expected_file.read_text().strip() if expected_file.exists() else "Hello"
        visible, _ = split_reply(parse_message(path.read_bytes()).text)
        total += 1
        passed += visible.strip() == expected
    # Measured 9/12: talon keeps "Sent from my iPhone" and "-- " signatures in the reply (we fold
    # them), and a Thunderbird bottom-post is not recognised.
    assert total == 12
    assert passed >= 9
