"""Inline images (cid:) in HTML mail show in place, through the access-checked attachment URL."""

import base64

from supportdesk.email_gateway.intake import process_inbound, store_raw
from supportdesk.tickets.models import Attachment, Ticket

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def _mail() -> bytes:
    boundary = "b1"
    return (
        "From: Carla <carla@customer.example>\r\nTo: support@example.com\r\nSubject: Screenshot\r\n"
        "Message-ID: <inline-1@customer.example>\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related; boundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        '<p>See <img src="cid:shot@customer.example"> and <img src="cid:missing@x"></p>\r\n'
        f"--{boundary}\r\nContent-Type: image/png\r\nContent-Disposition: inline; filename=shot.png\r\n"
        "Content-ID: <shot@customer.example>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.b64encode(PNG).decode()
        + f"\r\n--{boundary}--\r\n"
    ).encode()


def test_cid_image_points_at_its_attachment(client, agent, group):
    process_inbound(store_raw(_mail(), source="smtp").pk)
    ticket = Ticket.objects.get(subject="Screenshot")
    attachment = Attachment.objects.get(article__ticket=ticket, filename="shot.png")
    ticket.group = group
    ticket.save(update_fields=["group"])
    client.force_login(agent)
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert f'src="/attachments/{attachment.pk}/"' in page
    assert 'src="cid:missing@x"' in page  # unknown cid: left alone, no guess
    image = client.get(f"/attachments/{attachment.pk}/")
    assert (image.status_code, image["Content-Type"]) == (200, "image/png")
