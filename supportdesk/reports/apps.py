from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "supportdesk.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        """Queue tickets whose facts changed (after commit), refresh the facts in the worker, and
        send the weekly report mails from the worker."""
        from supportdesk.reports import mailing, refresh

        refresh.register()
        mailing.register_mail_sweep()
