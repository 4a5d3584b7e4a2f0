"""Remote images in stored HTML: kept, but inert until an agent asks to load them (BAD-INPUTS 25).

sanitize_html stores a remote image as `<img data-remote-src="https://...">` with no `src`, so no
browser fetches it (no tracking pixels, no "read" signal, no IP leak). Showing the images is an
explicit opt-in per response: `load_remote_images` turns data-remote-src back into src, and the
caller widens that one response's CSP `img-src` by `https:` (`allow_remote_images`).

Only `https:` is added to the CSP, not `http:`: on an https deployment browsers upgrade or block
mixed-content images anyway, and on a plain-http one an `http:` source would let every image go
over the wire in clear text, telling any network observer which mails the agent opens. An image
served only over http therefore stays blank even after the opt-in.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.http import HttpResponse

from supportdesk.core.middleware import extend_csp

REMOTE_SRC_ATTRIBUTE = "data-remote-src"
MAX_REMOTE_URL = 2048
REMOTE_IMAGES_PARAM = "remote_images"

# What browsers strip around a URL and remove inside it (WHATWG URL parsing), so our checks see the
# URL the browser would fetch: "ht\ttps://x" is https://x, and " //x" is scheme-relative.
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_DROPPED = re.compile(r"[\t\n\r]")
# Absolute http(s) with a host; no whitespace, control characters or backslashes anywhere (browsers
# read "\" as "/", so any backslash form is refused instead of being second-guessed).
_REMOTE_URL = re.compile(r"(?i)https?://[^\s/?#\\]+(?:[/?#][^\s\\]*)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# sanitize_html's output is html5ever-serialised: attribute values are double-quoted with `"`, `<`
# and `>` escaped, and `<` is escaped in text, so an img tag and its attributes match exactly.
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_REMOTE_ATTR = re.compile(r'\sdata-remote-src="([^"]*)"')


def browser_url(value: str) -> str:
    """`value` as a browser reads an attribute URL: outer spaces/controls stripped, tab/CR/LF removed."""
    return _URL_DROPPED.sub("", value.strip(_URL_EDGES))


def is_cross_origin_candidate(url: str) -> bool:
    """True for any URL a browser could resolve to another host: a scheme or a leading `//`, `\\\\`, `/\\`."""
    return url[:2] in {"//", "\\\\", "/\\", "\\/"} or url.lower().startswith(("http:", "https:"))


def remote_image_url(value: str) -> str | None:
    """The http(s) URL to keep for a remote image, or None when it is not one we keep.

    Scheme-relative `//host/x` becomes `https://host/x` (what an https page would fetch). Anything
    malformed, over MAX_REMOTE_URL characters or with another scheme is refused.
    """
    url = browser_url(value)
    if url.startswith("//"):
        url = "https:" + url
    if len(url) > MAX_REMOTE_URL or _CONTROL.search(url) or not _REMOTE_URL.fullmatch(url):
        return None
    return url


def escape_attribute(value: str) -> str:
    """Escape for a double-quoted attribute exactly as html5ever (nh3) does, so re-sanitising is a no-op."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def has_remote_images(stored_html: str) -> bool:
    """Whether sanitised HTML holds an image that is only shown after the opt-in."""
    return any(_REMOTE_ATTR.search(tag.group(0)) for tag in _IMG_TAG.finditer(stored_html))


def load_remote_images(stored_html: str) -> str:
    """Sanitised HTML with its remote images given a `src` again, for a response that opted in.

    The URL is checked again (it was checked when stored) and re-escaped; the image is fetched
    without a Referer, so the sender does not learn which ticket page shows it, and lazily.
    """

    def load(attribute: re.Match[str]) -> str:
        url = remote_image_url(html.unescape(attribute.group(1)))
        if url is None:
            return attribute.group(0)  # stays blocked
        return f' src="{escape_attribute(url)}" referrerpolicy="no-referrer" loading="lazy"'

    return _IMG_TAG.sub(lambda tag: _REMOTE_ATTR.sub(load, tag.group(0)), stored_html)


@dataclass(frozen=True)
class RemoteImagesOptIn:
    """Which articles of one response show their remote images: one article, or all of them."""

    article_id: int | None = None  # None: every article

    def covers(self, article_id: int) -> bool:
        return self.article_id is None or self.article_id == article_id

    @property
    def param(self) -> str:
        """The query value that asks for this opt-in again (for links and htmx requests)."""
        return "all" if self.article_id is None else str(self.article_id)


def parse_opt_in(value: str | None) -> RemoteImagesOptIn | None:
    """`?remote_images=<article id>` or `all`; anything else (absent, junk) is no opt-in at all."""
    if value is None:
        return None
    if value == "all":
        return RemoteImagesOptIn()
    if value.isascii() and value.isdigit() and len(value) <= 18 and int(value) > 0:
        return RemoteImagesOptIn(article_id=int(value))
    return None


def allow_remote_images(response: HttpResponse) -> HttpResponse:
    """Let this one response's page load images from any https origin (see the module docstring)."""
    extend_csp(response, "img-src", "https:")
    return response
