"""Remote images are stored inert and loaded only on opt-in (BAD-INPUTS 25); the per-response CSP extension."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.http import HttpRequest, HttpResponse

from supportdesk.core.html import ALLOWED_ATTRIBUTES, sanitize_html
from supportdesk.core.middleware import (
    CONTENT_SECURITY_POLICY,
    CSP_DIRECTIVES,
    ContentSecurityPolicyMiddleware,
    content_security_policy,
    extend_csp,
)
from supportdesk.core.remote_images import (
    MAX_REMOTE_URL,
    RemoteImagesOptIn,
    allow_remote_images,
    has_remote_images,
    load_remote_images,
    parse_opt_in,
)


class _Tags(HTMLParser):
    """Every start tag and its attributes, as a browser-like tokenizer sees them."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _fetching_sources(markup: str) -> list[str]:
    """Values of attributes through which a browser would fetch something on its own."""
    return [
        value or ""
        for tag, attrs in _Tags(markup).tags
        for name, value in attrs.items()
        if name in {"src", "srcset", "background", "poster", "style", "data", "href"} and tag != "a"
    ]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        # A tracking pixel: kept, but with no src, so showing it fetches nothing.
        (
            '<p>Hi</p><img src="https://tracker.example/p.gif?u=7&amp;m=1" width="1" height="1" alt="">',
            '<p>Hi</p><img data-remote-src="https://tracker.example/p.gif?u=7&amp;m=1" width="1" height="1" alt="">',
        ),
        (
            '<img src="http://news.example/logo.png" alt="Logo" title="t">',
            '<img data-remote-src="http://news.example/logo.png" alt="Logo" title="t">',
        ),
        # Scheme-relative: what an https page would fetch.
        ('<img src="//cdn.example/a.png">', '<img data-remote-src="https://cdn.example/a.png">'),
        # Browsers strip tab/newline inside URLs and spaces around them; so do we before deciding.
        ('<img src=" ht&#9;tps://x.example/a.png ">', '<img data-remote-src="https://x.example/a.png">'),
        ('<img src="/&#9;/x.example/p.gif">', '<img data-remote-src="https://x.example/p.gif">'),
        ('<img src="HTTPS://X.EXAMPLE/Y">', '<img data-remote-src="HTTPS://X.EXAMPLE/Y">'),
        # Inline images stay as they are (mail_html points cid: at the attachment).
        ('<img src="cid:logo@x" alt="l">', '<img src="cid:logo@x" alt="l">'),
        ('<img src="data:image/png;base64,iVBORw0K">', '<img src="data:image/png;base64,iVBORw0K">'),
        # Fetch vectors other than src are not allowed at all.
        (
            '<img src="https://a.example/1.png" srcset="https://b.example/2.png 2x" style="background:url(https://c.example/3.png)">',
            '<img data-remote-src="https://a.example/1.png">',
        ),
        (
            '<table background="https://d.example/bg.png"><tr><td background="https://e.example/x">a</td></tr></table>',
            "<table><tbody><tr><td>a</td></tr></tbody></table>",
        ),
        ('<p style="background-image:url(https://f.example/x)">t</p>', "<p>t</p>"),
    ],
)
def test_remote_images_are_stored_without_src(raw, stored):
    assert sanitize_html(raw) == stored
    assert sanitize_html(stored) == stored  # the parser and add_article both sanitise: no loss the second time


@pytest.mark.parametrize(
    "raw",
    [
        '<img src="javascript:alert(1)">',
        '<img src=" javascript:alert(1)">',
        '<img src="&#x6a;avascript:alert(1)">',
        '<img data-remote-src="javascript:alert(1)">',
        '<img data-remote-src="ftp://evil.example/x.png" src="ftp://evil.example/y">',
        # Backslash forms: browsers read them as //evil.example (scheme-relative).
        '<img src="\\\\evil.example/p.gif">',
        '<img src="/\\evil.example/p.gif">',
        '<img src="\\/evil.example/p.gif">',
        '<img src="https:\\\\evil.example/p.gif">',
        '<img src="https:evil.example">',
        '<img src="https://">',
        '<img src="https://evil.example/' + "a" * MAX_REMOTE_URL + '">',
        # Quote-breaking attempts: the backslash does not escape the quote in HTML.
        '<img src="https://evil.example/a.png\\" onerror="alert(1)">',
        '<img src="https://evil.example/a.png&quot; onerror=&quot;alert(1)">',
    ],
)
def test_other_image_sources_are_removed(raw):
    cleaned = sanitize_html(raw)
    assert cleaned == "<img>"


def test_url_length_bound():
    url = "https://x.example/" + "a" * (MAX_REMOTE_URL - len("https://x.example/"))
    assert sanitize_html(f'<img src="{url}">') == f'<img data-remote-src="{url}">'
    assert sanitize_html(f'<img src="{url}a">') == "<img>"


@pytest.mark.parametrize(
    "raw",
    [
        '<img src="https://x.example/a.png&quot;onerror=&quot;alert(1)">',
        '<img src="https://x.example/a.png?q=&lt;script&gt;&quot;&#39;">',
        '<img alt="&quot; onerror=&quot;alert(1)" src="https://x.example/a.png">',
        '<img src="https://x.example/a.png" data-remote-src="https://y.example/&quot;onload=&quot;x">',
        '<a title="<img src=&quot;https://evil.example/p&quot;>">t</a>',
        "<svg><image href=https://evil.example/p></image></svg><video poster=https://evil.example/p></video>",
        '<object data="https://evil.example/p"></object><embed src="https://evil.example/p">',
        '<link rel="stylesheet" href="https://evil.example/x.css"><input type="image" src="https://evil.example/p">',
    ],
)
def test_injection_attempts_leave_no_fetching_attribute_or_handler(raw):
    cleaned = sanitize_html(raw)
    for tag, attrs in _Tags(cleaned).tags:
        assert set(attrs) <= ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set()), (tag, attrs)
    for source in _fetching_sources(cleaned):
        assert not source.lower().startswith(("http", "//", "\\", "/\\")), cleaned
    assert sanitize_html(cleaned) == cleaned


def test_an_escaped_quote_stays_inside_the_attribute():
    cleaned = sanitize_html('<img src="https://x.example/a.png&quot;onerror=&quot;alert(1)">')
    assert cleaned == '<img data-remote-src="https://x.example/a.png&quot;onerror=&quot;alert(1)">'
    assert _Tags(cleaned).tags == [("img", {"data-remote-src": 'https://x.example/a.png"onerror="alert(1)'})]


def test_both_a_stored_and_a_remote_source_keep_only_the_first():
    assert (
        sanitize_html('<img data-remote-src="https://a.example/1" src="https://b.example/2">')
        == '<img data-remote-src="https://a.example/1">'
    )
    assert (
        sanitize_html('<img src="https://b.example/2" data-remote-src="https://a.example/1">')
        == '<img data-remote-src="https://b.example/2">'
    )


def test_the_rename_marker_cannot_be_forged_from_text_or_relative_sources():
    raw = '<p>src="sd-remote-0000000000000000-0"</p><img src="sd-remote-0000000000000000-0"><img src="https://a.example/x">'
    assert sanitize_html(raw) == (
        '<p>src="sd-remote-0000000000000000-0"</p><img src="sd-remote-0000000000000000-0"><img data-remote-src="https://a.example/x">'
    )


def test_load_remote_images_gives_src_without_referrer_and_lazily():
    stored = sanitize_html('<p>x</p><img src="https://t.example/p.gif?a=1&amp;b=2" alt="p"><img src="cid:c@x">')
    assert has_remote_images(stored)
    assert load_remote_images(stored) == (
        '<p>x</p><img src="https://t.example/p.gif?a=1&amp;b=2" referrerpolicy="no-referrer" loading="lazy" alt="p"><img src="cid:c@x">'
    )


def test_load_remote_images_rechecks_what_it_loads():
    # Stored HTML that did not come from sanitize_html (older data, a manual edit) is not trusted.
    tampered = '<img data-remote-src="javascript:alert(1)"><img data-remote-src="\\\\evil.example/x">'
    assert load_remote_images(tampered) == tampered
    text = '<p> data-remote-src="https://t.example/p.gif"</p>'
    assert not has_remote_images(text)
    assert load_remote_images(text) == text
    assert not has_remote_images('<p>plain</p><img src="cid:x">')


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("all", RemoteImagesOptIn()),
        ("42", RemoteImagesOptIn(article_id=42)),
        ("0", None),
        ("-1", None),
        ("1e3", None),
        ("ALL", None),
        ("\u0664\u0662", None),  # Arabic-Indic digits: isdigit() but not an id
        ("9" * 19, None),
        ("javascript:alert(1)", None),
    ],
)
def test_parse_opt_in(value, expected):
    assert parse_opt_in(value) == expected


def test_opt_in_covers_one_article_or_all():
    assert RemoteImagesOptIn(article_id=3).covers(3)
    assert not RemoteImagesOptIn(article_id=3).covers(4)
    assert RemoteImagesOptIn().covers(4)
    assert (RemoteImagesOptIn(article_id=3).param, RemoteImagesOptIn().param) == ("3", "all")


def _directives(header: str) -> dict[str, str]:
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] for part in header.split("; ")}


def _through_middleware(view_response: HttpResponse) -> HttpResponse:
    return ContentSecurityPolicyMiddleware(lambda request: view_response)(HttpRequest())


def test_default_policy_is_unchanged():
    assert CONTENT_SECURITY_POLICY == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    assert _through_middleware(HttpResponse())["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_a_response_can_add_https_images_and_nothing_else():
    response = allow_remote_images(HttpResponse())
    allow_remote_images(response)  # twice is the same as once
    header = _through_middleware(response)["Content-Security-Policy"]
    directives = _directives(header)
    assert directives["img-src"] == "'self' data: https:"
    assert {k: v for k, v in directives.items() if k != "img-src"} == {k: " ".join(v) for k, v in CSP_DIRECTIVES.items() if k != "img-src"}
    assert header == content_security_policy({"img-src": ("https:",)})


@pytest.mark.parametrize(
    ("directive", "source"),
    [
        ("script-src", "https:"),
        ("img-src", "*"),
        ("img-src", "http:"),
        ("img-src", "'unsafe-inline'"),
        ("connect-src", "https:"),
        ("default-src", "https:"),
    ],
)
def test_widening_anything_else_is_refused(directive, source):
    response = HttpResponse()
    with pytest.raises(ValueError):
        extend_csp(response, directive, source)
    assert _through_middleware(response)["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_a_views_own_policy_is_kept():
    response = HttpResponse()
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    allow_remote_images(response)
    assert _through_middleware(response)["Content-Security-Policy"] == "default-src 'none'; sandbox"
