"""Comparing two versions of an article's text: a line diff, as escaped HTML and as unified text.

Pure functions, no database access. The text compared is the readable text of each version
(headings, paragraphs and list items on lines of their own), with the title as the first line, so
a reviewer sees what a reader would see change. `source=True` compares the stored HTML instead,
for changes of links or formatting that the readable text does not show. Everything that came
from an article is escaped; the only markup in the result is our own table.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from supportdesk.core.html import html_to_text

CONTEXT_LINES = 3
# Block-level closing tags (and <br>) end a line of readable text.
_BLOCK_END = re.compile(r"(?i)(</(?:h[1-6]|p|div|li|pre|blockquote|tr|table|ul|ol)>|<br\s*/?>|<hr\s*/?>)")
_BLANKS = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t\f\v\r]+")


def readable_text(body_html: str) -> str:
    """Plain text of sanitized HTML: one line per paragraph, heading or list item, no blank lines.
    Used for Translation.body_text (search, snippets) and for diffs."""
    text = html_to_text(_BLOCK_END.sub(lambda m: m.group(1) + "\n", body_html or ""))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n", "\n".join(lines)).strip()


def source_lines(body_html: str) -> list[str]:
    """The stored HTML broken after block-level tags, so a source diff has readable lines."""
    return [line for line in _BLOCK_END.sub(lambda m: m.group(1) + "\n", body_html or "").split("\n") if line.strip()]


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a version's number, title and stored HTML."""

    number: int
    title: str
    body_html: str


@dataclass(frozen=True)
class Diff:
    """The comparison of `old` with `new`: an HTML table (escaped), unified text, and counts."""

    old_number: int
    new_number: int
    html: str
    unified: str
    added: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


_IMAGE = re.compile(r"(?i)<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'(?i)\b(alt|src|data-remote-src)="([^"]*)"')


def _image_marker(match: re.Match[str]) -> str:
    """Images have no text; in a text diff they show as [image: alt (address)]."""
    attributes = {name.lower(): html.unescape(value) for name, value in _ATTRIBUTE.findall(match.group(0))}
    where = attributes.get("src") or attributes.get("data-remote-src") or ""
    label = _("image")
    return html.escape(f"[{label}: {attributes.get('alt', '')} ({where})]")


def _lines(side: Side, *, source: bool) -> list[str]:
    if source:
        body = source_lines(side.body_html)
    else:
        body = [line for line in readable_text(_IMAGE.sub(_image_marker, side.body_html or "")).split("\n") if line.strip()]
    return [f"# {side.title}", *body]


def _row(kind: str, old_no: int | None, new_no: int | None, text: str) -> str:
    marker = {"add": "+", "del": "-", "same": " "}[kind]
    return (
        f'<tr class="kb-diff__{kind}"><td class="kb-diff__no">{old_no or ""}</td><td class="kb-diff__no">{new_no or ""}</td>'
        f'<td class="kb-diff__mark">{marker}</td><td class="kb-diff__text">{html.escape(text)}</td></tr>'
    )


def diff_versions(old: Side, new: Side, *, source: bool = False, context: int = CONTEXT_LINES) -> Diff:
    """Compare two versions line by line (difflib), with `context` unchanged lines around changes."""
    a = _lines(old, source=source)
    b = _lines(new, source=source)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    rows: list[str] = []
    added = removed = 0
    for index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if index:
            rows.append('<tr class="kb-diff__gap"><td colspan="4">…</td></tr>')
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows.extend(_row("same", i1 + k + 1, j1 + k + 1, a[i1 + k]) for k in range(i2 - i1))
                continue
            if tag in {"replace", "delete"}:
                rows.extend(_row("del", i + 1, None, a[i]) for i in range(i1, i2))
                removed += i2 - i1
            if tag in {"replace", "insert"}:
                rows.extend(_row("add", None, j + 1, b[j]) for j in range(j1, j2))
                added += j2 - j1
    if not added and not removed:
        table = f'<p class="kb-diff__none">{html.escape(_("No changes between these versions."))}</p>'
    else:
        caption = html.escape(_("Changes from version %(old)d to version %(new)d") % {"old": old.number, "new": new.number})
        table = f'<table class="kb-diff"><caption>{caption}</caption><tbody>{"".join(rows)}</tbody></table>'
    unified = "\n".join(
        difflib.unified_diff(a, b, fromfile=f"version {old.number}", tofile=f"version {new.number}", n=context, lineterm="")
    )
    return Diff(old_number=old.number, new_number=new.number, html=table, unified=unified, added=added, removed=removed)


# -- version notes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionNote:
    """A Version.note split into what happened (`code`, e.g. "edit", "approve", "restore") and
    the person's own words. The code is stored first in brackets so the history can be shown in
    the reader's language."""

    code: str
    text: str
    restored: int | None = None


_NOTE = re.compile(r"^\[([a-z_]+)(?::(\d+))?\] ?(.*)$", re.DOTALL)


def encode_note(code: str, text: str = "", *, restored: int | None = None) -> str:
    head = f"[{code}:{restored}]" if restored is not None else f"[{code}]"
    return f"{head} {text}".strip()[:200]


def decode_note(note: str) -> VersionNote:
    match = _NOTE.match(note or "")
    if match is None:
        return VersionNote(code="edit", text=note or "")
    restored = int(match.group(2)) if match.group(2) else None
    return VersionNote(code=match.group(1), text=match.group(3), restored=restored)
