"""The mail API's mailbox options: move-to-folder, acknowledgement language, OAuth settings, health."""

from __future__ import annotations

from typing import Any

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.email_gateway import idle
from supportdesk.email_gateway.models import Mailbox

PROBLEM = "application/problem+json"


@pytest.fixture
def as_admin(admin: User) -> ApiClient:
    return ApiClient(admin)


def body(group: Group, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "Sales", "email_address": "sales@example.com", "group_id": group.pk, "imap_host": "imap.example.com"}
    data.update(overrides)
    return data


def test_create_with_move_language_and_oauth(as_admin: ApiClient, group: Group) -> None:
    created = as_admin.post(
        "/api/v1/mailboxes",
        body(
            group,
            after_import="move",
            move_folder="Archive/Support",
            language="lv",
            auth_method="xoauth2",
            oauth_client_id="app-1",
            oauth_token_url="https://oauth2.googleapis.com/token",
            oauth_refresh_token="1//Refresh-Api-7",
        ),
    )

    assert created.status_code == 201, created.content
    data = created.json()
    assert {k: data[k] for k in ("after_import", "move_folder", "language", "oauth_client_id", "oauth_token_url")} == {
        "after_import": "move",
        "move_folder": "Archive/Support",
        "language": "lv",
        "oauth_client_id": "app-1",
        "oauth_token_url": "https://oauth2.googleapis.com/token",
    }
    assert (data["has_secret"], data["has_refresh_token"], data["has_client_secret"]) == (False, True, False)
    assert "1//Refresh-Api-7" not in created.content.decode()


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"after_import": "move"}, {"move_folder": "Enter the folder imported mail is moved to."}),
        ({"after_import": "move", "move_folder": "INBOX"}, {"move_folder": "Choose a folder other than the one mail is fetched from."}),
        ({"language": "fr"}, {"language": "Value 'fr' is not a valid choice."}),
        ({"oauth_token_url": "http://oauth2.googleapis.com/token"}, {"oauth_token_url": "The token endpoint must use https."}),
        (
            {"auth_method": "xoauth2", "oauth_refresh_token": "1//x"},
            {
                "oauth_client_id": "Required to refresh the access token.",
                "oauth_token_url": "Required to refresh the access token.",
            },
        ),
    ],
)
def test_invalid_options_are_refused_with_field_errors(
    as_admin: ApiClient, group: Group, overrides: dict[str, Any], errors: dict[str, str]
) -> None:
    response = as_admin.post("/api/v1/mailboxes", body(group, **overrides))

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"] == errors
    assert not Mailbox.objects.exists()


@pytest.mark.parametrize(
    "extra", [{"consecutive_failures": 0}, {"idle_owner": "me"}, {"oauth_access_expires_at": None}, {"failure_alerted_at": None}]
)
def test_health_and_claim_fields_are_read_only(as_admin: ApiClient, group: Group, extra: dict[str, Any]) -> None:
    mailbox = Mailbox.objects.create(name="Help", email_address="help@example.com", group=group)
    response = as_admin.patch(f"/api/v1/mailboxes/{mailbox.pk}", extra)
    assert response.status_code == 422 and list(response.json()["errors"]) == list(extra)


def test_output_shows_failures_and_whether_a_watcher_holds_the_mailbox(as_admin: ApiClient, group: Group) -> None:
    mailbox = Mailbox.objects.create(name="Help", email_address="help@example.com", group=group, imap_host="imap.example.com")
    Mailbox.objects.filter(pk=mailbox.pk).update(consecutive_failures=2, last_error="Connection refused.")
    before = as_admin.get(f"/api/v1/mailboxes/{mailbox.pk}").json()
    assert idle.claim(mailbox.pk, "worker-1")
    after = as_admin.get("/api/v1/mailboxes").json()["items"][0]

    assert (before["consecutive_failures"], before["last_error"], before["idle_watched"]) == (2, "Connection refused.", False)
    assert after["idle_watched"] is True
