"""LLM drafting and summaries for agents, and the admins' connection test.

Each action, in this order:
1. the ticket gate: `access_ticket` and the staff view (customers, agents of other groups and
   missing tickets: the same TicketNotFound); a draft also needs reply rights (PermissionDenied
   for read-only agents: they could not send it);
2. the configuration gate (config.endpoint): switched off or no endpoint -> LlmError 409, and
   nothing is read, counted or sent;
3. the agent's rate limit (core.ratelimit, DB-backed like sign-in and the portal): RATE_LIMIT
   requests per RATE_WINDOW per user, over drafts, summaries and tests together -> LlmError 429;
4. the context (context.py) and the prompt (prompts.py);
5. the history entry (history.py), before anything is sent;
6. the request, synchronous: the agent waits for it, bounded by the client's timeout. No database
   transaction or lock is open while waiting.
Nothing here changes the ticket: a draft only becomes a reply when the agent sends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.ai.llm import config, context, history, prompts
from supportdesk.ai.llm.client import Completion, LlmError, chat
from supportdesk.ai.settings_access import check_ai_admin
from supportdesk.core.ratelimit import allow
from supportdesk.portal.branding import get_portal_settings
from supportdesk.tickets.access import TicketNotFound, access_ticket, require, ticket_permissions
from supportdesk.tickets.models import Ticket

RATE_LIMIT = 30
RATE_WINDOW = timedelta(minutes=10)
DRAFT_MAX_TOKENS = 800
SUMMARY_MAX_TOKENS = 400
TEST_MAX_TOKENS = 32
DEFAULT_ORG = "our company"


@dataclass(frozen=True)
class Source:
    """A KB article the draft was grounded on, for the agent to check."""

    article_id: int
    title: str
    language: str
    url: str
    internal: bool


@dataclass(frozen=True)
class Draft:
    text: str
    sources: list[Source]
    model: str
    truncated: bool


@dataclass(frozen=True)
class Summary:
    text: str
    model: str
    truncated: bool


def _staff_ticket(actor: User, ticket_id: int) -> Ticket:
    ticket = access_ticket(actor, ticket_id)
    if not ticket_permissions(actor, ticket).is_staff_view:
        raise TicketNotFound()
    return ticket


def check_rate(actor: User) -> None:
    """Count one request of this user; LlmError(429) past RATE_LIMIT per RATE_WINDOW."""
    if not allow(f"llm:user:{actor.pk}", limit=RATE_LIMIT, window=RATE_WINDOW):
        minutes = int(RATE_WINDOW.total_seconds() // 60)
        raise LlmError(
            _("You asked the language model %(count)s times in %(minutes)s minutes. Please wait a few minutes.")
            % {"count": RATE_LIMIT, "minutes": minutes},
            kind="too_many",
            status=429,
        )


def org_name() -> str:
    """The name customers know us by (the portal's brand name), for the system prompt."""
    return get_portal_settings().brand_name.strip() or DEFAULT_ORG


def _customer_name(ticket: Ticket) -> str:
    return ticket.customer.full_name.strip() if ticket.customer_id else ""


def draft_reply(actor: User, ticket_id: int) -> Draft:
    """A reply draft for the ticket's latest customer message, grounded on the public conversation
    and the best KB articles; LlmError when the model cannot be asked or fails."""
    ticket = _staff_ticket(actor, ticket_id)
    require(ticket_permissions(actor, ticket), "can_reply")
    endpoint = config.endpoint()
    check_rate(actor)
    messages = context.conversation(ticket, include_internal=False)
    sources = context.kb_sources(ticket, actor, messages)
    prompt = prompts.draft_messages(
        org=org_name(),
        number=ticket.display_number,
        subject=ticket.subject,
        customer=_customer_name(ticket),
        language=context.ticket_language(ticket),
        messages=messages,
        sources=sources,
    )
    history.record_request(
        ticket, actor, what=history.DRAFT, model=endpoint.model, host=endpoint.host, kb_article_ids=[s.article_id for s in sources]
    )
    answer = chat(endpoint, prompt, max_tokens=DRAFT_MAX_TOKENS, purpose="draft")
    return Draft(
        text=answer.text,
        sources=[Source(s.article_id, s.title, s.language, s.url, s.internal) for s in sources],
        model=answer.model,
        truncated=answer.truncated,
    )


def summarise(actor: User, ticket_id: int) -> Summary:
    """3-5 bullet points of the case so far, in the agent's language. Internal notes are included:
    only staff with the staff view can ask, and they read internal notes anyway."""
    ticket = _staff_ticket(actor, ticket_id)
    endpoint = config.endpoint()
    check_rate(actor)
    messages = context.conversation(ticket, include_internal=True)
    prompt = prompts.summary_messages(
        org=org_name(),
        number=ticket.display_number,
        subject=ticket.subject,
        customer=_customer_name(ticket),
        language=actor.language or get_language() or "en",
        messages=messages,
    )
    history.record_request(ticket, actor, what=history.SUMMARY, model=endpoint.model, host=endpoint.host)
    answer = chat(endpoint, prompt, max_tokens=SUMMARY_MAX_TOKENS, purpose="summary")
    return Summary(text=answer.text, model=answer.model, truncated=answer.truncated)


def try_connection(actor: User) -> Completion:
    """Admins: send a tiny prompt (no ticket data) to the saved endpoint, even while the LLM is
    switched off, so it can be checked before agents get the buttons."""
    check_ai_admin(actor)
    endpoint = config.endpoint(require_enabled=False)
    check_rate(actor)
    return chat(endpoint, prompts.connection_check_messages(), temperature=0.0, max_tokens=TEST_MAX_TOKENS, purpose="test")


def connection_ok_message(answer: Completion) -> str:
    """What the admin reads after a successful test."""
    return _("The language model answered in %(ms)s ms (model: %(model)s).") % {"ms": answer.elapsed_ms, "model": answer.model or "?"}
