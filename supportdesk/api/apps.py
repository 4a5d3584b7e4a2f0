from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "supportdesk.api"
    label = "api"

    def ready(self) -> None:
        """Register the API's sweeps with the worker (expiry of idempotency records)."""
        from supportdesk.api.sweeps import expire_idempotency_records
        from supportdesk.core.sweeps import register_sweep

        register_sweep("api.expire_idempotency_records", 3600, expire_idempotency_records)
