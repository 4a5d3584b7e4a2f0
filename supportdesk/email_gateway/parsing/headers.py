"""Header values: RFC 2047 encoded words and address lists, in linear time.

The stdlib address parser recurses once per "(" and backtracks on quotes, so a hostile header
(RT CVE-2014-1474, CVE-2018-18898) can blow the stack or the time budget. The scanner here is one
pass over a bounded string with counters instead of recursion (BAD-INPUTS 21, 22).
"""

from __future__ import annotations

import base64
import binascii
import re

from supportdesk.email_gateway.parsing.charsets import decode_bytes, recover_surrogates
from supportdesk.email_gateway.parsing.types import Address

_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,60})\?([QqBb])\?([^?]{0,2000}?)\?=")
_WS_BETWEEN_WORDS = re.compile(r"(\?=)\s+(?==\?)")
_Q_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")
# "MAILER-DAEMON (Mail Delivery System)": a bare local part, kept so classification sees it.
_LOCAL_ONLY = re.compile(r"^(mailer-daemon|postmaster|mail-daemon)$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^\s@<>()\[\],;:\"]+@[^\s@<>()\[\],;:\"]+$")
# Characters that make _scan_entries do more than copy: quotes, comments, separators, groups.
_ENTRY_SYNTAX = re.compile(r'["(,;:]')
MAX_NAME = 200
RAW_HEADER_CHARS = 20_000
MAX_EMAIL = 254


def _word_bytes(encoding: str, text: str) -> bytes:
    """The bytes of one encoded word's text, decoded leniently (junk dropped, "=XX" only when hex).

    binascii does the common, well-formed words; _lenient_word_bytes defines the result, and
    the fast paths are taken only where binascii provably agrees with it (test_parsing checks).
    """
    data = text.encode("ascii", errors="replace")
    if encoding in "Bb":
        if b"=" not in data.rstrip(b"= \t\r\n"):  # "=" only as trailing padding: binascii skips the same junk
            try:
                return binascii.a2b_base64(data)
            except binascii.Error:
                pass  # a last quantum missing characters or its "="
    elif not (data.endswith(b"=") or b"==" in data or b"=\n" in data or b"=\r" in data):
        return binascii.a2b_qp(data, header=True)  # differs from the escape regex only in those cases
    return _lenient_word_bytes(encoding, data)


def _lenient_word_bytes(encoding: str, data: bytes) -> bytes:
    if encoding in "Bb":
        data = _NOT_BASE64.sub(b"", data)
        data = data[: len(data) - len(data) % 4] if len(data) % 4 == 1 else data + b"=" * (-len(data) % 4)
        try:
            return base64.b64decode(data)
        except (binascii.Error, ValueError):
            return b""
    return _Q_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data.replace(b"_", b" "))


def decode_words(value: str, fallback: str | None = None) -> str:
    """Decode RFC 2047 encoded words (mixed charsets, split multibyte characters) into one line.

    Adjacent words in the same charset are joined as bytes before decoding, because senders split a
    UTF-8 character across two words; whitespace between adjacent words is dropped (RFC 2047 6.2).
    """
    value = recover_surrogates(value, fallback)
    if "=?" not in value:
        return " ".join(value.split())
    if _WS_BETWEEN_WORDS.search(value):
        value = _WS_BETWEEN_WORDS.sub(r"\1", value)
    out: list[str] = []
    pending: list[bytes] = []
    pending_charset = ""
    position = 0
    for match in _ENCODED_WORD.finditer(value):
        start, end = match.span()
        label, encoding, text = match.groups()
        charset = label.split("*", 1)[0].lower()  # RFC 2231 language suffix
        if pending and (start > position or charset != pending_charset):
            out.append(decode_bytes(b"".join(pending), pending_charset))
            pending = []
        if start > position:
            out.append(value[position:start])
        pending.append(_word_bytes(encoding, text))
        pending_charset = charset
        position = end
    if pending:
        out.append(decode_bytes(b"".join(pending), pending_charset))
    out.append(value[position:])
    return " ".join("".join(out).split())


def clean_header(value: str | None, limit: int, fallback: str | None = None, *, memo: dict[str, str] | None = None) -> str:
    """A decoded header value on one line, truncated to `limit` characters (raw input bounded too).

    `memo` keeps decoded values between calls for one message (always with the same `fallback`),
    so a header read for two purposes is decoded once.
    """
    if value is None:
        return ""
    text = str(value)[: max(limit * 4, RAW_HEADER_CHARS)]
    if text.isascii() and "=?" not in text:
        return " ".join(text.split())[:limit]  # most headers: nothing to decode, only to unfold
    if memo is None:
        return decode_words(text, fallback)[:limit]
    decoded = memo.get(text)
    if decoded is None:
        decoded = memo[text] = decode_words(text, fallback)
    return decoded[:limit]


def _split_entries(value: str, limit: int) -> list[tuple[str, str]]:
    """Split an address list into (text, comment) per entry: one pass, no recursion, no backtracking."""
    if _ENTRY_SYNTAX.search(value) is None:
        return [(value, "")]  # one address, no quotes or comments: the scan below would copy it as is
    return _scan_entries(value, limit)


def _scan_entries(value: str, limit: int) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    buf: list[str] = []
    comment: list[str] = []
    depth = 0
    quoted = angle = escaped = False
    for ch in value:
        if escaped:
            (comment if depth else buf).append(ch)
            escaped = False
        elif ch == "\\" and (quoted or depth):
            escaped = True
        elif depth:
            depth += 1 if ch == "(" else -1 if ch == ")" else 0
            if depth and ch not in "()":
                comment.append(ch)
        elif quoted:
            quoted = ch != '"'
            buf.append(ch)
        elif ch == '"':
            quoted = True
            buf.append(ch)
        elif ch == "(":
            depth = 1
        elif ch in ",;" and not angle:
            entries.append(("".join(buf), "".join(comment)))
            buf, comment = [], []
            if len(entries) >= limit:
                return entries
        elif ch == ":" and not angle and "@" not in buf:
            buf, comment = [], []  # "group name:" (e.g. "undisclosed-recipients:;")
        else:
            angle = True if ch == "<" else False if ch == ">" else angle
            buf.append(ch)
    entries.append(("".join(buf), "".join(comment)))
    return entries


def _unquote(name: str) -> str:
    name = name.strip()
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = name[1:-1]
    return name.replace('\\"', '"').replace("\\\\", "\\")


def _address(text: str, comment: str, fallback: str | None) -> Address | None:
    if "<" in text:
        name, _, rest = text.partition("<")
        email = rest.split(">", 1)[0]
    else:
        words = text.split()
        email = next((w for w in words if "@" in w or _LOCAL_ONLY.match(w)), "")
        name = " ".join(w for w in words if w != email) or comment
    email = email.strip().strip('"').strip()
    if email.startswith("@") and ":" in email:  # obsolete source route "<@relay:user@host>"
        email = email.split(":", 1)[1]
    email = email.lower()[:MAX_EMAIL] if _EMAIL.match(email) or _LOCAL_ONLY.match(email) else ""
    name = _unquote(name) or comment
    name = decode_words(name, fallback)[:MAX_NAME] if name else ""
    if not email and not name:
        return None
    return Address(name=name, email=email)


def parse_addresses(value: str | None, *, limit: int, max_chars: int, fallback: str | None = None) -> tuple[list[Address], bool]:
    """Addresses of a header (decoded names, lower-cased emails) and whether the list was cut.

    At most `limit` addresses from the first `max_chars` characters: a deterministic truncation,
    so 50,000 recipients cost the same as `limit` of them and never fan out replies.

    Short values are remembered for the process: the support address in To, and the same
    customers' From, recur in mail after mail. Address is frozen, so the cached ones are shared;
    each call gets a list of its own.
    """
    if not value:
        return [], False
    if type(value) is not str or len(value) > MAX_CACHED_ADDRESS_CHARS:
        return _parse_addresses(value, limit=limit, max_chars=max_chars, fallback=fallback)
    key = (value, limit, max_chars, fallback)
    cached = _ADDRESSES.get(key)
    if cached is None:
        found, cut = _parse_addresses(value, limit=limit, max_chars=max_chars, fallback=fallback)
        if len(_ADDRESSES) >= MAX_CACHED_ADDRESS_VALUES:
            _ADDRESSES.clear()  # bounded memory; a fresh start costs one parse per value
        cached = _ADDRESSES[key] = (tuple(found), cut)
    return list(cached[0]), cached[1]


MAX_CACHED_ADDRESS_CHARS = 300
MAX_CACHED_ADDRESS_VALUES = 4096
_ADDRESSES: dict[tuple[str, int, int, str | None], tuple[tuple[Address, ...], bool]] = {}


def _parse_addresses(value: str, *, limit: int, max_chars: int, fallback: str | None) -> tuple[list[Address], bool]:
    text = recover_surrogates(str(value), fallback)
    cut = len(text) > max_chars
    result: list[Address] = []
    for entry, comment in _split_entries(text[:max_chars], limit + 1):
        address = _address(entry, comment, fallback)
        if address is not None:
            result.append(address)
    if len(result) > limit:
        return result[:limit], True
    return result, cut
