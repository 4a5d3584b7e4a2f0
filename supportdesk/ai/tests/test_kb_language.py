"""Language detection of knowledge base texts: detected in the worker after each text change, a
confident mismatch warned about on the agent page and shown in the API, the catch-up fills gaps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.ai import kb_language, sweeps
from supportdesk.kb import actions
from supportdesk.kb.models import Translation
from supportdesk.kb.selectors import language_mismatch
from supportdesk.kb.tests.test_actions_support import kb_category as kb_category
from supportdesk.kb.tests.test_actions_support import make_article as make_article

MakeArticle = Callable[..., Translation]

GERMAN = "<p>Öffnen Sie die Einstellungen, wählen Sie Passwort zurücksetzen und folgen Sie dem Link in der E-Mail.</p>"
ENGLISH = "<p>Open the settings, choose Reset password and follow the link in the e-mail we send you.</p>"


class RecordingTask:
    """Stands in for the task: records what would be enqueued for the worker."""

    def __init__(self) -> None:
        self.enqueued: list[int] = []

    def enqueue(self, translation_id: int) -> None:
        self.enqueued.append(translation_id)


@pytest.fixture
def enqueued(monkeypatch: pytest.MonkeyPatch, settings: Any) -> list[int]:
    """Tasks as a worker would receive them (the test backend would otherwise run nothing: in-caller)."""
    settings.SUPPORTDESK_AI_TRIAGE_IN_CALLER = True
    recorder = RecordingTask()
    monkeypatch.setattr(kb_language, "detect_translation_language_task", recorder)
    return recorder.enqueued


def test_every_text_change_enqueues_detection_after_commit_and_resets_the_old_result(
    make_article: MakeArticle, agent: User, enqueued: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        row = make_article(title="Passwort zurücksetzen", body_html=GERMAN)
    assert enqueued == [row.pk]
    assert kb_language.detect_translation_language(row.pk) is True  # what the worker's task runs
    row.refresh_from_db()
    assert row.detected_language == "de" and (row.detected_language_confidence or 0) > 0.9

    with django_capture_on_commit_callbacks(execute=True):
        actions.edit_translation(agent, row, title="Reset your password", body_html=ENGLISH, base_version=row.version)
    row.refresh_from_db()
    assert enqueued == [row.pk, row.pk]
    assert row.detected_language == "" and row.detected_language_confidence is None  # stale result cleared

    with django_capture_on_commit_callbacks(execute=True):
        actions.change_state(agent, row, "submit")
    assert len(enqueued) == 2  # a state change is no text change


def test_nothing_is_enqueued_when_tasks_would_run_in_the_request(
    make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    recorder = RecordingTask()
    monkeypatch.setattr(kb_language, "detect_translation_language_task", recorder)
    with django_capture_on_commit_callbacks(execute=True):
        row = make_article()
    assert recorder.enqueued == []
    assert Translation.objects.get(pk=row.pk).detected_language_confidence is None  # left for the sweep


def test_catchup_sweep_detects_what_was_never_detected(make_article: MakeArticle) -> None:
    german = make_article(title="Passwort zurücksetzen", body_html=GERMAN, language="de")
    english = make_article(title="Reset your password", body_html=ENGLISH)
    sweeps.triage_missed()
    german.refresh_from_db()
    english.refresh_from_db()
    assert (german.detected_language, english.detected_language) == ("de", "en")
    assert kb_language.detect_missing() == 0
    assert kb_language.detect_translation_language(999_999) is False  # deleted meanwhile: no error


def test_short_text_is_unknown_or_too_short_to_warn_about(make_article: MakeArticle) -> None:
    row = make_article(title="Q1", body_html="<p>42</p>")
    kb_language.detect_translation_language(row.pk)
    row.refresh_from_db()
    assert row.detected_language == "" and row.detected_language_confidence == 0.0

    short = make_article(title="FAQ", body_html="<p>Kontakt</p>")  # lingua may guess anything here
    kb_language.detect_translation_language(short.pk)
    short.refresh_from_db()
    short.detected_language, short.detected_language_confidence = "de", 0.99
    assert language_mismatch(short) == ""  # under MISMATCH_MIN_CHARS: never a warning


def test_agent_page_and_api_show_a_confident_mismatch(make_article: MakeArticle, agent: User) -> None:
    row = make_article(title="Passwort zurücksetzen", body_html=GERMAN)  # marked English, written in German
    kb_language.detect_translation_language(row.pk)
    client = Client()
    client.force_login(agent)
    page = client.get(f"/kb/articles/{row.article_id}/en/").content.decode()
    assert 'data-testid="kb-language-mismatch"' in page and "German" in page

    body = client.get(f"/api/v1/kb/articles/{row.article_id}/translations/en").json()
    assert body["detected_language"] == "de" and body["detected_language_confidence"] > 0.9

    matching = make_article(title="Reset your password", body_html=ENGLISH)
    kb_language.detect_translation_language(matching.pk)
    page = client.get(f"/kb/articles/{matching.article_id}/en/").content.decode()
    assert "kb-language-mismatch" not in page
