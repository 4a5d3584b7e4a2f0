"""The OpenAPI contract: served, committed, current, and matched by real responses; the docs page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from supportdesk.api.management.commands.openapi import render_schema

pytestmark = pytest.mark.django_db


def _schema() -> dict:
    return json.loads(render_schema())


def test_schema_is_openapi_31_and_served(api_as):
    response = Client().get("/api/schema")
    assert response.status_code == 200
    served = response.json()
    assert served["openapi"] == "3.1.0"
    assert "/api/v1/tickets" in served["paths"]
    assert served == _schema()


def test_committed_openapi_json_is_current():
    path = Path(settings.BASE_DIR) / "openapi.json"
    assert path.read_text(encoding="utf-8") == render_schema(), "run `supportdesk openapi` and commit openapi.json"
    call_command("openapi", "--check")


def test_openapi_check_fails_on_drift(tmp_path):
    stale = tmp_path / "openapi.json"
    stale.write_text("{}\n")
    with pytest.raises(CommandError, match="out of date"):
        call_command("openapi", "--check", "--output", str(stale))
    call_command("openapi", "--output", str(stale))
    assert stale.read_text() == render_schema()
    assert stale.read_text().endswith("}\n")


def _required(schema: dict, name: str) -> set[str]:
    return set(schema["components"]["schemas"][name]["required"])


def test_responses_have_the_schema_required_keys(api_as, agent, group):
    schema = _schema()
    client = api_as(agent)
    created = client.post("/api/v1/tickets", {"subject": "s", "body": "b", "customer_email": "c@d.example", "group_id": group.pk}).json()
    assert set(created) == _required(schema, "TicketDetailOut")
    assert set(created["customer"]) == _required(schema, "UserRef")
    listing = client.get("/api/v1/tickets").json()
    assert set(listing) == {"items", "next_cursor"}
    assert set(listing["items"][0]) == _required(schema, "TicketOut")
    article = client.get(f"/api/v1/tickets/{created['id']}/articles").json()["items"][0]
    assert set(article) == _required(schema, "ArticleOut")
    create_op = schema["paths"]["/api/v1/tickets"]["post"]
    assert "201" in create_op["responses"]
    body_ref = create_op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert schema["components"]["schemas"][body_ref]["additionalProperties"] is False


def test_every_input_schema_forbids_unknown_fields():
    schemas = _schema()["components"]["schemas"]
    inputs = [name for name in schemas if name.endswith("In")]
    assert len(inputs) >= 15
    assert [name for name in inputs if schemas[name].get("additionalProperties") is not False] == []


def test_docs_page_loads_only_our_own_scripts():
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
    assert scripts == ["/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui-init.js"]
    assert "cdn" not in html.lower()
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    # Inline <script> elements are data only (type=application/json), which CSP does not execute.
    inline = re.findall(r"<script(?![^>]*src=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']
    static = Client().get("/static/ninja/swagger-ui-bundle.js")
    assert static.status_code == 200
