"""Browser fixtures: Playwright for Python driving Debian's Chromium (never a downloaded browser).

Without /usr/bin/chromium or the playwright package the browser tests are skipped with the reason,
unless SUPPORTDESK_REQUIRE_SERVICES=1 says the environment must provide them; then they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from django.db.backends.signals import connection_created

# Playwright's sync API runs an event loop in this thread, which makes Django refuse ORM calls from
# the test body (SynchronousOnlyOperation). The test thread only sets up data, so this is safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _unavailable(reason: str) -> None:
    if os.environ.get("SUPPORTDESK_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (required because SUPPORTDESK_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        _unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser: Any) -> Iterator[Any]:
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@dataclass(frozen=True)
class AsgiLiveServer:
    """Where the real ASGI application (HTTP and websockets) listens during one test."""

    url: str


@contextmanager
def _sqlite_on_disk(connection: Any) -> Iterator[None]:
    """Move an in-memory SQLite test database to a temporary file for the duration of the block.

    The server answers from other threads, each with its own connection. Separate connections to a
    shared-cache in-memory database hit table locks that SQLite does not retry, so the test runs on
    a file copy (WAL, busy timeout: the production setup). The in-memory handle is kept open, not
    closed (closing it would destroy the session's test database), and comes back afterwards;
    pytest-django's flush then empties it as usual. PostgreSQL and file databases pass through.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    connection.ensure_connection()
    memory = connection.connection
    memory_name = connection.settings_dict["NAME"]
    with tempfile.TemporaryDirectory(prefix="supportdesk-live-") as tmp:
        path = os.path.join(tmp, "live.sqlite3")
        disk = sqlite3.connect(path)
        try:
            memory.backup(disk)
        finally:
            disk.close()
        connection.connection = None  # forget the handle without closing it; the next query connects to the file
        connection.settings_dict["NAME"] = path  # the same dict every thread's new connection is built from
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["NAME"] = memory_name
            connection.connection = memory


def _serve(application: Any) -> tuple[Any, threading.Thread, int]:
    """Start uvicorn (the production server) on a free port in a daemon thread; wait until it listens."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(application, lifespan="off", log_level="warning", timeout_graceful_shutdown=2)  # as `supportdesk web`
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="asgi-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the ASGI live server did not start")
        time.sleep(0.02)
    return server, thread, port


@contextmanager
def _closing_server_connections() -> Iterator[None]:
    """Close every database connection that other threads open inside the block.

    Django's ASGI handler sends `request_finished` (which closes the connection) only for requests it
    completes; when a browser goes away mid-request, the connection stays open in its worker thread.
    On PostgreSQL that left session then blocks dropping the test database at the end of the run.
    """
    test_thread = threading.get_ident()
    opened: dict[int, Any] = {}

    def track(sender: Any, connection: Any, **kwargs: Any) -> None:
        if threading.get_ident() != test_thread:
            opened[id(connection)] = connection

    connection_created.connect(track, weak=False)
    try:
        yield
    finally:
        connection_created.disconnect(track)
        for wrapper in opened.values():
            wrapper.inc_thread_sharing()  # closed from this thread, after the server has stopped
            try:
                wrapper.close()
            finally:
                wrapper.dec_thread_sharing()


@pytest.fixture
def asgi_live_server(transactional_db: None, settings: Any) -> Iterator[AsgiLiveServer]:
    """`supportdesk.asgi.application` served by uvicorn in this process, with websockets.

    pytest-django's `live_server` is WSGI and has no websockets, so live updates cannot be tested
    with it. In one process the in-memory channel layer is shared by every consumer and by the
    fan-out that runs after a view's commit, just as Redis would share it between processes; a fresh
    layer per test keeps group members left over from other tests (and their event loops) out.
    Needs committed data (transactional_db): the server's threads use their own connections.
    """
    from django.db import connection

    from supportdesk.asgi import application

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]  # also checked against the websocket Origin
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}  # resets the cached layer
    with _sqlite_on_disk(connection), _closing_server_connections():
        server, thread, port = _serve(application)
        try:
            yield AsgiLiveServer(url=f"http://127.0.0.1:{port}")
        finally:
            server.should_exit = True
            thread.join(timeout=10)


def sign_in(page: Any, base_url: str, user: Any, password: str = "password123") -> None:
    """Sign in through the login form and wait for the inbox (the fixtures' users share a password)."""
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/inbox/")
