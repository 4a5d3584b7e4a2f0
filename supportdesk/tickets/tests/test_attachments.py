"""Attachment storage and hostile filenames (BAD-INPUTS 26, 27)."""

from __future__ import annotations

import hashlib

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from supportdesk.core.errors import NotFound, ValidationFailed
from supportdesk.tickets.access import access_attachment
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.attachments import blob_path, clean_filename, create_attachment, is_inline_safe


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("\u200b.htaccess", "htaccess"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("a\x00b.txt", "ab.txt"),
        ("", "attachment"),
        ("...", "attachment"),
        ("Rēķins számla Übersicht.pdf", "Rēķins számla Übersicht.pdf"),
    ],
)
def test_clean_filename(raw, expected):
    assert clean_filename(raw) == expected


def test_long_filename_keeps_extension():
    name = clean_filename("a" * 1000 + ".pdf")
    assert len(name) == 200 and name.endswith(".pdf")


@given(st.text(max_size=300))
def test_clean_filename_never_yields_path_or_control_chars(raw):
    name = clean_filename(raw)
    assert name and "/" not in name and "\\" not in name and not name.startswith(".")
    assert len(name) <= 200
    assert all(ch.isprintable() or ch == " " for ch in name)


def test_blob_is_stored_by_hash_and_deduplicated(db, agent):
    first = create_attachment(chunks=[b"same ", b"bytes"], filename="../x.svg", content_type="image/svg+xml", uploaded_by_id=agent.pk)
    second = create_attachment(chunks=[b"same bytes"], filename="y.txt", content_type=None, uploaded_by_id=agent.pk)
    digest = hashlib.sha256(b"same bytes").hexdigest()
    assert first.blob_id == second.blob_id == digest
    assert blob_path(digest).read_bytes() == b"same bytes"
    assert first.filename == "x.svg"
    assert second.content_type == "text/plain"
    assert not is_inline_safe(first)  # SVG is never shown inline


@override_settings(ATTACHMENT_MAX_BYTES=10)
def test_oversized_upload_is_refused_and_leaves_no_file(db, agent, settings):
    with pytest.raises(ValidationFailed):
        create_attachment(chunks=[b"x" * 11], filename="big.bin", content_type=None, uploaded_by_id=agent.pk)
    assert not [p for p in settings.ATTACHMENT_ROOT.iterdir() if p.name.startswith(".upload-")]


def test_attachment_access(ticket, agent, customer, outsider, other_customer):
    note_file = create_attachment(chunks=[b"n"], filename="note.txt", content_type=None, uploaded_by_id=agent.pk)
    reply_file = create_attachment(chunks=[b"r"], filename="reply.txt", content_type=None, uploaded_by_id=agent.pk)
    add_article(agent, ticket, body_text="note", is_internal=True, attachment_ids=[note_file.pk])
    add_article(agent, ticket, body_text="reply", attachment_ids=[reply_file.pk])
    assert access_attachment(customer, reply_file.pk) == reply_file
    assert access_attachment(agent, note_file.pk) == note_file
    for user, attachment in [(customer, note_file), (outsider, reply_file), (other_customer, reply_file)]:
        with pytest.raises(NotFound):
            access_attachment(user, attachment.pk)
    pending = create_attachment(chunks=[b"p"], filename="p.txt", content_type=None, uploaded_by_id=agent.pk)
    with pytest.raises(NotFound):
        access_attachment(customer, pending.pk)
