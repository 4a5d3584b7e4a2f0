"""Mailbox settings and quarantine pages: admins only, secrets write-only, clean connection errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from supportdesk.accounts.models import Group, User
from supportdesk.core.crypto import decrypt_secret
from supportdesk.email_gateway import imap, mailboxes
from supportdesk.email_gateway.choices import InboundStatus
from supportdesk.email_gateway.intake import store_raw
from supportdesk.email_gateway.mailboxes import create_mailbox
from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.email_gateway.tests.dovecot import free_port

SECRET = "S3cret-Imap-Passw0rd"
XSS = "<script>alert(1)</script>"


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def mailbox(admin: User, group: Group) -> Mailbox:
    return create_mailbox(
        admin,
        {
            "name": "Support",
            "email_address": "support@example.com",
            "group": group,
            "imap_host": "127.0.0.1",
            "imap_port": free_port(),
            "imap_tls": False,
            "imap_username": "support",
        },
        secret=SECRET,
    )


def form_data(group: Group, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Sales",
        "email_address": "sales@example.com",
        "group": group.pk,
        "is_active": "on",
        "send_acknowledgement": "on",
        "imap_host": "imap.example.com",
        "imap_port": "993",
        "imap_tls": "on",
        "imap_username": "sales",
        "auth_method": "password",
        "imap_folder": "INBOX",
        "poll_interval_seconds": "60",
        "use_idle": "on",
        "after_import": "seen",
        "move_folder": "",
        "language": "en",
        "oauth_client_id": "",
        "oauth_token_url": "",
        "oauth_scope": "",
        "password": "",
        "oauth_refresh_token": "",
        "oauth_client_secret": "",
    }
    data.update(overrides)
    return data


def held(status: str, reason: str = "", mailbox: Mailbox | None = None) -> InboundMessage:
    inbound = store_raw(f"Subject: {status}\r\n\r\nbody\r\n".encode(), source="smtp", mailbox=mailbox)
    InboundMessage.objects.filter(pk=inbound.pk).update(status=status, reason=reason, attempts=2)
    return InboundMessage.objects.get(pk=inbound.pk)


URLS = [
    ("mail-mailboxes", False, "get"),
    ("mail-mailbox-create", False, "get"),
    ("mail-mailbox-edit", True, "get"),
    ("mail-mailbox-test", True, "post"),
    ("mail-mailbox-delete", True, "post"),
    ("mail-quarantine", False, "get"),
]


@pytest.mark.parametrize(("name", "needs_id", "method"), URLS)
def test_only_admins_reach_the_pages(
    client: Client, agent: User, customer: User, mailbox: Mailbox, name: str, needs_id: bool, method: str
) -> None:
    url = reverse(name, args=[mailbox.pk] if needs_id else [])
    anonymous = getattr(client, method)(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    for user in (agent, customer):
        assert getattr(login(Client(), user), method)(url).status_code == 404
    assert Mailbox.objects.filter(pk=mailbox.pk).exists()  # the agent's POSTs changed nothing


@pytest.mark.parametrize("name", ["mail-reprocess", "mail-raw"])
def test_agents_cannot_reach_held_mail(agent: User, name: str) -> None:
    inbound = held(InboundStatus.QUARANTINED, "parse error")
    client = login(Client(), agent)
    response = client.post(reverse(name, args=[inbound.pk])) if name == "mail-reprocess" else client.get(reverse(name, args=[inbound.pk]))
    assert response.status_code == 404
    assert InboundMessage.objects.get(pk=inbound.pk).status == InboundStatus.QUARANTINED


def test_list_shows_mailboxes_and_their_errors_escaped(client: Client, admin: User, mailbox: Mailbox) -> None:
    Mailbox.objects.filter(pk=mailbox.pk).update(last_error=f"Login failed {XSS}", name=f"Support {XSS}")

    response = login(client, admin).get(reverse("mail-mailboxes"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Support &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Login failed &lt;script&gt;" in html
    assert XSS not in html and SECRET not in html


def test_create_stores_the_secret_encrypted_and_never_renders_it(client: Client, admin: User, group: Group) -> None:
    login(client, admin)

    response = client.post(reverse("mail-mailbox-create"), form_data(group, password="Create-Secret-1"))

    created = Mailbox.objects.get(name="Sales")
    assert response.status_code == 302 and response["Location"] == reverse("mail-mailbox-edit", args=[created.pk])
    assert (created.email_address, created.group_id, created.imap_port, created.imap_tls, created.use_idle) == (
        "sales@example.com",
        group.pk,
        993,
        True,
        True,
    )
    assert decrypt_secret(created.imap_secret_encrypted) == "Create-Secret-1"
    page = client.get(response["Location"]).content.decode()
    assert "Create-Secret-1" not in page and created.imap_secret_encrypted not in page
    assert "A password or token is stored." in page


def test_edit_with_blank_password_keeps_the_stored_secret(client: Client, admin: User, group: Group, mailbox: Mailbox) -> None:
    login(client, admin)
    url = reverse("mail-mailbox-edit", args=[mailbox.pk])
    page = client.get(url).content.decode()
    assert SECRET not in page and 'name="password"' in page

    response = client.post(url, form_data(group, name="Support", imap_host="imap.other.example", imap_port="143", imap_tls=""))

    mailbox.refresh_from_db()
    assert response.status_code == 302
    assert (mailbox.imap_host, mailbox.imap_port, mailbox.imap_tls) == ("imap.other.example", 143, False)
    assert decrypt_secret(mailbox.imap_secret_encrypted) == SECRET

    client.post(url, form_data(group, name="Support", password="New-Secret-2"))
    mailbox.refresh_from_db()
    assert decrypt_secret(mailbox.imap_secret_encrypted) == "New-Secret-2"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"poll_interval_seconds": "1"}, "poll_interval_seconds", "Between 10 and 86400 seconds."),
        ({"imap_port": "70000"}, "imap_port", "Between 1 and 65535."),
        ({"imap_host": "imap.example.com\r\nX-Evil: 1"}, "imap_host", "Line breaks and NUL characters are not allowed."),
        ({"name": "Support"}, "name", "Mailbox with this Name already exists."),
    ],
)
def test_invalid_settings_are_shown_on_the_field(
    client: Client, admin: User, group: Group, mailbox: Mailbox, overrides: dict[str, str], field: str, message: str
) -> None:
    response = login(client, admin).post(reverse("mail-mailbox-create"), form_data(group, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Mailbox.objects.count() == 1


def test_connection_test_reports_a_clean_error(client: Client, admin: User, mailbox: Mailbox) -> None:
    response = login(client, admin).post(reverse("mail-mailbox-test", args=[mailbox.pk]), follow=True)

    html = response.content.decode()
    expected = f"Connection test failed: Connection to 127.0.0.1:{mailbox.imap_port} was refused."
    assert [str(m) for m in response.context["messages"]] == [expected]
    assert SECRET not in html and "Traceback" not in html


def test_connection_test_reports_success(client: Client, admin: User, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imap, "check_connection", lambda box: "")

    response = login(client, admin).post(reverse("mail-mailbox-test", args=[mailbox.pk]), follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Connection test succeeded: signed in and opened INBOX."]


def test_delete_removes_the_mailbox_and_keeps_its_mail(client: Client, admin: User, mailbox: Mailbox) -> None:
    inbound = held(InboundStatus.QUARANTINED, mailbox=mailbox)

    response = login(client, admin).post(reverse("mail-mailbox-delete", args=[mailbox.pk]))

    assert response.status_code == 302
    assert not Mailbox.objects.filter(pk=mailbox.pk).exists()
    assert InboundMessage.objects.get(pk=inbound.pk).mailbox_id is None


def test_quarantine_lists_held_mail_only_with_filter(
    client: Client, admin: User, mailbox: Mailbox, django_assert_max_num_queries: Any
) -> None:
    quarantined = held(InboundStatus.QUARANTINED, f"MIME nesting over 30 {XSS}", mailbox)
    review = held(InboundStatus.REVIEW, "non-participant reply")
    rejected = held(InboundStatus.REJECTED, "over the size limit")
    held(InboundStatus.PROCESSED)
    held(InboundStatus.PENDING)
    login(client, admin)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("mail-quarantine"))

    assert [m.pk for m in response.context["messages_page"]] == [rejected.pk, review.pk, quarantined.pk]
    html = response.content.decode()
    assert "MIME nesting over 30 &lt;script&gt;" in html and XSS not in html
    only_review = client.get(reverse("mail-quarantine"), {"status": "review"})
    assert [m.pk for m in only_review.context["messages_page"]] == [review.pk]
    assert client.get(reverse("mail-quarantine"), {"status": "processed"}).status_code == 404


def test_quarantine_pages_with_a_cursor(client: Client, admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("supportdesk.email_gateway.views.QUARANTINE_PAGE", 2)
    ids = [held(InboundStatus.QUARANTINED, f"reason {n}").pk for n in range(3)]
    login(client, admin)

    first = client.get(reverse("mail-quarantine"))
    second = client.get(reverse("mail-quarantine"), {"cursor": first.context["next_cursor"]})

    assert [m.pk for m in first.context["messages_page"]] == [ids[2], ids[1]]
    assert [m.pk for m in second.context["messages_page"]] == [ids[0]]
    assert second.context["next_cursor"] is None


def test_raw_download_is_an_attachment_with_nosniff(client: Client, admin: User) -> None:
    inbound = held(InboundStatus.QUARANTINED)

    response = login(client, admin).get(reverse("mail-raw", args=[inbound.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Subject: quarantined\r\n\r\nbody\r\n"  # type: ignore[attr-defined]
    assert response["Content-Disposition"] == f'attachment; filename="message-{inbound.pk}.eml"'
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_reprocess_runs_intake_again(client: Client, admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    inbound = held(InboundStatus.QUARANTINED, "parser bug")
    seen: list[str] = []

    def fixed_intake(inbound_id: int) -> InboundMessage:
        seen.append(InboundMessage.objects.get(pk=inbound_id).status)
        InboundMessage.objects.filter(pk=inbound_id).update(status=InboundStatus.PROCESSED, reason="")
        return InboundMessage.objects.get(pk=inbound_id)

    monkeypatch.setattr("supportdesk.email_gateway.intake.process_inbound", fixed_intake)

    response = login(client, admin).post(reverse("mail-reprocess", args=[inbound.pk]), follow=True)

    assert seen == ["pending"]  # intake saw it as pending again, so its idempotence check lets it through
    assert InboundMessage.objects.get(pk=inbound.pk).status == InboundStatus.PROCESSED
    assert [str(m) for m in response.context["messages"]] == [f"Message {inbound.pk} reprocessed: Processed."]


def test_failed_reprocess_keeps_the_message_held(client: Client, admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    inbound = held(InboundStatus.QUARANTINED, "parser bug")

    def still_broken(inbound_id: int) -> InboundMessage:
        raise ValueError(f"boom {SECRET}")

    monkeypatch.setattr("supportdesk.email_gateway.intake.process_inbound", still_broken)

    response = login(client, admin).post(reverse("mail-reprocess", args=[inbound.pk]), follow=True)

    inbound.refresh_from_db()
    assert (inbound.status, inbound.reason) == (InboundStatus.QUARANTINED, "Reprocessing failed (ValueError).")
    assert [str(m) for m in response.context["messages"]] == ["Reprocessing failed (ValueError)."]
    assert SECRET not in response.content.decode()


def test_processed_mail_cannot_be_reprocessed(admin: User) -> None:
    inbound = held(InboundStatus.PROCESSED)
    with pytest.raises(mailboxes.Conflict):
        mailboxes.reprocess_inbound(admin, inbound.pk)


def test_admin_navigation_links_only_for_admins(client, admin, agent):
    client.force_login(agent)
    assert 'href="/settings/"' not in client.get("/inbox/").content.decode()
    assert client.get("/settings/").status_code == 403
    client.force_login(admin)
    assert 'href="/settings/"' in client.get("/inbox/").content.decode()
    page = client.get("/settings/").content.decode()
    assert 'href="/settings/mailboxes/"' in page and 'href="/settings/mail-quarantine/"' in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"after_import": "move", "move_folder": ""}, "move_folder", "Enter the folder imported mail is moved to."),
        ({"after_import": "move", "move_folder": "inbox"}, "move_folder", "Choose a folder other than the one mail is fetched from."),
        ({"after_import": "move", "move_folder": "Done\r\nX"}, "move_folder", "Line breaks and NUL characters are not allowed."),
        ({"after_import": "archive"}, "after_import", "Select a valid choice. archive is not one of the available choices."),
        ({"language": "fr"}, "language", "Select a valid choice. fr is not one of the available choices."),
        ({"oauth_token_url": "http://login.example.com/token"}, "oauth_token_url", "The token endpoint must use https."),
    ],
)
def test_invalid_move_language_and_oauth_settings(
    client: Client, admin: User, group: Group, overrides: dict[str, str], field: str, message: str
) -> None:
    response = login(client, admin).post(reverse("mail-mailbox-create"), form_data(group, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Mailbox.objects.exists()


def test_move_folder_and_language_are_saved(client: Client, admin: User, group: Group) -> None:
    login(client, admin)

    response = client.post(
        reverse("mail-mailbox-create"), form_data(group, after_import="move", move_folder="Archive.Support", language="hu")
    )

    created = Mailbox.objects.get(name="Sales")
    assert response.status_code == 302
    assert (created.after_import, created.move_folder, created.language) == ("move", "Archive.Support", "hu")
    page = client.get(reverse("mail-mailbox-edit", args=[created.pk])).content.decode()
    assert '<option value="hu" selected>Hungarian</option>' in page
    assert 'value="Archive.Support"' in page


def test_the_settings_pages_show_failures_in_a_row(client: Client, admin: User, mailbox: Mailbox) -> None:
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_error="Connection refused.", consecutive_failures=4, failure_alerted_at="2026-11-22T10:00Z"
    )
    login(client, admin)

    edit = client.get(reverse("mail-mailbox-edit", args=[mailbox.pk])).content.decode()
    listing = client.get(reverse("mail-mailboxes")).content.decode()

    assert "4 failed polls in a row." in edit and "The admins were alerted." in edit
    assert '<span class="small muted" data-testid="failures">(4 in a row)</span>' in listing
    Mailbox.objects.filter(pk=mailbox.pk).update(last_error="", consecutive_failures=0, failure_alerted_at=None)
    assert "0 failed polls in a row. Admins are alerted after 3." in " ".join(
        client.get(reverse("mail-mailbox-edit", args=[mailbox.pk])).content.decode().split()
    )


def test_mailbox_alerts_without_a_ticket_render_in_the_notification_list(client: Client, admin: User, mailbox: Mailbox) -> None:
    from supportdesk.email_gateway.health import record_poll_outcome
    from supportdesk.tickets.models import Notification

    for _ in range(3):
        record_poll_outcome(mailbox, f"Login failed {XSS}")

    [alert] = Notification.objects.filter(user=admin)
    page = login(client, admin).get(reverse("notifications"))
    html = page.content.decode()
    assert page.status_code == 200
    assert alert.ticket_id is None
    assert "Mailbox Support failed 3 times in a row: Login failed &lt;script&gt;" in html and XSS not in html
    from supportdesk.api.tests.conftest import ApiClient

    api = ApiClient(admin).get("/api/v1/notifications").json()
    assert [(n["kind"], n["ticket_id"]) for n in api["items"]] == [("mailbox_failing", None)]
