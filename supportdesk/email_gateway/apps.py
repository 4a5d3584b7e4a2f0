from django.apps import AppConfig


class EmailGatewayConfig(AppConfig):
    name = "supportdesk.email_gateway"
    label = "email_gateway"

    def ready(self) -> None:
        """Register the e-mail sweeps the worker runs."""
        from supportdesk.core.sweeps import register_sweep
        from supportdesk.email_gateway.polling import SWEEP_SECONDS, schedule_polls

        register_sweep("email_gateway.imap_polls", SWEEP_SECONDS, schedule_polls)

        from supportdesk.email_gateway.sweeps import requeue_stale_pending

        register_sweep("email_gateway.requeue_stale_pending", 60, requeue_stale_pending)

        # Outbound: public agent replies go out as mail once their article is committed.
        from supportdesk.core.events import subscribe
        from supportdesk.email_gateway.outbound import on_article_added

        subscribe("article.added", on_article_added)
