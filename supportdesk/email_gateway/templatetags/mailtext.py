"""{% load mailtext %}: show a plain-text mail with its quoted history folded away.

`{{ article.body_text|fold_quoted }}` renders the new part of a reply, and the quoted remainder
and signature inside a closed <details>, so the full text stays one click away. Everything is
escaped here (format_html / linebreaksbr with autoescape); no inline script or style, so the
strict CSP holds.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from supportdesk.email_gateway.parsing.quotes import split_reply

register = template.Library()


@register.filter(is_safe=True)
def fold_quoted(text: str | None) -> SafeString:
    """The visible reply as escaped text with line breaks, plus a closed <details> with the rest."""
    visible, quoted = split_reply(str(text or ""))
    shown = format_html('<div class="mail-text">{}</div>', linebreaksbr(visible, autoescape=True))
    if not quoted:
        return shown
    return format_html(
        '{}<details class="mail-quoted"><summary class="small muted">{}</summary>'
        '<div class="mail-text mail-text--quoted">{}</div></details>',
        shown,
        _("Show quoted text"),
        linebreaksbr(quoted, autoescape=True),
    )
