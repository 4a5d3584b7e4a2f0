"""The MIME tree of well-formed mail without the stdlib FeedParser, or None to use FeedParser.

FeedParser reads mail one line at a time in Python and compiles a regex for every multipart's
boundary; for ordinary mail that was over half of parse_message's time. fast_tree builds the very
same tree (ParsedPart objects with the same header lists, payload strings, preambles and
epilogues) by finding header blocks and boundary lines with str.find and a few fixed regexes.

It only takes mail on which FeedParser would record no defect and whose structure is plain:
consistent line endings (LF or CRLF, no bare CR), every header block made of header lines and
ended by an empty line, every multipart with a boundary, a first boundary, a closing boundary and
no empty parts, no multipart/digest or message/delivery-status, bounded nesting. Anything else
returns None and goes through FeedParser as before, so unusual mail is parsed exactly as it
always was. bench/compare_parsers.py checks that both give the same tree on every corpus file.

The rules copied from email.feedparser (Python 3.11-3.13), which the tree must keep:
- a boundary line of any enclosing multipart ends a part, at any depth (RFC 2046 5.1.2), so
  extents are cut from the outside in;
- a boundary line is "--" + boundary, optionally "--", optional blanks, then the line end;
- the line break before a boundary line belongs to the boundary: it is cut from the previous
  part's payload, or from its epilogue when that part is a multipart (an empty epilogue becomes
  None); for a message/rfc822 part that applies to the last part of the enclosed message;
- a header's value is its first line after "name:" without leading blanks, plus its continuation
  lines, without the trailing line break (compat32's header_source_parse).
"""

from __future__ import annotations

import itertools
import re

from supportdesk.email_gateway.parsing.message import POLICY, ParsedPart

# Deeper nesting goes to FeedParser (whose own limits and ours then apply as before).
MAX_FAST_DEPTH = 40
# A header block ends at the first empty line.
_BLANK_LINE = re.compile(r"\n\r?\n")
# What FeedParser takes for a header line (a name, which may not be empty, then ":"), or a
# continuation (a blank first); "From " lines are neither here, so they take the slow path.
_HEADER_FIRST_LINE = re.compile(r"[!-9;-~]+:")
_NOT_A_HEADER_LINE = re.compile(r"\n(?![!-9;-~]+:|[ \t])")
# One header of a checked header block: its name, then its value without the blanks after the
# ":" and with its continuation lines (compat32's header_source_parse; "\r"s are cut after).
# A block starts at a line start, so "^" (MULTILINE) holds there too; it lets the search skip
# the middle of lines quickly.
_HEADER_FIELD = re.compile(r"^([!-9;-~]+):[ \t]*(.*(?:\n[ \t].*)*)", re.MULTILINE)
# What may follow "--boundary" on a boundary line: "--" for the closing one, blanks, the line end.
_BOUNDARY_TAIL = re.compile(r"(--)?[ \t]*(\r?\n)?")
_MULTIPART_ENCODINGS = ("7bit", "8bit", "binary")


class _Unusual(Exception):
    """The mail needs FeedParser: something here is outside what fast_tree reproduces."""


def fast_tree(text: str) -> ParsedPart | None:
    """The tree FeedParser(policy=POLICY) makes of `text`, or None when `text` is not plain enough.

    `text` is the raw mail decoded as ASCII with surrogate escapes, as FeedParser is fed it.
    """
    crlf = "\r" in text
    if crlf and text.count("\r") != text.count("\r\n"):
        return None  # bare CR line ends: FeedParser splits lines on them too
    try:
        return _part(text, 0, len(text), 0, (), crlf, cut=False)
    except _Unusual:
        return None


def _line_end_cut(text: str, start: int, end: int) -> int:
    """end, less one trailing line break of text[start:end] (feedparser's NLCRE_eol)."""
    if text.endswith("\r\n", start, end):
        return end - 2
    if text.endswith(("\n", "\r"), start, end):
        return end - 1
    return end


def _part(text: str, start: int, end: int, depth: int, boundaries: tuple[str, ...], crlf: bool, *, cut: bool) -> ParsedPart:
    """The message in text[start:end].

    `cut`: a boundary line follows, so the line break before it is cut from this part's last
    payload (or from its epilogue when that is a multipart's), as FeedParser does.
    """
    if depth > MAX_FAST_DEPTH:
        raise _Unusual
    message = ParsedPart(policy=POLICY)
    body = _read_headers(message, text, start, end, crlf)
    content_type = message.get_content_type()
    maintype = content_type.partition("/")[0]
    if maintype == "message":
        if content_type == "message/delivery-status":
            raise _Unusual  # blocks of headers separated by empty lines: FeedParser's own rules
        message.attach(_part(text, body, end, depth + 1, boundaries, crlf, cut=cut))
    elif maintype == "multipart":
        if content_type == "multipart/digest":
            raise _Unusual  # its parts default to message/rfc822
        _multipart(message, text, body, end, depth, boundaries, crlf, cut=cut)
    else:
        message._payload = text[body : _line_end_cut(text, body, end) if cut else end]
    return message


def _read_headers(message: ParsedPart, text: str, start: int, end: int, crlf: bool) -> int:
    """Set message's headers from the header block at `start`; return where the body starts."""
    if text.startswith("\n", start, end):
        return start + 1
    if text.startswith("\r\n", start, end):
        return start + 2
    blank = _BLANK_LINE.search(text, start, end)
    if blank is None:
        raise _Unusual  # headers running into the next boundary or the end of the mail
    stop = blank.start()  # the "\n" that ends the last header line
    if _HEADER_FIRST_LINE.match(text, start, stop) is None or _NOT_A_HEADER_LINE.search(text, start, stop) is not None:
        raise _Unusual  # FeedParser records a defect (or a Unix From line) here
    # Every line is now a header line or a continuation: one (name, value) per header.
    fields = _HEADER_FIELD.findall(text, start, stop)
    message._headers = [(name, value.rstrip("\r\n")) for name, value in fields] if crlf else fields
    return blank.end()


def _multipart(
    message: ParsedPart, text: str, body: int, end: int, depth: int, boundaries: tuple[str, ...], crlf: bool, *, cut: bool
) -> None:
    boundary = message.get_boundary()
    if not boundary or "\n" in boundary or "\r" in boundary or boundary in boundaries:
        raise _Unusual
    if str(message.get("content-transfer-encoding", "8bit")).lower() not in _MULTIPART_ENCODINGS:
        raise _Unusual  # a defect FeedParser records
    lines = _boundary_lines(text, "--" + boundary, body, end)
    if len(lines) < 2 or lines[0][2] or not lines[-1][2]:
        raise _Unusual  # no first boundary, or no closing one
    first_start = lines[0][0]
    if first_start > body:
        message.preamble = text[body : _line_end_cut(text, body, first_start)]
    inner = (*boundaries, boundary)
    parts = []
    for (_start, part_start, _close), (next_start, _next_end, _next_close) in itertools.pairwise(lines):
        if part_start == next_start:
            raise _Unusual  # two boundary lines in a row: FeedParser skips them its own way
        parts.append(_part(text, part_start, next_start, depth + 1, inner, crlf, cut=True))
    message._payload = parts
    epilogue_start = lines[-1][1]
    if not cut:
        message.epilogue = text[epilogue_start:end]
    elif epilogue_start < end:
        message.epilogue = text[epilogue_start : _line_end_cut(text, epilogue_start, end)]
    # else: an empty epilogue before the boundary of an enclosing multipart stays None


def _boundary_lines(text: str, separator: str, body: int, end: int) -> list[tuple[int, int, bool]]:
    """(line start, next line start, is closing) of each boundary line in text[body:end], up to the
    closing one."""
    found: list[tuple[int, int, bool]] = []
    position = body
    size = len(separator)
    while True:
        at = text.find(separator, position, end)
        if at < 0:
            return found
        position = at + 1
        if at != body and text[at - 1] != "\n":
            continue  # not at the start of a line
        tail = _BOUNDARY_TAIL.match(text, at + size, end)
        assert tail is not None  # every group is optional
        if tail.group(2) is None and tail.end() != end:
            continue  # more text on the line: not a boundary line
        closing = tail.group(1) is not None
        found.append((at, tail.end(), closing))
        if closing:
            return found
