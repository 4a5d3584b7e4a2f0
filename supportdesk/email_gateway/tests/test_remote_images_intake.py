"""A real HTML mail through intake (parser sanitises, add_article sanitises again) keeps its remote image inert."""

from supportdesk.email_gateway.intake import process_inbound, store_raw
from supportdesk.tickets.models import Article, Ticket


def _mail() -> bytes:
    return (
        b"From: Carla <carla@customer.example>\r\nTo: support@example.com\r\nSubject: Newsletter\r\n"
        b"Message-ID: <remote-1@customer.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b'<p>News</p><img src="https://tracker.example/o.gif?id=9&amp;c=2" width="1" height="1">'
        b'<img src="\\\\evil.example/p.gif"><img src="//cdn.example/logo.png" alt="Logo">\r\n'
    )


def test_remote_images_survive_intake_as_data_remote_src(db):
    process_inbound(store_raw(_mail(), source="smtp").pk)
    article = Article.objects.get(ticket=Ticket.objects.get(subject="Newsletter"))
    assert article.body_html == (
        '<p>News</p><img data-remote-src="https://tracker.example/o.gif?id=9&amp;c=2" width="1" height="1">'
        '<img><img data-remote-src="https://cdn.example/logo.png" alt="Logo">\n'
    )
