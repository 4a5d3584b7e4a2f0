"""Reply templates (canned replies) ranked by how well they fit a ticket.

The templates are the agent's own (replies.actions.visible_templates), active, and usable on the
ticket: for every group or for the ticket's group (templates of other groups are left out, as in
the composer). Each gets
    score = TEXT_WEIGHT * text + LANGUAGE_WEIGHT * language + GROUP_WEIGHT * group
- text: cosine similarity of tf-idf vectors (idf over the templates) between the ticket text
  (subject twice, first message) and the template's name and subject (twice) and body, without
  its {{ variables }}; a template sharing no word with the ticket is not a fit and is left out;
- language: 1 when the template is in the reply language, 0.5 for a language-neutral one, else 0;
- group: 1 when the template is limited to the ticket's group, 0.5 when it is for every group.
The best `limit` are rendered for the ticket (replies.actions.render_template) and given with
their score, rounded.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from supportdesk.accounts.models import User
from supportdesk.ai.suggestions.terms import term_counts
from supportdesk.automation.replies.actions import render_template, visible_templates
from supportdesk.automation.replies.models import ReplyTemplate
from supportdesk.automation.replies.rendering import PLACEHOLDER
from supportdesk.core.html import html_to_text
from supportdesk.tickets.models import Ticket

TEXT_WEIGHT = 0.7
LANGUAGE_WEIGHT = 0.2
GROUP_WEIGHT = 0.1
MAX_TEMPLATES = 500
TEMPLATE_TEXT_CHARS = 20_000
# Word counts of template texts, keyed by the text itself (so an edit is a new key): templates
# change rarely and are compared on every panel load. Emptied when full, never stale.
_COUNTS_CACHE: dict[tuple[str, str, str, bool], Counter[str]] = {}
COUNTS_CACHE_SIZE = 2048


@dataclass(frozen=True)
class RankedTemplate:
    id: int
    name: str
    language: str
    score: float
    text: str  # rendered for the ticket: what Insert puts into the composer


def _template_counts(template: ReplyTemplate) -> Counter[str]:
    """Word counts of the name and subject (twice) and the body without its {{ variables }}."""
    key = (template.name, template.subject, template.body, template.is_html)
    found = _COUNTS_CACHE.get(key)
    if found is None:
        body = html_to_text(template.body) if template.is_html else template.body
        body = PLACEHOLDER.sub(" ", body[:TEMPLATE_TEXT_CHARS])
        found = term_counts(f"{template.name}\n{template.name}\n{template.subject}\n{template.subject}\n{body}")
        if len(_COUNTS_CACHE) >= COUNTS_CACHE_SIZE:
            _COUNTS_CACHE.clear()
        _COUNTS_CACHE[key] = found
    return found


def _vector(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    return {key: count * idf.get(key, 0.0) for key, count in counts.items() if idf.get(key)}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(value * b.get(key, 0.0) for key, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def usable_templates(actor: User, ticket: Ticket) -> list[ReplyTemplate]:
    """Active templates the agent sees that may be used on this ticket (NotFound for customers)."""
    rows = list(visible_templates(actor).filter(is_active=True).order_by("position", "name", "id")[:MAX_TEMPLATES])
    return [row for row in rows if not row.groups.all() or any(g.pk == ticket.group_id for g in row.groups.all())]


def ranked_templates(actor: User, ticket: Ticket, *, subject: str, body: str, language: str, limit: int = 3) -> list[RankedTemplate]:
    """The `limit` best-fitting templates for the ticket, rendered, best first (see the module doc)."""
    templates = usable_templates(actor, ticket)
    if not templates:
        return []
    counts = {row.pk: _template_counts(row) for row in templates}
    frequency: Counter[str] = Counter()
    for template_counts in counts.values():
        frequency.update(template_counts.keys())
    idf = {key: math.log(1 + len(templates) / df) for key, df in frequency.items()}
    ticket_vector = _vector(term_counts(f"{subject}\n{subject}\n{body}"), idf)
    scored: list[tuple[float, ReplyTemplate]] = []
    for row in templates:
        text = _cosine(ticket_vector, _vector(counts[row.pk], idf))
        if text <= 0:
            continue
        lang = 1.0 if language and row.language == language else (0.5 if not row.language else 0.0)
        group = 1.0 if row.groups.all() else 0.5
        scored.append((TEXT_WEIGHT * text + LANGUAGE_WEIGHT * lang + GROUP_WEIGHT * group, row))
    scored.sort(key=lambda item: (-item[0], item[1].position, item[1].name, item[1].pk))
    ranked = []
    for score, row in scored[: max(0, limit)]:
        rendered = render_template(row, ticket, actor)
        ranked.append(RankedTemplate(row.pk, row.name, row.language, round(score, 4), rendered.text))
    return ranked
