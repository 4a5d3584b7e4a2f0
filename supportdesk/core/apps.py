from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "supportdesk.core"
    label = "core"

    def ready(self) -> None:
        """Register core's sweep with the worker (expired rate-limit buckets)."""
        from supportdesk.core.ratelimit import purge_expired_buckets
        from supportdesk.core.sweeps import register_sweep

        register_sweep("core.purge_rate_limits", 3600, purge_expired_buckets)
