"""Language detection of knowledge base translations, in the worker.

An editor chooses each translation's language; a text pasted into the wrong language (an English
draft saved as the German translation) would then be found by German searches and shown to German
customers. After every text change kb publishes "kb.translation_text_changed"; this module
enqueues a task that detects the text's language with lingua (ai.language) and stores it on the
translation. The editor sees a warning when the detection is confident and differs
(kb.selectors.language_mismatch). Detection never runs in the request (lingua's first load takes seconds);
with a task backend that runs in the caller nothing is enqueued, and the AI catch-up sweep
(ai.sweeps) detects what is still undetected.
"""

from __future__ import annotations

import logging

from django_tasks import task

from supportdesk.ai import language
from supportdesk.core.events import DomainEvent
from supportdesk.kb.models import Translation

logger = logging.getLogger(__name__)

CATCHUP_LIMIT = 200


def detect_translation_language(translation_id: int) -> bool:
    """Detect and store one translation's language; return whether the translation exists."""
    row = Translation.objects.filter(pk=translation_id).values("title", "body_text").first()
    if row is None:
        return False
    code, confidence = language.detect(f"{row['title']}\n{row['body_text']}")
    Translation.objects.filter(pk=translation_id).update(detected_language=code, detected_language_confidence=confidence)
    return True


@task()
def detect_translation_language_task(translation_id: int) -> bool:
    return detect_translation_language(translation_id)


def on_text_changed(event: DomainEvent) -> None:
    from supportdesk.ai.tasks import runs_in_caller

    translation_id = event.payload.get("translation_id")
    if not isinstance(translation_id, int) or runs_in_caller():
        return
    try:
        detect_translation_language_task.enqueue(translation_id)
    except Exception:  # the catch-up sweep detects it later
        logger.exception("could not enqueue language detection of kb translation %s", translation_id)


def detect_missing(limit: int = CATCHUP_LIMIT) -> int:
    """Detect translations never detected (lost task, or saved with an in-caller backend); return how many."""
    ids = list(Translation.objects.filter(detected_language_confidence__isnull=True).order_by("pk").values_list("pk", flat=True)[:limit])
    for translation_id in ids:
        detect_translation_language(translation_id)
    return len(ids)
