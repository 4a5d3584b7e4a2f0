"""LLM drafting and summaries (staff with the staff view of the ticket) and the connection test (admins).

Errors are problem+json like everywhere; `errors.llm` names the reason for programs:
- 404: missing ticket, or no staff view of it (customers, agents of other groups): the same answer.
- 403: a draft by an agent without reply rights (read-only access).
- 409: the LLM is switched off, no endpoint is configured, the stored key is unreadable, or the
  endpoint is no longer allowed (`disabled`, `not_configured`, `refused`): the instance is not set
  up for it, and asking again will not help. Nothing was sent.
- 429: this user asked too often (`too_many`, 30 requests per 10 minutes).
- 503: the model server failed: `unreachable`, `timeout`, `auth`, `not_found`, `rejected`,
  `rate_limited` (with Retry-After when the server gave one), `server`, `redirect`, `too_large`,
  `bad_response`. The request was sent (and recorded in the ticket history); retrying may help.
The call is synchronous and takes as long as the model needs, at most the configured timeout.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from pydantic import Field

from supportdesk.ai.llm import actions
from supportdesk.ai.llm.client import LlmError
from supportdesk.api.auth import actor
from supportdesk.api.common import PathId
from supportdesk.api.problems import problem

router = Router(tags=["ai"])


class SourceOut(Schema):
    article_id: int
    title: str
    language: str
    url: str = Field(description="Absolute help-centre URL for public articles; the agent page for internal ones.")
    internal: bool = Field(description="Customers cannot open it; the model was told not to quote or link it.")


class DraftOut(Schema):
    text: str = Field(description="The draft; nothing was sent to the customer.")
    sources: list[SourceOut] = Field(description="KB articles the model was given.")
    model: str
    truncated: bool = Field(description="The model stopped at the length limit.")


class SummaryOut(Schema):
    text: str = Field(description="3 to 5 bullet points, in the requesting user's language.")
    model: str
    truncated: bool


class ConnectionOut(Schema):
    ok: bool
    model: str
    elapsed_ms: int
    reply: str = Field(description="What the model answered to the test prompt (at most 200 characters).")


def _problem(exc: LlmError, *, upstream: bool = False) -> HttpResponse:
    """`upstream`: add the model server's own error text (redacted) as errors.upstream (admins)."""
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
    errors = {"llm": exc.kind}
    if upstream and exc.detail:
        errors["upstream"] = exc.detail
    return problem(exc.status, exc.message, errors=errors, headers=headers)


@router.post("/tickets/{ticket_id}/ai/draft", response=DraftOut, summary="Draft a reply with the language model (staff)")
def draft(request: HttpRequest, ticket_id: PathId) -> Any:
    """Grounded on the public conversation (never internal notes) and the best KB articles."""
    try:
        result = actions.draft_reply(actor(request), ticket_id)
    except LlmError as exc:
        return _problem(exc)
    return {
        "text": result.text,
        "sources": [vars(source) for source in result.sources],
        "model": result.model,
        "truncated": result.truncated,
    }


@router.post("/tickets/{ticket_id}/ai/summary", response=SummaryOut, summary="Summarise a ticket with the language model (staff)")
def summary(request: HttpRequest, ticket_id: PathId) -> Any:
    """Internal notes are included: only staff with the staff view can ask."""
    try:
        result = actions.summarise(actor(request), ticket_id)
    except LlmError as exc:
        return _problem(exc)
    return {"text": result.text, "model": result.model, "truncated": result.truncated}


@router.post("/ai/llm/test", response=ConnectionOut, summary="Test the language model endpoint (admins)")
def test_connection(request: HttpRequest) -> Any:
    """Sends a tiny prompt without ticket data to the saved endpoint, also while the LLM is off."""
    try:
        answer = actions.try_connection(actor(request))
    except LlmError as exc:
        return _problem(exc, upstream=True)
    return {"ok": True, "model": answer.model, "elapsed_ms": answer.elapsed_ms, "reply": answer.text[:200]}
