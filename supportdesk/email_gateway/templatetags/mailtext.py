"""{% load mailtext %}: show a plain-text mail with its quoted history folded away.

`{{ article.body_text|fold_quoted }}` renders the new part of a reply, and the quoted remainder
and signature inside a closed <details>, so the full text stays one click away. Everything is
escaped here (format_html / linebreaksbr with autoescape); no inline script or style, so the
strict CSP holds.
"""

from __future__ import annotations

import html
import re

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from supportdesk.core.remote_images import REMOTE_IMAGES_PARAM, RemoteImagesOptIn, has_remote_images, load_remote_images
from supportdesk.email_gateway.parsing.quotes import split_reply
from supportdesk.tickets.models import Article

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


_CID_SRC = re.compile(r'src="cid:([^"]{1,255})"', re.IGNORECASE)


@register.simple_tag
def mail_html(article: Article, remote_images: RemoteImagesOptIn | None = None) -> SafeString:
    """An article's sanitised HTML with inline images (`cid:`) pointing at its own attachments.

    body_html was sanitised by nh3 on the way in, which is what makes it safe to emit; the only
    changes here are a src we build ourselves from an attachment id of this same article, served
    through the access-checked download view (an unknown cid stays as it is, a broken image), and
    remote images: blocked with a notice, or given their src when `remote_images` covers this
    article. Only the agent ticket page passes an opt-in, and its view widens that response's CSP.
    """
    by_cid = {att.content_id: att.pk for att in article.attachments.all() if att.content_id}

    def replace(match: re.Match[str]) -> str:
        attachment_id = by_cid.get(html.unescape(match.group(1)))
        if attachment_id is None:
            return match.group(0)
        return f'src="{reverse("attachment-download", args=[attachment_id])}"'

    body = _CID_SRC.sub(replace, article.body_html)
    if not has_remote_images(body):
        return mark_safe(body)  # noqa: S308 - sanitised on input, see docstring
    if isinstance(remote_images, RemoteImagesOptIn) and remote_images.covers(article.pk):
        return mark_safe(load_remote_images(body))  # noqa: S308 - sanitised on input, URLs re-checked and escaped
    return format_html("{}{}", _blocked_notice(article), mark_safe(body))  # noqa: S308 - sanitised on input


def _blocked_notice(article: Article) -> SafeString:
    """The blocked-images notice, whose link reloads the ticket page with the opt-in for this article."""
    url = reverse("ticket", args=[article.ticket_id])
    return format_html(
        '<p class="alert small" data-testid="remote-images-notice">{} '
        '<a href="{}?{}={}#article-{}" data-testid="show-remote-images">{}</a></p>',
        _("Remote images are blocked to protect your privacy."),
        url,
        REMOTE_IMAGES_PARAM,
        article.pk,
        article.pk,
        _("Show images"),
    )
