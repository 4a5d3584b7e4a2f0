"""The routing app's configuration: subscribers, the sweep and the "route" action are wired here."""

from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "supportdesk.automation.routing"
    label = "routing"

    def ready(self) -> None:
        """Route new tickets and drain backlogs on ticket events, run the "routing.drain" sweep,
        and offer the "route" action to triggers, schedulers and macros."""
        from supportdesk.automation.registry import register_action
        from supportdesk.automation.routing import conf
        from supportdesk.automation.routing.action_kind import ROUTE
        from supportdesk.automation.routing.backlog import run_routing_sweep
        from supportdesk.automation.routing.subscribers import on_ticket_updated, on_tickets_created
        from supportdesk.core import events
        from supportdesk.core.sweeps import register_sweep

        events.subscribe_batch("ticket.created", on_tickets_created)
        events.subscribe("ticket.updated", on_ticket_updated)
        register_sweep("routing.drain", conf.sweep_seconds(), run_routing_sweep)
        register_action(ROUTE)
