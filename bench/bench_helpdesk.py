#!/usr/bin/env python3
"""Side-by-side mail import benchmark (issue 3): django-helpdesk 2.6's own `get_email` on our corpus.

Usage: .venv/bin/python bench/bench_helpdesk.py [--corpus /tmp/mc/corpus] [--count 2000]
           [--venv /tmp/sd_helpdesk_venv] [--workdir /tmp/sd_helpdesk_bench] [--wal] [--ours]

1. Writes the corpus with ../shared/bench/make_mail_corpus.py when DIR holds no .eml file.
2. Creates (or reuses) a separate venv and pip-installs the newest django-helpdesk 2.6.x into it;
   nothing of django-helpdesk is installed into the project's venv or committed.
3. Writes a minimal Django project (SQLite file, the apps django-helpdesk needs), migrates it and
   creates one Queue of email box type "local" pointing at a copy of the .eml files: local mode
   deletes every file it imports, so it never sees the corpus itself.
4. Re-runs this file inside that venv (`--inner`), which times `call_command("get_email")` alone in
   one process (no venv creation, no migrate, no interpreter start-up) and counts what it created.
Prints one JSON line for django-helpdesk; with --ours, also runs bench_mail_import.py --no-postgres
for the same number of mails and prints its lines too, then one line with both rates.

By default django-helpdesk runs on stock Django SQLite settings (rollback journal, one fsync per
commit), as its docs set it up; --wal gives it our PRAGMAs (WAL, synchronous=NORMAL) instead, so
the storage setting can be told apart from the code.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS_SCRIPT = Path("/work/shared/bench/make_mail_corpus.py")
REQUIREMENT = "django-helpdesk==2.6.*"
OUR_SQLITE_PRAGMAS = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"

SETTINGS_TEMPLATE = """\
# Written by bench/bench_helpdesk.py: the smallest project django-helpdesk 2.6 runs get_email in.
SECRET_KEY = "bench-only-not-secret"
DEBUG = False  # no query log: production-like, as in our own benchmarks
ALLOWED_HOSTS = ["*"]
USE_TZ = True
SITE_ID = 1
ROOT_URLCONF = "bench_urls"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.admin",
    "django.contrib.messages",
    "django.contrib.humanize",
    "rest_framework",
    "django_cleanup.apps.CleanupConfig",
    "helpdesk",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
# Acknowledgements are rendered and built as real messages, then kept in memory instead of sent.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "support@example.com"
# Teams need pinax-teams; the documented way to run without it.
HELPDESK_TEAMS_MODE_ENABLED = False
"""

URLS = 'from django.urls import include, path\n\nurlpatterns = [path("helpdesk/", include("helpdesk.urls"))]\n'


def ensure_corpus(corpus: Path, count: int) -> list[Path]:
    """Write the corpus only when DIR has no mail, so a shared corpus is never regenerated under others."""
    if not any(corpus.glob("*.eml")):
        subprocess.run([sys.executable, str(CORPUS_SCRIPT), str(corpus), str(count)], check=True)
    return sorted(corpus.glob("*.eml"))


def ensure_venv(venv: Path) -> Path:
    """A venv of its own: django-helpdesk pins its own Django and must never touch /work/main/.venv."""
    python = venv / "bin" / "python"
    if venv.resolve() == (REPO / ".venv").resolve():
        raise SystemExit("refusing to install django-helpdesk into the project's venv")
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", REQUIREMENT], check=True)
    return python


def write_project(workdir: Path, files: list[Path], *, wal: bool) -> Path:
    """Settings, urls and a mail directory holding copies of the .eml files (threads.json stays out)."""
    project = workdir / "project"
    maildir = workdir / "maildir"
    project.mkdir(parents=True)
    maildir.mkdir()
    options = {"init_command": OUR_SQLITE_PRAGMAS} if wal else {}
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(workdir / "helpdesk.sqlite3"), "OPTIONS": options}
    settings = f"{SETTINGS_TEMPLATE}DATABASES = {{'default': {database!r}}}\nMEDIA_ROOT = {str(workdir / 'media')!r}\n"
    (project / "bench_settings.py").write_text(settings)
    (project / "bench_urls.py").write_text(URLS)
    for path in files:
        shutil.copyfile(path, maildir / path.name)
    return project


def run_helpdesk(python: Path, workdir: Path, project: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench_settings", "PYTHONPATH": str(project)}
    command = [str(python), str(Path(__file__).resolve()), "--inner", "--workdir", str(workdir)]
    done = subprocess.run(command, check=True, env=env, cwd=workdir, stdout=subprocess.PIPE)
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def threading_summary(corpus: Path, ticket_of: dict[str, int]) -> dict:
    """Where the mails landed against threads.json, by the rule bench_mail_import.py checks us with."""
    threads_file = corpus / "threads.json"
    if not threads_file.exists():
        return {}
    threads = json.loads(threads_file.read_text())
    roots = {root for root in threads.values() if root}
    return {
        "thread_roots": len(roots),
        "replies_outside_root_ticket": sum(
            1 for name, root in threads.items() if root and name != root and ticket_of.get(name) != ticket_of.get(root)
        ),
        "tickets_for_mail_without_thread": sum(1 for name, root in threads.items() if root is None and name in ticket_of),
    }


def run_ours(count: int) -> list[dict]:
    python = REPO / ".venv" / "bin" / "python"
    command = [str(python), str(REPO / "bench" / "bench_mail_import.py"), "--no-postgres", "--count", str(count)]
    done = subprocess.run(command, env=os.environ.copy(), cwd=REPO, capture_output=True)
    lines = [json.loads(line) for line in done.stdout.decode().splitlines() if line.startswith("{")]
    if done.returncode != 0:
        lines.append({"tool": "supportdesk", "exit_code": done.returncode, "stderr_tail": done.stderr.decode()[-500:]})
    return lines


def inner_main(workdir: Path) -> None:
    """Runs inside the django-helpdesk venv: migrate, one local Queue, then time get_email alone."""
    import django

    django.setup()
    from importlib.metadata import version

    from django.core import mail
    from django.core.management import call_command
    from helpdesk.models import FollowUp, Queue, Ticket

    call_command("migrate", verbosity=0)
    maildir = workdir / "maildir"
    message_ids = {_message_id(path): path.name for path in maildir.iterdir()}
    Queue.objects.create(
        title="Support",
        slug="support",
        email_address="support@example.com",
        allow_email_submission=True,
        email_box_type="local",
        email_box_local_dir=str(maildir),
        email_box_interval=0,
    )
    started = time.perf_counter()
    call_command("get_email", quiet=True)
    elapsed = time.perf_counter() - started
    followups = FollowUp.objects.values_list("message_id", "ticket_id")
    ticket_of = {message_ids[mid]: ticket for mid, ticket in followups if mid in message_ids}
    mails = len(message_ids)
    print(
        json.dumps(
            {
                "tool": "django-helpdesk",
                "version": version("django-helpdesk"),
                "django": django.get_version(),
                "mails": mails,
                "seconds": round(elapsed, 2),
                "mails_per_s": round(mails / elapsed, 1),
                "tickets": Ticket.objects.count(),
                "followups": FollowUp.objects.count(),
                "files_left": sum(1 for _ in maildir.iterdir()),
                "mails_sent": len(getattr(mail, "outbox", [])),
                "ticket_of": ticket_of,
            }
        )
    )


def _message_id(path: Path) -> str:
    """The Message-ID as django-helpdesk stores it (header value, stripped), read without its parser."""
    import email
    from email import policy

    return str(email.message_from_bytes(path.read_bytes(), policy=policy.default)["Message-ID"]).strip()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="/tmp/mc/corpus")
    parser.add_argument("--count", type=int, default=2000, help="mails to write when --corpus has none")
    parser.add_argument("--venv", default="/tmp/sd_helpdesk_venv")
    parser.add_argument("--workdir", default="/tmp/sd_helpdesk_bench")
    parser.add_argument("--wal", action="store_true", help="give django-helpdesk our SQLite PRAGMAs")
    parser.add_argument("--ours", action="store_true", help="also run bench_mail_import.py --no-postgres")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    workdir = Path(args.workdir)
    if args.inner:
        inner_main(workdir)
        return 0
    corpus = Path(args.corpus)
    files = ensure_corpus(corpus, args.count)
    python = ensure_venv(Path(args.venv))
    shutil.rmtree(workdir, ignore_errors=True)
    project = write_project(workdir, files, wal=args.wal)
    result = run_helpdesk(python, workdir, project)
    ticket_of = result.pop("ticket_of")
    result["sqlite"] = "wal" if args.wal else "django-default"
    result["threading"] = threading_summary(corpus, ticket_of)
    print(json.dumps(result), flush=True)
    if not args.ours:
        return 0
    ours = run_ours(len(files))
    for line in ours:
        print(json.dumps(line))
    sqlite = next((line for line in ours if line.get("db") == "sqlite"), None)
    if sqlite is None:
        return 1
    # A rate of ours that failed its correctness check (e.g. everything quarantined) is no rate to compare.
    ratio = None if sqlite["problems"] else round(sqlite["mails_per_s"] / result["mails_per_s"], 2)
    print(
        json.dumps(
            {
                "supportdesk_mails_per_s": sqlite["mails_per_s"],
                "django_helpdesk_mails_per_s": result["mails_per_s"],
                "ratio": ratio,
            }
        )
    )
    return 1 if sqlite["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
