"""Remote images on the agent ticket page: blocked with a notice, loaded for one response on opt-in."""

from __future__ import annotations

import re

import pytest

from supportdesk.core.middleware import CONTENT_SECURITY_POLICY, CSP_DIRECTIVES
from supportdesk.tickets import selectors
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.choices import Channel
from supportdesk.tickets.models import Article

pytestmark = pytest.mark.django_db

MAIL = '<p>Newsletter</p><img src="https://tracker.example/p.gif?u=7&amp;m=1" alt="pixel" width="1" height="1">'
STORED = '<img data-remote-src="https://tracker.example/p.gif?u=7&amp;m=1" alt="pixel" width="1" height="1">'
LOADED = (
    '<img src="https://tracker.example/p.gif?u=7&amp;m=1" referrerpolicy="no-referrer" loading="lazy" alt="pixel" width="1" height="1">'
)
NOTICE = "Remote images are blocked to protect your privacy."


@pytest.fixture
def mail_ticket(make_ticket):
    """A ticket whose first article is an HTML mail with a remote image, created through the action."""
    return make_ticket(subject="Newsletter", body="Newsletter", body_html=MAIL, channel=Channel.EMAIL)


def _first_article(ticket) -> Article:
    return Article.objects.filter(ticket=ticket).earliest("id")


def _directives(header: str) -> dict[str, str]:
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] for part in header.split("; ")}


def test_default_page_blocks_remote_images_with_a_notice_and_the_default_csp(client, agent, mail_ticket):
    article = _first_article(mail_ticket)
    assert article.body_html == "<p>Newsletter</p>" + STORED
    client.force_login(agent)
    response = client.get(f"/tickets/{mail_ticket.pk}/")
    html = response.content.decode()
    assert STORED in html
    assert "tracker.example" not in html.replace(STORED, "")
    assert not re.search(r"<img[^>]*\ssrc=\"https?:", html)
    assert NOTICE in html
    link = f"/tickets/{mail_ticket.pk}/?remote_images={article.pk}#article-{article.pk}"
    assert f'<a href="{link}" data-testid="show-remote-images">Show images</a>' in html
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert f'hx-get="/tickets/{mail_ticket.pk}/"' in html  # the live refresh stays blocked too


@pytest.mark.parametrize("opt_in", ["article", "all"])
def test_opt_in_loads_the_images_and_adds_https_to_img_src_only(client, agent, mail_ticket, opt_in):
    article = _first_article(mail_ticket)
    value = str(article.pk) if opt_in == "article" else "all"
    client.force_login(agent)
    response = client.get(f"/tickets/{mail_ticket.pk}/", {"remote_images": value})
    html = response.content.decode()
    assert LOADED in html
    assert STORED not in html
    assert NOTICE not in html
    directives = _directives(response["Content-Security-Policy"])
    assert directives["img-src"] == "'self' data: https:"
    assert {k: v for k, v in directives.items() if k != "img-src"} == {k: " ".join(v) for k, v in CSP_DIRECTIVES.items() if k != "img-src"}
    # The live refresh of the timeline asks for the same opt-in, so the images do not vanish.
    assert f'hx-get="/tickets/{mail_ticket.pk}/?remote_images={value}"' in html


def test_opt_in_for_one_article_leaves_the_others_blocked(client, agent, customer, mail_ticket):
    first = _first_article(mail_ticket)
    second = add_article(customer, mail_ticket, body_text="again", body_html='<img src="https://other.example/b.png">')
    client.force_login(agent)
    html = client.get(f"/tickets/{mail_ticket.pk}/", {"remote_images": first.pk}).content.decode()
    assert LOADED in html
    assert '<img data-remote-src="https://other.example/b.png">' in html
    assert not re.search(r'\ssrc="https://other\.example', html)
    assert f"?remote_images={second.pk}#article-{second.pk}" in html


@pytest.mark.parametrize("value", ["", "0", "yes", "1 OR 1=1", "https:", "\u0664"])
def test_junk_opt_in_is_no_opt_in(client, agent, mail_ticket, value):
    client.force_login(agent)
    response = client.get(f"/tickets/{mail_ticket.pk}/", {"remote_images": value})
    assert response.status_code == 200
    assert LOADED not in response.content.decode()
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_earlier_entries_carry_the_opt_in(client, agent, mail_ticket, monkeypatch):
    monkeypatch.setattr(selectors, "TIMELINE_PAGE_SIZE", 3)
    for i in range(4):
        add_article(agent, mail_ticket, body_text=f"Reply {i}")
    client.force_login(agent)
    html = client.get(f"/tickets/{mail_ticket.pk}/", {"remote_images": "all"}).content.decode()
    match = re.search(r'hx-get="/tickets/\d+/\?before=([0-9-]+)&amp;remote_images=all"', html)
    assert match is not None
    fragment = client.get(f"/tickets/{mail_ticket.pk}/", {"before": match.group(1), "remote_images": "all"})
    assert LOADED in fragment.content.decode()
    assert "https:" in _directives(fragment["Content-Security-Policy"])["img-src"]
    blocked = client.get(f"/tickets/{mail_ticket.pk}/", {"before": match.group(1)})
    assert STORED in blocked.content.decode()
    assert blocked["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_opt_in_does_not_open_other_tickets(client, agent, outsider, customer, mail_ticket):
    article = _first_article(mail_ticket)
    for user in (outsider, customer):
        client.force_login(user)
        for value in (str(article.pk), "all"):
            response = client.get(f"/tickets/{mail_ticket.pk}/", {"remote_images": value})
            assert response.status_code == 404
            assert "tracker.example" not in response.content.decode()
            assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    client.logout()
    response = client.get(f"/tickets/{mail_ticket.pk}/", {"remote_images": "all"})
    assert response.status_code == 302
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_inline_and_remote_images_together(client, agent, mail_ticket):
    add_article(agent, mail_ticket, body_text="see", body_html='<p><img src="cid:none@x"><img src="//cdn.example/a.png"></p>')
    client.force_login(agent)
    html = client.get(f"/tickets/{mail_ticket.pk}/", {"remote_images": "all"}).content.decode()
    assert '<img src="cid:none@x"><img src="https://cdn.example/a.png" referrerpolicy="no-referrer" loading="lazy">' in html
