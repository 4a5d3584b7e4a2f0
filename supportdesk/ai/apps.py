from django.apps import AppConfig


class AiConfig(AppConfig):
    name = "supportdesk.ai"
    label = "ai"
    verbose_name = "Local AI"

    def ready(self) -> None:
        """Triage new tickets in the worker, note agents' corrections of applied predictions, detect the
        language of knowledge base texts, and run the AI's worker sweeps (retraining, catch-up)."""
        from supportdesk.ai import kb_language, sweeps
        from supportdesk.ai.tasks import on_ticket_updated, on_tickets_created
        from supportdesk.core import events

        sweeps.register()

        events.subscribe_batch("ticket.created", on_tickets_created)
        events.subscribe("ticket.updated", on_ticket_updated)
        events.subscribe("kb.translation_text_changed", kb_language.on_text_changed)
