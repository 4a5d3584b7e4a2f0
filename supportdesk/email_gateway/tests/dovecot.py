"""A real IMAP server for tests: Debian's Dovecot, started from a throw-away config on a free port.

The config listens on 127.0.0.1 only, without TLS, with plain-text login allowed (loopback), one
passwd-file with a pool of test users and Maildir storage under a temporary directory. When Dovecot is not
installed or will not start, tests using it are skipped with the reason, unless
SUPPORTDESK_REQUIRE_SERVICES=1 (CI), where the same problem fails the run.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from imapclient import IMAPClient

DOVECOT_CANDIDATES = ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot")
START_TIMEOUT = 15.0
USER_POOL = 200

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
instance_name = sd-test-{port}
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = {uid}
last_valid_uid = {uid}
default_internal_user = {internal_user}
default_login_user = {login_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


def services_required() -> bool:
    return os.environ.get("SUPPORTDESK_REQUIRE_SERVICES") == "1"


def unavailable(reason: str) -> None:
    """Skip with a visible reason, or fail when the run requires real services."""
    if services_required():
        pytest.fail(f"Dovecot required (SUPPORTDESK_REQUIRE_SERVICES=1): {reason}")
    pytest.skip(f"Dovecot IMAP tests skipped: {reason} (apt-get install dovecot-imapd)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                if sock.recv(64).startswith(b"* OK"):
                    return True
        except OSError:
            time.sleep(0.1)
    return False


def _mail_owner() -> tuple[int, int, str]:
    """Dovecot refuses to store mail as root: use the `dovecot` system user then, else ourselves."""
    if os.getuid() != 0:
        return os.getuid(), os.getgid(), pwd.getpwuid(os.getuid()).pw_name
    entry = pwd.getpwnam("dovecot")
    return entry.pw_uid, entry.pw_gid, entry.pw_name


@dataclass
class Dovecot:
    """A running test server; `new_user` hands out an account, `client` logs in, `append` delivers."""

    root: Path
    port: int
    host: str = "127.0.0.1"
    users: dict[str, str] = field(default_factory=dict)
    _next: int = 0

    def new_user(self) -> tuple[str, str]:
        """Hand out the next account of the pool written at start-up (user name, password).

        The pool is written once because Dovecot re-reads its passwd-file at most once a second.
        """
        if self._next >= len(self.users):
            raise RuntimeError("the Dovecot test user pool is used up; raise USER_POOL")
        username = sorted(self.users, key=lambda name: int(name.removeprefix("user")))[self._next]
        self._next += 1
        return username, self.users[username]

    def client(self, username: str) -> IMAPClient:
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(username, self.users[username])
        return client

    def append(self, username: str, raw: bytes, *, folder: str = "INBOX", flags: tuple[bytes, ...] = ()) -> None:
        client = self.client(username)
        try:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            client.append(folder, raw, flags=flags)
        finally:
            client.logout()

    def flags(self, username: str, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
        """UID -> flags of every message in the folder (read-only select: nothing changes)."""
        client = self.client(username)
        try:
            client.select_folder(folder, readonly=True)
            uids = client.search(["ALL"])
            return {uid: tuple(data[b"FLAGS"]) for uid, data in client.fetch(uids, ["FLAGS"]).items()} if uids else {}
        finally:
            client.logout()


def start_dovecot() -> Iterator[Dovecot]:
    """Generator behind the session fixture: start, yield, stop and clean up."""
    binary = next((path for path in DOVECOT_CANDIDATES if os.path.exists(path)), shutil.which("dovecot"))
    if not binary:
        unavailable("the dovecot binary is not installed")
        return
    try:
        uid, gid, user = _mail_owner()
    except KeyError:
        unavailable("no `dovecot` system user to own the test mail")
        return
    root = Path(tempfile.mkdtemp(prefix="sd-dovecot-"))
    port = free_port()
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir()
    os.chmod(root, 0o755)
    users = {f"user{n}": secrets.token_urlsafe(12) for n in range(1, USER_POOL + 1)}
    (root / "passwd").write_text("".join(f"{name}:{{PLAIN}}{secret}::::::\n" for name, secret in users.items()))
    config = root / "dovecot.conf"
    internal = "dovecot" if os.getuid() == 0 else user
    login = "dovenull" if os.getuid() == 0 else user
    config.write_text(CONFIG.format(root=root, port=port, uid=uid, gid=gid, internal_user=internal, login_user=login))
    if os.getuid() == 0:
        for sub in ("mail", "home"):
            os.chown(root / sub, uid, gid)
    process = subprocess.Popen([binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if not _wait_for_port(port, process, START_TIMEOUT):
            log = (root / "dovecot.log").read_text(errors="replace")[-800:] if (root / "dovecot.log").exists() else ""
            stderr = process.stderr.read().decode(errors="replace")[-800:] if process.poll() is not None and process.stderr else ""
            unavailable(f"dovecot did not start: {stderr or log or 'no output'}")
            return
        yield Dovecot(root=root, port=port, users=users)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)
