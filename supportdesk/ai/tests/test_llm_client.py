"""The OpenAI-compatible client against a fake server on 127.0.0.1: the request it sends, and every
way the server can fail (timeouts, oversize, garbage, 4xx/5xx, 429 with Retry-After, redirects).

No database: the client only reads Django settings."""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from supportdesk.ai.llm import client
from supportdesk.ai.llm.client import Endpoint, LlmError, chat, completions_url, parse_completion, retry_after_seconds
from supportdesk.ai.llm.testing import FakeLlm

MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "My printer is on fire."}]


@pytest.fixture
def fake(settings: Any) -> Iterator[FakeLlm]:
    settings.SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK = True
    settings.SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS = 5
    with FakeLlm() as server:
        yield server


def _endpoint(fake: FakeLlm, key: str = "sk-secret-123") -> Endpoint:
    return Endpoint(base_url=fake.url, model="llama3", api_key=key)


def _fails(fake: FakeLlm, kind: str, **kwargs: Any) -> LlmError:
    with pytest.raises(LlmError) as caught:
        chat(_endpoint(fake), MESSAGES, **kwargs)
    assert caught.value.kind == kind
    return caught.value


def test_posts_a_chat_completion_with_the_bearer_key(fake: FakeLlm) -> None:
    fake.reply = "  Sorry to hear that. Unplug it.  "
    fake.model = "llama3:8b"
    answer = chat(_endpoint(fake), MESSAGES, temperature=0.1, max_tokens=123)
    assert (answer.text, answer.model, answer.truncated) == ("Sorry to hear that. Unplug it.", "llama3:8b", False)
    assert answer.elapsed_ms >= 0
    [request] = fake.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-secret-123"
    assert request.headers["content-type"] == "application/json"
    assert request.body == {"model": "llama3", "messages": MESSAGES, "temperature": 0.1, "max_tokens": 123, "stream": False}


def test_no_key_no_authorization_header_and_no_model_when_unset(fake: FakeLlm) -> None:
    chat(Endpoint(base_url=fake.url + "/", model="", api_key=""), MESSAGES)
    [request] = fake.requests
    assert "authorization" not in request.headers
    assert "model" not in request.body
    assert request.path == "/v1/chat/completions"


def test_length_stop_is_reported_and_thinking_is_removed(fake: FakeLlm) -> None:
    fake.reply = "<think>The user wants...\nlong thoughts</think>\nHello!"
    fake.finish_reason = "length"
    answer = chat(_endpoint(fake), MESSAGES)
    assert (answer.text, answer.truncated) == ("Hello!", True)


def test_timeout_when_the_server_sleeps(fake: FakeLlm, settings: Any) -> None:
    settings.SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS = 0.3
    fake.delay = 2
    started = time.monotonic()
    error = _fails(fake, "timeout")
    assert time.monotonic() - started < 1.5
    assert error.status == 503
    assert "0.3 seconds" in error.message


def test_one_deadline_for_a_body_dripped_byte_by_byte(fake: FakeLlm, settings: Any) -> None:
    """Each byte arrives well within the socket timeout; the whole answer does not."""
    settings.SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS = 0.5
    fake.drip = 0.05
    started = time.monotonic()
    _fails(fake, "timeout")
    assert time.monotonic() - started < 1.5


def test_oversize_answer_by_its_length_header(fake: FakeLlm) -> None:
    fake.body = b"x" * (client.MAX_RESPONSE_BYTES + 1)
    _fails(fake, "too_large")


def test_oversize_answer_without_a_length_header(fake: FakeLlm) -> None:
    fake.body = b"{" + b" " * (client.MAX_RESPONSE_BYTES + 10) + b"}"
    fake.send_length = False
    _fails(fake, "too_large")


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Bad gateway</html>",
        b"",
        b"[1, 2]",
        b'{"choices": []}',
        b'{"choices": "nope"}',
        b'{"choices": [{"message": {"content": null}}]}',
        b'{"choices": [{"message": {"content": 42}}]}',
        b'{"choices": [{"message": {"content": "   "}}]}',
        b"[" * 100_000,
        b'{"choices": [{"message": {"content": "\\ud800"}}',
    ],
)
def test_garbage_answers(fake: FakeLlm, body: bytes) -> None:
    fake.body = body
    error = _fails(fake, "bad_response")
    assert error.status == 503


def test_server_error(fake: FakeLlm) -> None:
    fake.status = 500
    fake.body = b'{"error": {"message": "CUDA out of memory"}}'
    error = _fails(fake, "server")
    assert (error.upstream_status, error.detail) == (500, "CUDA out of memory")
    assert "HTTP 500" in error.message


def test_429_with_retry_after_seconds(fake: FakeLlm) -> None:
    fake.status = 429
    fake.headers = {"Retry-After": "17"}
    error = _fails(fake, "rate_limited")
    assert (error.retry_after, error.status) == (17, 503)
    assert "17 seconds" in error.message


def test_429_without_retry_after(fake: FakeLlm) -> None:
    fake.status = 429
    error = _fails(fake, "rate_limited")
    assert error.retry_after is None


def test_retry_after_forms() -> None:
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("999999999999") == client.MAX_RETRY_AFTER
    assert retry_after_seconds("0") == 1
    assert retry_after_seconds("Wed, 01 Jan 2025 12:01:30 GMT", now=now) == 90
    assert retry_after_seconds("Wed, 01 Jan 2020 12:01:30 GMT", now=now) == 1
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("") is None
    assert retry_after_seconds(None) is None


def test_wrong_key_and_the_key_is_redacted_from_the_detail(fake: FakeLlm) -> None:
    fake.status = 401
    fake.body = json.dumps({"error": {"message": "Incorrect API key provided: sk-secret-123"}}).encode()
    error = _fails(fake, "auth")
    assert "sk-secret-123" not in error.detail
    assert error.detail == "Incorrect API key provided: ***"


@pytest.mark.parametrize(("status", "kind"), [(404, "not_found"), (400, "rejected"), (422, "rejected"), (302, "redirect"), (502, "server")])
def test_other_statuses(fake: FakeLlm, status: int, kind: str) -> None:
    fake.status = status
    fake.headers = {"Location": "http://169.254.169.254/latest/meta-data/"} if status == 302 else {}
    _fails(fake, kind)
    assert len(fake.requests) == 1  # a redirect is not followed


def test_loopback_refused_without_the_setting_and_nothing_is_sent(fake: FakeLlm, settings: Any) -> None:
    settings.SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK = False
    error = _fails(fake, "refused")
    assert error.status == 409
    assert fake.requests == []
    for url in ("http://[::1]:9/v1", "http://localhost:9/v1", "http://[::ffff:127.0.0.1]:9/v1"):
        with pytest.raises(LlmError) as caught:
            chat(Endpoint(base_url=url, model="m"), MESSAGES)
        assert caught.value.kind == "refused"


@pytest.mark.parametrize("url", ["http://10.0.0.5/v1", "http://169.254.169.254/v1", "file:///etc/passwd", "gopher://example.com/"])
def test_private_and_odd_urls_refused(fake: FakeLlm, url: str) -> None:
    with pytest.raises(LlmError) as caught:
        chat(Endpoint(base_url=url, model="m"), MESSAGES)
    assert caught.value.kind == "refused"


def test_a_host_resolving_to_a_private_address_is_refused(fake: FakeLlm, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.20", 80))])
    with pytest.raises(LlmError) as caught:
        chat(Endpoint(base_url="http://llm.example.com/v1", model="m"), MESSAGES)
    assert caught.value.kind == "refused"


def test_unreachable(settings: Any) -> None:
    settings.SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK = True
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(LlmError) as caught:
        chat(Endpoint(base_url=f"http://127.0.0.1:{port}/v1", model="m"), MESSAGES)
    assert caught.value.kind == "unreachable"


def test_logs_carry_neither_key_nor_text(fake: FakeLlm, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake.reply = "The answer is purple monkeys."
    chat(_endpoint(fake), MESSAGES)
    fake.status = 500
    with pytest.raises(LlmError):
        chat(_endpoint(fake), MESSAGES)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "127.0.0.1" in logged
    for secret in ("sk-secret-123", "printer is on fire", "purple monkeys"):
        assert secret not in logged


def test_completions_url() -> None:
    assert completions_url("https://api.example.com/v1") == "https://api.example.com/v1/chat/completions"
    assert completions_url("https://api.example.com/v1/") == "https://api.example.com/v1/chat/completions"
    assert completions_url("https://gw.example.com/openai?api-version=2") == "https://gw.example.com/openai/chat/completions?api-version=2"


def test_unencodable_and_nul_characters_are_replaced() -> None:
    text, _model, _cut = parse_completion(b'{"choices": [{"message": {"content": "a\\ud800b\\u0000c"}}]}')
    assert text == "a?bc"
    text.encode()


def test_parse_legacy_text_shape() -> None:
    assert parse_completion(b'{"model": "m", "choices": [{"text": "hi", "finish_reason": "stop"}]}') == ("hi", "m", False)


def test_an_endpoint_on_the_admins_own_network_needs_the_private_switch(settings: Any) -> None:
    from supportdesk.ai.settings_access import llm_url_error

    settings.SUPPORTDESK_AI_LLM_ALLOW_PRIVATE = False
    assert llm_url_error("http://192.168.1.10:11434/v1") != ""
    settings.SUPPORTDESK_AI_LLM_ALLOW_PRIVATE = True
    assert llm_url_error("http://192.168.1.10:11434/v1") == ""
    assert llm_url_error("http://169.254.169.254/v1") != ""  # cloud metadata: never
