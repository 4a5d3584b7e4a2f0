from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "supportdesk.tickets"
    label = "tickets"

    def ready(self) -> None:
        """Register the ticket sweeps the worker runs (pending reminders, pending close)."""
        from django.conf import settings

        from supportdesk.core.sweeps import register_sweep
        from supportdesk.tickets.sweeps import close_pending_tickets, notify_pending_reminders

        every = settings.SUPPORTDESK_SWEEP_INTERVAL_SECONDS
        register_sweep("tickets.pending_reminders", every, notify_pending_reminders)
        register_sweep("tickets.pending_close", every, close_pending_tickets)
