"""The stdlib message objects parse_message works on: raw header strings, cheap repeated lookups.

compat32 keeps header parsing lazy, which is what makes it cheap, but each lookup pays again:
Message.get scans all headers, and get_param/get_content_type re-parse the Content-Type or
Content-Disposition value every time. One part is asked for its type, boundary, charset, name and
filename by the stdlib parser, the charset hint, the MIME walk and the bounce reader in turn.
ParsedPart answers exactly as Message does, from an index of header names and from caches keyed
by the raw header value (which is all the answer depends on; the same few values, such as
'text/plain; charset="utf-8"', recur in mail after mail).
"""

from __future__ import annotations

import functools
from email import utils
from email.message import Message, _parseparam, _unquotevalue  # type: ignore[attr-defined]
from email.policy import Compat32
from typing import Any

# Longer values (hostile ones included) are parsed each time rather than kept in memory.
MAX_CACHED_VALUE = 500
_MISSING = object()


class ParsedPart(Message):
    """A compat32 Message with an index of its header names and cached parameter lists.

    Message.get scans every header (lower-casing each name) per lookup, and one part is asked
    for the same few headers dozens of times. The index maps lower-cased names to the position
    of their first occurrence; it is rebuilt whenever the header list is replaced or changes
    length, which covers every way Message changes names (append, or build a new list;
    replace_header keeps the name in place).
    """

    _headers: list[tuple[str, Any]]  # Message's own list of (name, value), set by Message.__init__
    _payload: Any  # Message's own payload: None, the raw str, or the list of parts
    # Class-level until the first lookup sets them on the instance: no __init__ cost per part.
    _indexed: list[tuple[str, Any]] | None = None
    _indexed_length = 0
    _index: dict[str, int]

    def get(self, name: str, failobj: Any = None) -> Any:
        headers = self._headers
        if headers is not self._indexed or len(headers) != self._indexed_length:
            self._reindex()
        position = self._index.get(name.lower())
        if position is None:
            return failobj
        key, value = headers[position]
        policy = self.policy
        # RawHeaders.header_fetch_parse returns the value as it is: skip the call for our own policy.
        return value if policy is POLICY else policy.header_fetch_parse(key, value)

    def _reindex(self) -> None:
        index: dict[str, int] = {}
        for position, (key, _) in enumerate(self._headers):
            index.setdefault(key.lower(), position)
        self._index = index
        self._indexed = self._headers
        self._indexed_length = len(self._headers)

    def get_content_type(self) -> str:
        value = self.get("content-type", _MISSING)
        if value is _MISSING:
            return self.get_default_type()
        if not isinstance(value, str):
            return super().get_content_type()
        # Message.get_content_type's own rule (_splitparam, then lower), without its extra calls.
        content_type = value.partition(";")[0].strip().lower()
        return content_type if content_type.count("/") == 1 else "text/plain"

    def get_param(self, param: str, failobj: Any = None, header: str = "content-type", unquote: bool = True) -> Any:
        value = self.get(header, _MISSING)
        if value is _MISSING:
            return failobj
        if not unquote or not isinstance(value, str) or len(value) > MAX_CACHED_VALUE:
            return super().get_param(param, failobj, header, unquote)
        wanted = param.lower()
        for name, found in _params(value):
            if name.lower() == wanted:
                return found
        return failobj


@functools.lru_cache(maxsize=1024)
def _params(value: str) -> tuple[tuple[str, Any], ...]:
    """Message.get_params() of a header (any one) with this raw value: unquoted (name, value) pairs, values
    as str or as an RFC 2231 (charset, language, text) tuple. Immutable, so safe to share.

    The steps of Message._get_params_preserve and get_params, run on the value directly: a
    multipart's Content-Type carries its own boundary, so those values miss the cache every time.
    """
    params = []
    for piece in _parseparam(value):
        try:
            name, found = piece.split("=", 1)
            name = name.strip()
            found = found.strip()
        except ValueError:  # a bare attribute
            name = piece.strip()
            found = ""
        params.append((name, found))
    return tuple((name, _unquotevalue(found)) for name, found in utils.decode_params(params))


class RawHeaders(Compat32):
    """compat32, but header values come back as the raw str (8-bit bytes as surrogate escapes).

    The stock policy wraps 8-bit headers in a Header object whose str() turns them into U+FFFD;
    we decode them ourselves with the body's charset as the hint (charsets.recover_surrogates).
    """

    message_factory = ParsedPart

    def header_fetch_parse(self, name: str, value: str) -> str:  # type: ignore[override]
        return value


POLICY = RawHeaders()
