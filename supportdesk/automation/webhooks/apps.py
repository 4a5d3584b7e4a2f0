from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "supportdesk.automation.webhooks"
    label = "webhooks"

    def ready(self) -> None:
        """Queue deliveries after every subscribed domain event, re-enqueue overdue attempts from the
        worker's sweep loop, and offer the "webhook" action to triggers."""
        from supportdesk.automation.registry import register_action
        from supportdesk.automation.webhooks.action_kind import KIND
        from supportdesk.automation.webhooks.delivery import on_events, run_webhook_sweep
        from supportdesk.automation.webhooks.models import EVENTS
        from supportdesk.core import events
        from supportdesk.core.sweeps import register_sweep

        for name in EVENTS:
            events.subscribe_batch(name, on_events)
        register_sweep("webhooks.deliveries", 30, run_webhook_sweep)
        register_action(KIND)
