from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "supportdesk.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        """Queue tickets whose facts changed (after commit) and refresh the facts in the worker."""
        from supportdesk.reports import refresh

        refresh.register()
