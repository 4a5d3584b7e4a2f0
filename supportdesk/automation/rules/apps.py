from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "supportdesk.automation.rules"
    label = "rules"

    def ready(self) -> None:
        """Register the basic action kinds, run triggers on ticket events (after commit), and run
        due schedulers from the worker's sweep loop."""
        from supportdesk.automation.rules.actions import register_basic_actions
        from supportdesk.automation.rules.engine import on_domain_events
        from supportdesk.automation.rules.schedulers import run_due_schedulers
        from supportdesk.core.events import subscribe_batch
        from supportdesk.core.sweeps import register_sweep

        register_basic_actions()
        for name in ("ticket.created", "ticket.updated", "article.added", "sla.warning"):
            subscribe_batch(name, on_domain_events)
        register_sweep("rules.schedulers", 60, run_due_schedulers)
