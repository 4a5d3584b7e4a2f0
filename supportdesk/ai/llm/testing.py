"""A fake OpenAI-compatible server on 127.0.0.1 for tests (unit, API and browser).

It records every request (path, headers, JSON body) and answers what the test set: a chat
completion with `reply`, or any status/body/headers, after an optional delay, optionally dripping
the body slowly. It runs in a daemon thread; nothing here is used by the application itself.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: Any  # the parsed JSON (or the raw text when it was not JSON)


@dataclass
class FakeLlm:
    """Set the fields before (or between) requests; read `requests` afterwards."""

    reply: str = "Hello, this is the draft."
    model: str = "fake-model"
    status: int = 200
    body: bytes | None = None  # sent instead of a completion when set
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drip: float = 0.0  # seconds between 1-byte writes of the body
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    finish_reason: str = "stop"
    requests: list[Recorded] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def completion(self) -> bytes:
        return json.dumps(
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "model": self.model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": self.reply}, "finish_reason": self.finish_reason}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        ).encode()

    def start(self) -> FakeLlm:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    parsed: Any = json.loads(raw)
                except ValueError:
                    parsed = raw.decode(errors="replace")
                fake.requests.append(Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, parsed))
                if fake.delay:
                    time.sleep(fake.delay)
                body = fake.body if fake.body is not None else fake.completion()
                try:
                    self.send_response(fake.status)
                    self.send_header("Content-Type", "application/json")
                    if fake.send_length:
                        self.send_header("Content-Length", str(len(body)))
                    for name, value in fake.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    if fake.drip:
                        for index in range(len(body)):
                            self.wfile.write(body[index : index + 1])
                            self.wfile.flush()
                            time.sleep(fake.drip)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeouts, size cap): expected in those tests

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-llm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeLlm:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def configure(admin: Any, fake: FakeLlm, *, enabled: bool = True, model: str = "fake-model", api_key: str = "sk-test-secret") -> None:
    """Point the AI settings at `fake` through the real settings action (the caller allows
    loopback: settings.SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK = True)."""
    from supportdesk.ai.settings_access import update_ai_settings

    changes: dict[str, Any] = {"llm_base_url": fake.url, "llm_model": model, "llm_enabled": enabled}
    changes["llm_api_key"] = api_key if api_key else None
    update_ai_settings(admin, changes)
