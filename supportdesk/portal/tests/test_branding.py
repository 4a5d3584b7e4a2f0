"""Branding: the settings page, colours, logo upload (no SVG, size cap), brand.css and the logo URL."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.core.errors import PermissionDenied, ValidationFailed
from supportdesk.portal import branding
from supportdesk.portal.branding import brand_css, get_portal_settings, update_portal_settings
from supportdesk.portal.models import PortalSettings

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "brand_name": "Harwood Support",
        "primary_colour": "#112233",
        "accent_colour": "#445566",
        "self_registration": "on",
        "public_form": "on",
        "sign_in_link_minutes": "20",
    }
    data.update(overrides)
    return data


def test_settings_row_is_created_once_with_defaults() -> None:
    first = get_portal_settings()
    second = get_portal_settings()
    assert first.pk == second.pk == 1
    assert PortalSettings.objects.count() == 1
    assert (first.primary_colour, first.self_registration, first.sign_in_link_minutes) == ("#1f5fbf", True, 15)


def test_settings_page_is_for_admins_only(client: Client, agent: User, customer: User) -> None:
    assert client.get("/portal/settings/")["Location"].startswith("/login/")
    for user in (agent, customer):
        client.force_login(user)
        assert client.get("/portal/settings/").status_code == 403
        assert client.post("/portal/settings/", form_data()).status_code == 403
    assert get_portal_settings().brand_name == ""


def test_admin_saves_branding_and_switches(client: Client, admin: User) -> None:
    client.force_login(admin)
    assert client.get("/portal/settings/").status_code == 200
    before = get_portal_settings().updated_at
    response = client.post("/portal/settings/", form_data(self_registration="", sign_in_link_minutes="30"))
    assert response.status_code == 303
    row = get_portal_settings()
    assert (row.brand_name, row.primary_colour, row.accent_colour) == ("Harwood Support", "#112233", "#445566")
    assert (row.self_registration, row.public_form, row.sign_in_link_minutes) == (False, True, 30)
    assert row.updated_at > before
    page = Client().get("/portal/login/").content.decode()
    assert "Harwood Support" in page
    assert f"/portal/brand.css?v={branding.settings_version(row)}" in page


@pytest.mark.parametrize("colour", ["red", "#12345", "#1234567", "#gggggg", "#112233;}body{display:none", "", "url(x)"])
def test_bad_colours_are_refused(client: Client, admin: User, colour: str) -> None:
    client.force_login(admin)
    response = client.post("/portal/settings/", form_data(primary_colour=colour))
    assert response.status_code == 200
    assert get_portal_settings().primary_colour == "#1f5fbf"
    with pytest.raises(ValidationFailed):
        update_portal_settings(admin, {"accent_colour": colour})


def test_only_admins_change_settings_through_the_action(agent: User) -> None:
    with pytest.raises(PermissionDenied):
        update_portal_settings(agent, {"brand_name": "x"})


def test_unknown_settings_are_refused(admin: User) -> None:
    with pytest.raises(ValidationFailed):
        update_portal_settings(admin, {"logo_id": 5})


@pytest.mark.parametrize(("content", "content_type"), [(PNG, "image/png"), (JPEG, "image/jpeg"), (WEBP, "image/webp")])
def test_raster_logos_are_stored_and_served_safely(client: Client, admin: User, content: bytes, content_type: str) -> None:
    client.force_login(admin)
    upload = SimpleUploadedFile("logo.bin", content, content_type="application/octet-stream")
    assert client.post("/portal/settings/", form_data(logo=upload)).status_code == 303
    row = get_portal_settings()
    assert row.logo_content_type == content_type
    public = Client()
    response = public.get("/portal/logo?v=1")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content  # type: ignore[attr-defined]
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "immutable" in response["Cache-Control"]
    assert re.search(r'<img class="portal-brand__logo" src="/portal/logo\?v=\d+"', public.get("/portal/login/").content.decode())


@pytest.mark.parametrize(
    "content",
    [SVG, b"<?xml version='1.0'?>" + SVG, b"<html><script>alert(1)</script></html>", b"GIF89a" + b"\x00" * 20, b"RIFF\x00\x00\x00\x00AVI "],
)
def test_svg_html_and_other_files_are_refused_whatever_their_name(client: Client, admin: User, content: bytes) -> None:
    client.force_login(admin)
    upload = SimpleUploadedFile("logo.png", content, content_type="image/png")
    response = client.post("/portal/settings/", form_data(logo=upload))
    assert response.status_code == 200
    assert "PNG, JPEG or WebP" in response.content.decode()
    assert get_portal_settings().logo_id is None
    assert Client().get("/portal/logo").status_code == 404


def test_logo_size_is_capped(client: Client, admin: User) -> None:
    client.force_login(admin)
    big = SimpleUploadedFile("logo.png", PNG + b"\x00" * branding.LOGO_MAX_BYTES, content_type="image/png")
    response = client.post("/portal/settings/", form_data(logo=big))
    assert response.status_code == 200
    assert "too large" in response.content.decode()
    assert get_portal_settings().logo_id is None
    just_fits = PNG + b"\x00" * (branding.LOGO_MAX_BYTES - len(PNG))
    update_portal_settings(admin, {}, logo=just_fits)
    assert get_portal_settings().logo_id is not None


def test_logo_can_be_removed(client: Client, admin: User) -> None:
    update_portal_settings(admin, {}, logo=PNG)
    client.force_login(admin)
    client.post("/portal/settings/", form_data(remove_logo="on"))
    assert get_portal_settings().logo_id is None
    assert client.get("/portal/logo").status_code == 404


def test_brand_css_carries_the_colours_as_custom_properties(client: Client, admin: User) -> None:
    update_portal_settings(admin, {"primary_colour": "#ABCDEF", "accent_colour": "#000000"})
    response = client.get("/portal/brand.css?v=123")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response.content.decode() == ":root {\n  --brand: #abcdef;\n  --accent: #000000;\n}\n"
    assert "immutable" in response["Cache-Control"]
    assert "immutable" not in client.get("/portal/brand.css")["Cache-Control"]


def test_brand_css_never_prints_a_stored_bad_colour() -> None:
    row = get_portal_settings()
    PortalSettings.objects.filter(pk=row.pk).update(primary_colour="red;}*{")
    row.refresh_from_db()
    assert "red" not in brand_css(row)
    assert "--brand: #1f5fbf;" in brand_css(row)


def test_brand_name_is_escaped(client: Client, admin: User) -> None:
    update_portal_settings(admin, {"brand_name": '<script>alert(1)</script>"'})
    body = client.get("/portal/login/").content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_every_save_changes_the_version_of_the_cached_urls(admin: User) -> None:
    versions = set()
    for name in ("One", "Two", "Three"):
        row, _changed = update_portal_settings(admin, {"brand_name": name})
        versions.add(branding.settings_version(row))
    assert len(versions) == 3
