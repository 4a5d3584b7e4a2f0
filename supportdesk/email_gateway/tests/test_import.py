"""`supportdesk mail import`: .eml directories, Maildir, mbox; idempotent re-runs; kill and resume."""

from __future__ import annotations

import json
import mailbox
import os
import signal
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from supportdesk.accounts.models import Group
from supportdesk.email_gateway.choices import InboundStatus
from supportdesk.email_gateway.intake import store_raw_batch
from supportdesk.email_gateway.intake_raw import read_raw
from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.email_gateway.tests.mailfactory import make_mail
from supportdesk.tickets.models import Article, Ticket

pytestmark = pytest.mark.django_db
CORPUS_SCRIPT = Path("/work/shared/bench/make_mail_corpus.py")
REPO = Path(__file__).resolve().parents[3]


def run_import(path: Path, *extra: str) -> dict[str, int]:
    out = StringIO()
    call_command("mail", "import", str(path), "--json", *extra, stdout=out, stderr=StringIO())
    summary = json.loads(out.getvalue())
    assert summary.pop("seconds") >= 0  # the import's own duration, for benchmarks
    return summary


def write_thread(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "01.eml").write_bytes(make_mail())
    (directory / "02.eml").write_bytes(
        make_mail(
            subject="Re: Printer on fire",
            body="Any news?",
            message_id="<m2@customer.example>",
            extra={"In-Reply-To": "<m1@customer.example>"},
        )
    )
    (directory / "03.eml").write_bytes(
        make_mail(subject="Out of office", message_id="<m3@customer.example>", extra={"Auto-Submitted": "auto-replied"})
    )
    (directory / "sub").mkdir(exist_ok=True)
    (directory / "sub" / "04.eml").write_bytes(make_mail(sender="dora@kunde.example", subject="Other", message_id="<m4@kunde.example>"))
    (directory / "notes.txt").write_text("not a mail")


EXPECTED = {
    "read": 4,
    "tickets_created": 2,
    "articles_added": 1,
    "duplicates": 0,
    "ignored": 1,
    "bounces": 0,
    "quarantined": 0,
    "review": 0,
}


def test_import_directory_then_rerun_adds_nothing(tmp_path: Path) -> None:
    write_thread(tmp_path / "mails")
    assert run_import(tmp_path / "mails") == EXPECTED
    assert (Ticket.objects.count(), Article.objects.count(), Group.objects.get().name) == (2, 3, "Support")
    assert run_import(tmp_path / "mails") == {**dict.fromkeys(EXPECTED, 0), "read": 4, "duplicates": 4}
    assert (Ticket.objects.count(), Article.objects.count(), InboundMessage.objects.count()) == (2, 3, 4)


def test_batches_are_bounded_by_count_and_by_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.email_gateway.management.commands import mail as command

    write_thread(tmp_path / "mails")
    sizes = [path.stat().st_size for path in sorted((tmp_path / "mails").rglob("*.eml"))]
    assert min(sizes) * 2 > max(sizes)
    monkeypatch.setattr(command, "BATCH_BYTES", max(sizes))  # no two mails fit in one batch
    assert run_import(tmp_path / "mails") == EXPECTED
    assert len(set(InboundMessage.objects.values_list("raw_pack", flat=True))) == 4  # one pack file per batch
    InboundMessage.objects.all().delete()
    Ticket.objects.all().delete()
    monkeypatch.setattr(command, "BATCH_BYTES", sum(sizes))
    assert run_import(tmp_path / "mails", "--batch-size", "3") == EXPECTED
    packs = list(InboundMessage.objects.order_by("id").values_list("raw_pack", flat=True))
    assert [packs.index(pack) for pack in packs] == [0, 0, 0, 3]
    with pytest.raises(CommandError, match="at least 1"):
        run_import(tmp_path / "mails", "--batch-size", "0")


def test_import_in_batches_of_one_ends_as_one_batch(tmp_path: Path) -> None:
    write_thread(tmp_path / "mails")
    assert run_import(tmp_path / "mails", "--batch-size", "1") == EXPECTED
    assert len(set(InboundMessage.objects.values_list("raw_pack", flat=True))) == 4
    assert (Ticket.objects.count(), Article.objects.count()) == (2, 3)


def test_eml_files_finds_what_rglob_finds_in_the_same_order(tmp_path: Path) -> None:
    from supportdesk.email_gateway.management.commands.mail import eml_files

    root = tmp_path / "mails"
    write_thread(root)
    for name in ("a-b/x.eml", "a/b.eml", "a/.hidden.eml", "Z.eml", "a/deep/er/1.eml", "upper.EML"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"x")
    (root / "folder.eml").mkdir()
    (root / "link.eml").symlink_to(root / "01.eml")
    (root / "dangling.eml").symlink_to(root / "nowhere")
    (root / "linked-dir").symlink_to(root / "a", target_is_directory=True)
    assert eml_files(root) == sorted(path for path in root.rglob("*.eml") if path.is_file())
    assert len(eml_files(root)) == 10


def test_import_mbox_and_maildir(tmp_path: Path) -> None:
    write_thread(tmp_path / "mails")
    files = sorted((tmp_path / "mails").rglob("*.eml"))
    box = mailbox.mbox(str(tmp_path / "all.mbox"))
    for file in files:
        box.add(file.read_bytes())
    box.flush()
    assert run_import(tmp_path / "all.mbox") == EXPECTED
    maildir = mailbox.Maildir(str(tmp_path / "Maildir"))
    for file in files:
        maildir.add(file.read_bytes())
    # Same content as the mbox (the mbox "From " line aside): everything is a duplicate.
    summary = run_import(tmp_path / "Maildir")
    assert (summary["read"], summary["duplicates"], Ticket.objects.count()) == (4, 4, 2)
    assert InboundMessage.objects.filter(source_ref__startswith="mbox:all.mbox#").count() == 4


def test_import_into_a_mailbox_group(tmp_path: Path, other_group: Group) -> None:
    Mailbox.objects.create(name="billing", email_address="billing@support.example", group=other_group)
    write_thread(tmp_path / "mails")
    run_import(tmp_path / "mails", "--mailbox", "billing")
    assert set(Ticket.objects.values_list("group__name", flat=True)) == {"Billing"}
    with pytest.raises(CommandError, match="Unknown mailbox: nope"):
        run_import(tmp_path / "mails", "--mailbox", "nope")


def test_import_resumes_a_stored_but_unprocessed_message(tmp_path: Path) -> None:
    from supportdesk.email_gateway.intake import store_raw

    write_thread(tmp_path / "mails")
    store_raw((tmp_path / "mails" / "01.eml").read_bytes(), source="import")  # crash right after storing
    assert run_import(tmp_path / "mails") == EXPECTED
    assert InboundMessage.objects.filter(status=InboundStatus.PENDING).count() == 0


@pytest.mark.skipif(not CORPUS_SCRIPT.exists(), reason="shared corpus generator /work/shared/bench/make_mail_corpus.py is absent")
def test_import_killed_midway_then_rerun_imports_everything_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(CORPUS_SCRIPT), str(corpus), "150"], check=True)
    threads = json.loads((corpus / "threads.json").read_text())
    env = {**os.environ, "SUPPORTDESK_VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": f"sqlite:///{tmp_path / 'crash.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "supportdesk.cli"]
    subprocess.run([*command, "migrate", "-v0"], check=True, env=env, cwd=REPO)
    # Batches of 50: the kill lands after two batches are committed and while a third is under way.
    process = subprocess.Popen(
        [*command, "mail", "import", str(corpus), "--batch-size", "50"],
        env=env,
        cwd=REPO,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    assert process.stderr is not None
    line = process.stderr.readline()  # the first progress line: 100 messages done
    assert b"100 messages read" in line
    process.send_signal(signal.SIGKILL)
    process.wait()
    rerun = subprocess.run([*command, "mail", "import", str(corpus), "--json"], env=env, cwd=REPO, capture_output=True, check=True)
    summary = json.loads(rerun.stdout)
    assert summary["read"] == 150 and summary["duplicates"] >= 100
    check = (
        "import json; from supportdesk.tickets.models import Ticket, Article; from supportdesk.email_gateway.models import InboundMessage;"
        "print(json.dumps([Ticket.objects.count(), Article.objects.count(), InboundMessage.objects.count(),"
        " InboundMessage.objects.filter(status='processed').count()]))"
    )
    output = subprocess.run([*command, "shell", "-c", check], env=env, cwd=REPO, capture_output=True, check=True).stdout
    counts = json.loads(output.decode().strip().splitlines()[-1])
    roots = {root for root in threads.values() if root}
    threaded = sum(1 for root in threads.values() if root)
    assert counts == [len(roots), threaded, 150, threaded]


def test_import_same_bytes_twice_in_one_batch_stores_and_imports_once(tmp_path: Path) -> None:
    """The batched store (pack file fsynced, rows in one commit) keeps import_one's semantics: the very
    same bytes twice in one run are one stored message and one ticket, the second a duplicate."""
    raw = make_mail()
    (tmp_path / "a.eml").write_bytes(raw)
    (tmp_path / "b.eml").write_bytes(raw)
    summary = run_import(tmp_path)
    assert (summary["read"], summary["tickets_created"], summary["duplicates"]) == (2, 1, 1)
    assert InboundMessage.objects.count() == 1
    stored = InboundMessage.objects.get()
    assert read_raw(stored) == raw and stored.raw_pack  # stored in the batch's pack file
    assert stored.status == InboundStatus.PROCESSED
    assert store_raw_batch([], source="import") == []
