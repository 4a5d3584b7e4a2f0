"""Untrusted HTML: sanitised with an allowlist on the way in; templates still escape on the way out."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
# Remote images are not fetched by agents' browsers (tracking pixels): only inline (cid:/data:)
# sources survive; the e-mail issue adds an explicit "load remote images" opt-in.
URL_SCHEMES = {"http", "https", "mailto", "cid", "data"}
_REMOTE_IMG = re.compile(r"<img\b[^>]*\bsrc=\"(?:https?:)?//[^\"]*\"[^>]*>", re.IGNORECASE)


def sanitize_html(raw: str) -> str:
    """Return `raw` reduced to a safe subset: no script, event handlers, forms, styles or remote images."""
    cleaned = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return _REMOTE_IMG.sub("", cleaned)


def text_to_html(text: str) -> str:
    """Escape plain text and keep its line breaks, for composing HTML bodies from text input."""
    return "<p>" + html.escape(text).replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"


_TAG = re.compile(r"<[^>]+>")


def html_to_text(value: str) -> str:
    """A plain-text rendering good enough for search and previews (not for display as HTML)."""
    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>", "\n", value)
    return html.unescape(_TAG.sub("", text)).strip()
