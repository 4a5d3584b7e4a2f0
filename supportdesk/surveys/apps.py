from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "supportdesk.surveys"
    label = "surveys"
    verbose_name = "Surveys"

    def ready(self) -> None:
        """Plan and cancel invitations on ticket events (surveys.scheduling), and send the due ones
        from the worker's sweep loop (surveys.sweeps)."""
        from supportdesk.core import events
        from supportdesk.core.sweeps import register_sweep
        from supportdesk.surveys.scheduling import on_articles_added, on_tickets_updated
        from supportdesk.surveys.sweeps import SWEEP_SECONDS, run_survey_sweep

        events.subscribe_batch("ticket.updated", on_tickets_updated)
        events.subscribe_batch("article.added", on_articles_added)
        register_sweep("surveys.send", SWEEP_SECONDS, run_survey_sweep)
