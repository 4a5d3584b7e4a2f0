from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "supportdesk.realtime"
    label = "realtime"

    def ready(self) -> None:
        """Wire the websocket fan-out to ticket events and register the presence clean-up sweep."""
        from supportdesk.core.events import subscribe
        from supportdesk.core.sweeps import register_sweep
        from supportdesk.realtime.fanout import ticket_changed
        from supportdesk.realtime.presence import purge_stale_presence

        subscribe("ticket.changed", ticket_changed)
        register_sweep("realtime.purge_stale_presence", 300, purge_stale_presence)
