"""kb.versions: readable text, the escaped line diff, and version notes (pure functions, no database)."""

from __future__ import annotations

import pytest

from supportdesk.kb.versions import Side, decode_note, diff_versions, encode_note, readable_text


def test_readable_text_puts_blocks_on_lines() -> None:
    html = "<h2>Steps</h2><ol><li>Open</li><li>Close &amp; save</li></ol><p>Done<br>really</p><pre>a  b</pre>"
    assert readable_text(html) == "Steps\nOpen\nClose & save\nDone\nreally\na b"
    assert readable_text("") == ""
    assert readable_text("<p>a</p><p></p><p></p><p>b</p>") == "a\nb"


def test_diff_marks_added_and_removed_lines_with_context() -> None:
    old = Side(1, "Title", "<p>one</p><p>two</p><p>three</p>")
    new = Side(2, "Title", "<p>one</p><p>2</p><p>three</p><p>four</p>")
    diff = diff_versions(old, new)
    assert (diff.old_number, diff.new_number, diff.added, diff.removed, diff.changed) == (1, 2, 2, 1, True)
    removed = (
        '<td class="kb-diff__no">3</td><td class="kb-diff__no"></td><td class="kb-diff__mark">-</td><td class="kb-diff__text">two</td>'
    )
    assert f'<tr class="kb-diff__del">{removed}</tr>' in diff.html
    assert '<td class="kb-diff__text">four</td>' in diff.html
    assert diff.unified.splitlines()[:2] == ["--- version 1", "+++ version 2"]
    assert "-two" in diff.unified and "+2" in diff.unified and "+four" in diff.unified


def test_title_changes_are_part_of_the_diff() -> None:
    diff = diff_versions(Side(1, "Old title", "<p>x</p>"), Side(2, "New title", "<p>x</p>"))
    assert (diff.added, diff.removed) == (1, 1)
    assert "# Old title" in diff.html and "# New title" in diff.html


@pytest.mark.parametrize(
    "payload",
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&lt;script&gt;alert(2)&lt;/script&gt;", "</td></tr></table><b>x"],
)
def test_everything_from_the_article_is_escaped(payload: str) -> None:
    diff = diff_versions(Side(1, payload, "<p>a</p>"), Side(2, "t", f"<p>{payload}</p>"))
    source = diff_versions(Side(1, payload, "<p>a</p>"), Side(2, "t", f"<p>{payload}</p>"), source=True)
    for result in (diff, source):
        for tag in ("<script", "<img", "<b>", "</table><"):
            assert tag not in result.html.replace('<table class="kb-diff">', "").replace("</tbody></table>", ""), (tag, result.html)


def test_no_changes_and_long_unchanged_stretches() -> None:
    same = diff_versions(Side(1, "t", "<p>a</p>"), Side(2, "t", "<p>a</p>"))
    assert not same.changed and "No changes between these versions." in same.html and same.unified == ""
    body = "".join(f"<p>line {n}</p>" for n in range(100))
    changed = body.replace("<p>line 50</p>", "<p>line fifty</p>")
    diff = diff_versions(Side(1, "t", body), Side(2, "t", changed))
    assert diff.html.count('class="kb-diff__same"') == 6  # three lines of context on each side
    assert "line 10<" not in diff.html


def test_images_show_in_the_text_diff() -> None:
    diff = diff_versions(Side(1, "t", "<p>a</p>"), Side(2, "t", '<p>a<img src="/kb/attachments/3/x.png" alt="Front &amp; back"></p>'))
    assert diff.changed and "[image: Front &amp;amp; back (/kb/attachments/3/x.png)]" not in diff.html
    assert "[image: Front &amp; back (/kb/attachments/3/x.png)]" in diff.html


def test_source_diff_shows_markup_changes() -> None:
    old, new = Side(1, "t", '<p><a href="https://a.example">link</a></p>'), Side(2, "t", '<p><a href="https://b.example">link</a></p>')
    assert not diff_versions(old, new).changed
    source = diff_versions(old, new, source=True)
    assert source.changed and "https://b.example" in source.html


def test_version_notes_round_trip() -> None:
    assert encode_note("submit", "please check") == "[submit] please check"
    assert encode_note("restore", restored=3) == "[restore:3]"
    assert decode_note("[restore:3]").restored == 3
    note = decode_note("[send_back] Add a screenshot")
    assert (note.code, note.text, note.restored) == ("send_back", "Add a screenshot", None)
    assert decode_note("free text from an older import").code == "edit"
    assert len(encode_note("edit", "x" * 500)) == 200
