"""Security headers shared by every response."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from django.http import HttpRequest, HttpResponse

# No inline script anywhere: htmx and Alpine's CSP build run from our own static files. This is the
# second layer behind escaping; a stored XSS payload that slips through still cannot execute.
CSP_DIRECTIVES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "default-src": ("'self'",),
        "script-src": ("'self'",),
        "style-src": ("'self'",),
        "img-src": ("'self'", "data:"),
        "font-src": ("'self'",),
        "connect-src": ("'self'",),
        "object-src": ("'none'",),
        "base-uri": ("'none'",),
        "form-action": ("'self'",),
        "frame-ancestors": ("'none'",),
    }
)
# Everything one response may add to the policy, and nothing else: a view can let a page load
# remote images after the agent opted in, but no code path can widen script, style or connect.
CSP_EXTENSIONS: Mapping[str, frozenset[str]] = MappingProxyType({"img-src": frozenset({"https:"})})
_EXTRA = "_supportdesk_csp_extra"


def content_security_policy(extra: Mapping[str, tuple[str, ...]] | None = None) -> str:
    """The policy header value: CSP_DIRECTIVES plus any (already allowlisted) extra sources."""
    extra = extra or {}
    return "; ".join(" ".join([name, *sources, *extra.get(name, ())]) for name, sources in CSP_DIRECTIVES.items())


CONTENT_SECURITY_POLICY = content_security_policy()


def extend_csp(response: HttpResponse, directive: str, *sources: str) -> None:
    """Add `sources` to `directive` in this response's policy only.

    Only pairs listed in CSP_EXTENSIONS are accepted; anything else is a programming error and
    raises ValueError, so a careless caller fails loudly instead of weakening the policy. It has no
    effect on a response whose view set its own Content-Security-Policy header.
    """
    allowed = CSP_EXTENSIONS.get(directive, frozenset())
    refused = [source for source in sources if source not in allowed]
    if refused:
        raise ValueError(f"CSP {directive} may not be extended with {refused}")
    extra: dict[str, tuple[str, ...]] = getattr(response, _EXTRA, {})
    current = extra.get(directive, ())
    extra[directive] = current + tuple(s for s in sources if s not in current)
    setattr(response, _EXTRA, extra)


class ContentSecurityPolicyMiddleware:
    """Adds a strict Content-Security-Policy unless a view has set its own (e.g. the API docs)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = content_security_policy(getattr(response, _EXTRA, None))
        return response
