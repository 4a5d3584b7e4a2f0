"""fast_tree (parsing/fastmime.py): the stdlib FeedParser's exact tree for plain mail, None (so
FeedParser runs) for anything unusual. bench/compare_parsers.py checks the same over the corpora."""

from __future__ import annotations

from typing import Any

import pytest

from supportdesk.email_gateway.parsing import ParseError, parse_message, parser
from supportdesk.email_gateway.parsing.fastmime import MAX_FAST_DEPTH, fast_tree


def _shape(message: Any) -> Any:
    """Everything FeedParser decides about a tree, for exact comparison."""
    payload: Any = message._payload
    return (
        type(message).__name__,
        message._headers,
        message._unixfrom,
        message.preamble,
        message.epilogue,
        [type(defect).__name__ for defect in message.defects],
        message._default_type,
        [_shape(part) for part in payload] if isinstance(payload, list) else payload,
    )


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


SIMPLE = "From: a@example.com\nSubject: hi\n  folded\n\tagain\nEmpty:\nBlank:   \n\nbody line\nlast line\n"
MULTIPART = (
    'From: a@example.com\nContent-Type: multipart/mixed; boundary="b1"\n\n'
    "preamble\n\n--b1\nContent-Type: text/plain\n\ntext\n\n--b1  \n\nno headers\n--b1\n"
    "Content-Type: multipart/alternative; boundary=b2\n\n--b2\nContent-Type: text/plain\n\nplain\n--b2\n"
    "Content-Type: text/html\n\n<p>html</p>\n--b2--\ninner epilogue\n\n--b1\n"
    "Content-Type: message/rfc822\n\nFrom: b@example.com\nSubject: inner\n\ninner body\n\n"
    "--b1--\nepilogue\n"
)
# A closing boundary without a line end, the last part empty before it, an empty inner epilogue.
EDGES = (
    "Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: multipart/related; boundary=y\n\n--y\n\none\n--y--\n--x\nA: b\n\n--x--"
)
# "--b1x" and "--b1--x" lines are text, not boundaries; "-- b1" neither.
LOOKALIKES = "Content-Type: multipart/mixed; boundary=b1\n\n--b1\n\n--b1x\n--b1--x\n -- b1\n--b1--\n"


@pytest.mark.parametrize("text", [SIMPLE, MULTIPART, EDGES, LOOKALIKES])
@pytest.mark.parametrize("line_end", ["LF", "CRLF"])
def test_fast_tree_is_feedparsers_tree(text: str, line_end: str) -> None:
    text = _crlf(text) if line_end == "CRLF" else text
    tree = fast_tree(text)
    assert tree is not None
    assert _shape(tree) == _shape(parser.feed_tree(text))


def test_fast_tree_values_are_the_ones_feedparser_gives() -> None:
    """Spelled out once, so the comparison above cannot pass by both being wrong the same way."""
    tree: Any = fast_tree(_crlf(MULTIPART))
    assert tree is not None
    assert tree.preamble == "preamble\r\n"
    assert tree.epilogue == "epilogue\r\n"
    text_part, bare_part, alternative, attached = tree.get_payload()
    assert text_part._headers == [("Content-Type", "text/plain")]
    assert text_part.get_payload() == "text\r\n"  # the line end before the boundary belongs to it
    assert bare_part._headers == [] and bare_part.get_payload() == "no headers"
    assert alternative.epilogue == "inner epilogue\r\n"
    assert [part.get_payload() for part in alternative.get_payload()] == ["plain", "<p>html</p>"]
    assert attached.get_payload()[0].get_payload() == "inner body\r\n"
    simple: Any = fast_tree(SIMPLE)
    assert simple is not None
    assert simple._headers == [("From", "a@example.com"), ("Subject", "hi\n  folded\n\tagain"), ("Empty", ""), ("Blank", "")]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Subject: a\r\n\r\nbare\rCR\r\n", id="bare CR"),
        pytest.param("From someone Mon Jan  1 00:00:00 2026\nSubject: a\n\nbody\n", id="Unix From line"),
        pytest.param("Subject: a\nnot a header\n\nbody\n", id="line without colon"),
        pytest.param(" continued\nSubject: a\n\nbody\n", id="first line a continuation"),
        pytest.param(": no name\n\nbody\n", id="empty header name"),
        pytest.param("Subject: a\nFrom: b", id="no empty line after the headers"),
        pytest.param("Content-Type: multipart/mixed\n\n--x\n\nbody\n--x--\n", id="no boundary parameter"),
        pytest.param("Content-Type: multipart/mixed; boundary=x\n\n--x\n\nbody\n", id="no closing boundary"),
        pytest.param("Content-Type: multipart/mixed; boundary=x\n\nbody\n--x--\n", id="no first boundary"),
        pytest.param("Content-Type: multipart/mixed; boundary=x\n\n--x\n--x\n\nbody\n--x--\n", id="boundary lines in a row"),
        pytest.param(
            "Content-Type: multipart/mixed; boundary=x\nContent-Transfer-Encoding: base64\n\n--x\n\nbody\n--x--\n",
            id="encoded multipart",
        ),
        pytest.param("Content-Type: multipart/digest; boundary=x\n\n--x\n\nbody\n--x--\n", id="digest"),
        pytest.param("Content-Type: message/delivery-status\n\nReporting-MTA: dns; a\n\nAction: failed\n", id="delivery status"),
        pytest.param(
            "Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: multipart/mixed; boundary=x\n\n--x\n\nin\n--x--\n--x--\n",
            id="inner boundary equal to the outer one",
        ),
    ],
)
def test_unusual_mail_is_left_to_feedparser(text: str) -> None:
    assert fast_tree(text) is None
    # parse_message's tree is FeedParser's, defects included, as before the fast path existed.
    assert _shape(parser._mime_tree(text.encode())) == _shape(parser.feed_tree(text))


def test_nesting_deeper_than_the_fast_path_goes_is_left_to_feedparser() -> None:
    def nested(depth: int) -> str:
        text = "Content-Type: text/plain\n\ninnermost\n"
        for level in range(depth):
            text = f"Content-Type: multipart/mixed; boundary=b{level}\n\n--b{level}\n{text}--b{level}--\n"
        return text

    assert fast_tree(nested(MAX_FAST_DEPTH // 2)) is not None
    assert fast_tree(nested(MAX_FAST_DEPTH + 1)) is None
    with pytest.raises(ParseError, match="nested deeper"):
        parse_message(nested(MAX_FAST_DEPTH + 1).encode())
