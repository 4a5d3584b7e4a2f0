from django.apps import AppConfig


class RepliesConfig(AppConfig):
    name = "supportdesk.automation.replies"
    label = "replies"

    def ready(self) -> None:
        """Offer the "send_mail" action (a templated mail) to triggers, schedulers and macros."""
        from supportdesk.automation.registry import register_action
        from supportdesk.automation.replies.mail import KIND

        register_action(KIND)
