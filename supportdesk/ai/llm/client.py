"""A minimal client of OpenAI-compatible chat completions (llama.cpp server, Ollama's /v1, vLLM,
OpenAI and the like): one POST to {base}/chat/completions, nothing else.

Why our own twenty lines of HTTP instead of an SDK: the endpoint is a URL an admin typed, so it goes
through core.net_safety like every webhook (http(s) to public addresses only, loopback only when
SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK; the checked address is pinned, so a second DNS answer cannot
point the request at an internal host; redirects are never followed). On top of that:
- one deadline for the whole exchange (connect, send, wait, read), SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS
  (default 30): the agent waits for the answer in the request, so it must end;
- the response is read in small pieces and refused past MAX_RESPONSE_BYTES (a hostile or broken
  server cannot fill memory);
- every failure (refused URL, unreachable, timeout, HTTP 4xx/5xx, 429 with Retry-After, a body that
  is not the expected JSON) is one exception type, LlmError, with a translated message an agent can
  read and a `kind` for programs. Nothing here logs the key, the prompt or the answer; INFO lines
  carry the host, model, status and time only.
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.translation import gettext as _

from supportdesk.core import net_safety
from supportdesk.core.errors import DomainError

logger = logging.getLogger(__name__)

MAX_RESPONSE_BYTES = 1_000_000
READ_CHUNK = 16_384
DEFAULT_TIMEOUT_SECONDS = 30.0
MAX_RETRY_AFTER = 3600
MAX_ANSWER_CHARS = 20_000
USER_AGENT = "Supportdesk-LLM/1"
# Reasoning models (DeepSeek-R1 through Ollama, QwQ) put their chain of thought in the content.
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)

Message = dict[str, str]


class LlmError(DomainError):
    """The language model could not be asked or gave no usable answer.

    `kind` says why, for programs and tests: disabled, not_configured, refused (unsafe URL),
    unreachable, timeout, auth, not_found, rejected (other 4xx), rate_limited (429), server (5xx),
    redirect, too_large, bad_response. `status` is the HTTP status we answer with: 409 when the
    instance is not set up for it (retrying will not help), 503 when the model server failed.
    `retry_after` (seconds) is set when the server said when to come back. `detail` is the server's
    own error text (redacted, one line), shown to admins testing the connection, never to agents.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        status: int = 503,
        upstream_status: int | None = None,
        retry_after: int | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(message, field_errors={"llm": kind})
        self.kind = kind
        self.status = status
        self.upstream_status = upstream_status
        self.retry_after = retry_after
        self.detail = detail


@dataclass(frozen=True)
class Endpoint:
    """Where to send a chat completion. `api_key` is the decrypted key ("" for none)."""

    base_url: str
    model: str
    api_key: str = field(default="", repr=False)

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or "?"


@dataclass(frozen=True)
class Completion:
    """The model's answer: its text (thinking blocks removed), the model that answered, and
    whether it stopped because of max_tokens (`truncated`)."""

    text: str
    model: str
    truncated: bool
    elapsed_ms: int


def timeout_seconds() -> float:
    """The deadline of one exchange, read at call time (tests lower it)."""
    value = getattr(settings, "SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS)
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return DEFAULT_TIMEOUT_SECONDS
    return seconds if seconds > 0 else DEFAULT_TIMEOUT_SECONDS


def allow_loopback() -> bool:
    return bool(getattr(settings, "SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK", False))


def allow_private() -> bool:
    """Whether the endpoint may be on the admin's own network (a model server in the office or cluster)."""
    return bool(getattr(settings, "SUPPORTDESK_AI_LLM_ALLOW_PRIVATE", False))


def completions_url(base_url: str) -> str:
    """{base}/chat/completions, keeping a query string (some gateways put an api-version there)."""
    parts = urlsplit(base_url.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/chat/completions", parts.query, ""))


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> int | None:
    """Retry-After as seconds (delta-seconds or an HTTP date), bounded to 1..MAX_RETRY_AFTER."""
    if not value:
        return None
    value = value.strip()
    seconds: float
    if value.isdigit():
        seconds = int(value[:9])
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return int(max(1, min(MAX_RETRY_AFTER, seconds)))


def _redact(text: str, secret: str) -> str:
    """One line of at most 200 characters, without the API key."""
    if secret:
        text = text.replace(secret, "***")
    return " ".join(text.split())[:200]


def _upstream_message(body: bytes, secret: str) -> str:
    """The error text an OpenAI-compatible server puts in {"error": {"message"}} (or a string)."""
    try:
        data = json.loads(body[:20_000])
    except (ValueError, RecursionError):
        return ""
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        error = error.get("message")
    return _redact(error, secret) if isinstance(error, str) else ""


def _read_body(response: http.client.HTTPResponse, connection: http.client.HTTPConnection, deadline: float) -> bytes:
    """The body, piece by piece, within the deadline and the size cap."""
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > MAX_RESPONSE_BYTES:
        raise LlmError(_("The language model's answer is too large."), kind="too_large")
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        if connection.sock is not None:
            connection.sock.settimeout(remaining)
        chunk = response.read1(READ_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise LlmError(_("The language model's answer is too large."), kind="too_large")
        chunks.append(chunk)


def _exchange(endpoint: Endpoint, payload: bytes, timeout: float) -> tuple[int, dict[str, str], bytes]:
    """One POST to the pinned address: (status, lower-cased headers, body)."""
    try:
        target = net_safety.check_url(completions_url(endpoint.base_url), allow_loopback=allow_loopback(), allow_private=allow_private())
    except net_safety.UnsafeTarget as exc:
        raise LlmError(_("The language model endpoint is not allowed: %(reason)s") % {"reason": exc}, kind="refused", status=409) from exc
    headers = {
        "Host": target.host_header,
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
    }
    if endpoint.api_key:
        headers["Authorization"] = f"Bearer {endpoint.api_key}"
    deadline = time.monotonic() + timeout
    connection = net_safety.pinned_connection(target, timeout=timeout)
    try:
        connection.request("POST", target.path, body=payload, headers=headers)
        if connection.sock is not None:
            connection.sock.settimeout(max(0.001, deadline - time.monotonic()))
        response = connection.getresponse()
        body = _read_body(response, connection, deadline)
        return response.status, {name.lower(): value for name, value in response.getheaders()}, body
    except TimeoutError as exc:
        raise LlmError(
            _("The language model did not answer within %(seconds)s seconds.") % {"seconds": f"{timeout:g}"}, kind="timeout"
        ) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise LlmError(_("The language model server cannot be reached."), kind="unreachable") from exc
    finally:
        connection.close()


def _status_error(status: int, headers: dict[str, str], body: bytes, secret: str) -> LlmError:
    detail = _upstream_message(body, secret)
    if 300 <= status < 400:
        message = _("The language model endpoint answered with a redirect, which is not followed.")
        return LlmError(message, kind="redirect", upstream_status=status)
    if status == 429:
        retry = retry_after_seconds(headers.get("retry-after"))
        if retry:
            message = _("The language model server is busy. Try again in %(seconds)s seconds.") % {"seconds": retry}
        else:
            message = _("The language model server is busy. Try again in a moment.")
        return LlmError(message, kind="rate_limited", upstream_status=status, retry_after=retry, detail=detail)
    if status in (401, 403):
        return LlmError(_("The language model server refused the API key."), kind="auth", upstream_status=status, detail=detail)
    if status == 404:
        return LlmError(
            _("The language model server does not know this endpoint or model; check the URL (usually ending in /v1) and the model name."),
            kind="not_found",
            upstream_status=status,
            detail=detail,
        )
    if 400 <= status < 500:
        return LlmError(
            _("The language model server rejected the request (HTTP %(status)s).") % {"status": status},
            kind="rejected",
            upstream_status=status,
            detail=detail,
        )
    message = _("The language model server had an error (HTTP %(status)s).") % {"status": status}
    return LlmError(message, kind="server", upstream_status=status, detail=detail)


def parse_completion(body: bytes) -> tuple[str, str, bool]:
    """(text, model, truncated) from a chat completion body; LlmError(bad_response) for anything
    else: not JSON, no choices, no text."""
    bad = _("The language model server gave an answer that is not a chat completion.")
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise LlmError(bad, kind="bad_response") from exc
    choices = data.get("choices") if isinstance(data, dict) else None
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise LlmError(bad, kind="bad_response")
    first = choices[0]
    message = first.get("message")
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str):
        content = first.get("text")  # legacy completions shape, still sent by some servers
    if not isinstance(content, str):
        raise LlmError(bad, kind="bad_response")
    # A lone surrogate ("\ud800") is valid JSON but cannot be encoded again: replace it.
    content = content.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")
    text = _THINKING.sub("", content).strip()[:MAX_ANSWER_CHARS]
    if not text:
        raise LlmError(_("The language model gave an empty answer."), kind="bad_response")
    model = data.get("model") if isinstance(data.get("model"), str) else ""
    return text, model[:120], first.get("finish_reason") == "length"


def chat(
    endpoint: Endpoint,
    messages: list[Message],
    *,
    temperature: float = 0.2,
    max_tokens: int = 800,
    timeout: float | None = None,
    purpose: str = "chat",
) -> Completion:
    """Ask the model; the answer or LlmError. Blocks for at most the timeout (plus DNS lookup)."""
    timeout = timeout if timeout is not None else timeout_seconds()
    request: dict[str, Any] = {"messages": messages, "temperature": temperature, "max_tokens": max_tokens, "stream": False}
    if endpoint.model:
        request["model"] = endpoint.model
    payload = json.dumps(request, ensure_ascii=False).encode()
    started = time.monotonic()
    try:
        status, headers, body = _exchange(endpoint, payload, timeout)
        if not 200 <= status < 300:
            raise _status_error(status, headers, body, endpoint.api_key)
        text, model, truncated = parse_completion(body)
    except LlmError as exc:
        elapsed = int((time.monotonic() - started) * 1000)
        logger.warning("llm %s to %s failed after %s ms: %s %s", purpose, endpoint.host, elapsed, exc.kind, exc.upstream_status or "")
        raise
    elapsed = int((time.monotonic() - started) * 1000)
    logger.info("llm %s to %s: model %s, %s ms, truncated %s", purpose, endpoint.host, model or endpoint.model, elapsed, truncated)
    return Completion(text=text, model=model or endpoint.model, truncated=truncated, elapsed_ms=elapsed)
