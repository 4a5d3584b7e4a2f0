"""Raw mail stored in pack files (intake_raw): one durable file per import batch, read back exactly,
damage detected, and every reader of raw mail (intake, reprocessing, download) served from it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from supportdesk.accounts.models import User
from supportdesk.email_gateway import intake_raw, mailboxes
from supportdesk.email_gateway.choices import InboundStatus
from supportdesk.email_gateway.intake import process_inbound, store_raw, store_raw_batch
from supportdesk.email_gateway.intake_raw import pack_path, raw_exists, read_raw
from supportdesk.email_gateway.models import InboundMessage
from supportdesk.email_gateway.tests.mailfactory import make_mail
from supportdesk.tickets.models import Blob

pytestmark = pytest.mark.django_db


def _mails(count: int) -> list[tuple[bytes, str]]:
    return [(make_mail(subject=f"Pack {n}", message_id=f"<pack-{n}@customer.example>", body=f"body {n}"), f"ref-{n}") for n in range(count)]


def test_a_batch_is_one_fsynced_pack_and_every_message_reads_back_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(intake_raw.os, "fsync", fsync)
    items = _mails(3)

    stored = store_raw_batch(items, source="import")

    assert len({row.raw_pack for row in stored}) == 1
    assert len(synced) >= 2  # the pack file, then its directory (and any directory made for it)
    pack = pack_path(stored[0].raw_pack)
    assert pack.read_bytes() == b"".join(raw for raw, _ref in items)
    for row, (raw, ref) in zip(stored, items, strict=True):
        row = InboundMessage.objects.get(pk=row.pk)
        assert (row.raw_id, row.size, row.source_ref, row.status) == (hashlib.sha256(raw).hexdigest(), len(raw), ref, InboundStatus.PENDING)
        assert read_raw(row) == raw
        assert read_raw(row, limit=10) == raw[:10]
        assert Blob.objects.get(sha256=row.raw_id).size == len(raw)


def test_the_same_bytes_twice_in_a_batch_are_written_once() -> None:
    raw = make_mail()
    first, second = store_raw_batch([(raw, "a"), (raw, "b")], source="import")
    assert (first.raw_pack, first.raw_offset) == (second.raw_pack, second.raw_offset)
    assert pack_path(first.raw_pack).stat().st_size == len(raw)


def test_a_damaged_pack_is_unreadable_and_processing_quarantines_the_message() -> None:
    [row] = store_raw_batch(_mails(1), source="import")
    path = pack_path(row.raw_pack)
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))

    with pytest.raises(OSError, match="does not match its hash"):
        read_raw(row)
    inbound = process_inbound(row.pk)
    assert (inbound.status, inbound.reason) == (InboundStatus.QUARANTINED, "raw mail unreadable: OSError")
    path.unlink()
    assert not raw_exists(row)


@pytest.mark.parametrize("name", ["../../etc/passwd", "2026-11/x.pack", "/tmp/a.pack", ""])
def test_only_names_write_pack_makes_are_opened(name: str) -> None:
    with pytest.raises(OSError, match="not a raw pack name"):
        pack_path(name)


def test_reprocessing_a_packed_message_reads_it_from_the_pack(admin: User) -> None:
    [row] = store_raw_batch(_mails(1), source="import")
    InboundMessage.objects.filter(pk=row.pk).update(status=InboundStatus.QUARANTINED, reason="parser bug")

    inbound = mailboxes.reprocess_inbound(admin, row.pk)

    assert inbound.status == InboundStatus.PROCESSED
    assert inbound.ticket is not None and inbound.ticket.subject == "Pack 0"


def test_raw_download_of_a_packed_message_and_of_a_missing_one(client: Client, admin: User) -> None:
    [(raw, _ref)] = items = _mails(1)
    [row] = store_raw_batch(items, source="import")
    client.force_login(admin)

    response = client.get(reverse("mail-raw", args=[row.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == raw  # type: ignore[attr-defined]

    Path(pack_path(row.raw_pack)).unlink()
    assert client.get(reverse("mail-raw", args=[row.pk])).status_code == 404


def test_single_messages_still_get_their_own_blob_file() -> None:
    inbound = store_raw(make_mail(subject="single"), source="imap")
    assert inbound.raw_pack == "" and inbound.raw_offset is None
    assert read_raw(inbound) == make_mail(subject="single")
