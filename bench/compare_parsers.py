#!/usr/bin/env python3
"""Old vs new MIME parsing: the fast path (parsing/fastmime.py) must give exactly FeedParser's tree.

Usage: .venv/bin/python bench/compare_parsers.py [--corpus /work/shared/corpus] [--generated /tmp/mc/corpus]

Every file under the shared corpus (all of them: .eml, .box, .txt, mbox files, and the non-mail
files too, which are hostile input as well) and under the generated benchmark corpus, each as it
is and with its line ends converted to CRLF and to LF (distinct versions only), is parsed twice:
- the tree: FeedParser (parser.feed_tree) against fast_tree, compared node by node (class, header
  list, payload, preamble, epilogue, defects, default type) wherever fast_tree takes the input;
- parse_message with the fast path on and off, compared as whole ParsedMail values (or the same
  ParseError reason).
Prints the counts and every difference; exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from email.message import Message
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdesk.test_settings")

import django

django.setup()

from supportdesk.email_gateway.parsing import ParseError, parse_message  # noqa: E402
from supportdesk.email_gateway.parsing import parser as parser_module  # noqa: E402
from supportdesk.email_gateway.parsing.fastmime import fast_tree  # noqa: E402

MAX_BYTES = 30 * 1024 * 1024


def inputs(roots: list[Path]) -> list[tuple[str, bytes]]:
    """(label, bytes) of every file, plus its CRLF and LF versions when they differ."""
    found: list[tuple[str, bytes]] = []
    for root in roots:
        if not root.is_dir():
            print(f"skipping {root}: not a directory")
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            data = path.read_bytes()
            if len(data) > MAX_BYTES:
                continue
            lf = data.replace(b"\r\n", b"\n")
            crlf = lf.replace(b"\n", b"\r\n")
            seen = set()
            for label, variant in (("", data), (" [LF]", lf), (" [CRLF]", crlf)):
                if variant not in seen:
                    seen.add(variant)
                    found.append((f"{path}{label}", variant))
    return found


def tree_difference(old: Message, new: Message, where: str = "root") -> str | None:
    """Where the two trees differ first, or None."""
    if type(old) is not type(new):
        return f"{where}: class {type(old).__name__} != {type(new).__name__}"
    for attribute in ("_headers", "_unixfrom", "preamble", "epilogue", "_default_type", "_charset"):
        if getattr(old, attribute) != getattr(new, attribute):
            return f"{where}: {attribute} {getattr(old, attribute)!r:.200} != {getattr(new, attribute)!r:.200}"
    old_defects = [type(d).__name__ for d in old.defects]
    new_defects = [type(d).__name__ for d in new.defects]
    if old_defects != new_defects:
        return f"{where}: defects {old_defects} != {new_defects}"
    old_payload: Any = vars(old).get("_payload")
    new_payload: Any = vars(new).get("_payload")
    if isinstance(old_payload, list) and isinstance(new_payload, list):
        if len(old_payload) != len(new_payload):
            return f"{where}: {len(old_payload)} parts != {len(new_payload)}"
        for index, (a, b) in enumerate(zip(old_payload, new_payload, strict=True)):
            found = tree_difference(a, b, f"{where}/{index}")
            if found:
                return found
        return None
    if old_payload != new_payload:
        return f"{where}: payload {old_payload!r:.200} != {new_payload!r:.200}"
    return None


def parsed(raw: bytes) -> object:
    try:
        return parse_message(raw)
    except ParseError as exc:
        return ("ParseError", exc.reason)


def main() -> int:
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--corpus", default="/work/shared/corpus")
    arguments.add_argument("--generated", default="/tmp/mc/corpus")
    args = arguments.parse_args()
    items = inputs([Path(args.corpus), Path(args.generated)])
    differences: list[str] = []
    fast = 0
    old_seconds = new_seconds = 0.0
    for label, raw in items:
        text = parser_module.repair_header_block(raw).decode("ascii", errors="surrogateescape")
        tree = fast_tree(text)
        if tree is not None:
            fast += 1
            try:
                difference = tree_difference(parser_module.feed_tree(text), tree)
            except RecursionError:
                difference = "FeedParser recursed too deep where fast_tree did not"
            if difference:
                differences.append(f"{label}: tree {difference}")
        started = time.perf_counter()
        new = parsed(raw)
        middle = time.perf_counter()
        parser_module.fast_tree = lambda _text: None  # type: ignore[assignment]  # the old path
        try:
            old = parsed(raw)
        finally:
            parser_module.fast_tree = fast_tree
        old_seconds += time.perf_counter() - middle
        new_seconds += middle - started
        if old != new:
            differences.append(f"{label}: parse_message differs:\n  old {old!r:.600}\n  new {new!r:.600}")
    for line in differences:
        print(line)
    print(
        f"{len(items)} inputs, {fast} on the fast path, {len(items) - fast} through FeedParser; "
        f"{len(differences)} differences; parse_message {old_seconds:.1f} s before, {new_seconds:.1f} s now"
    )
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
