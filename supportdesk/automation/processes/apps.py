from django.apps import AppConfig


class ProcessesConfig(AppConfig):
    name = "supportdesk.automation.processes"
    label = "processes"

    def ready(self) -> None:
        from supportdesk.automation.processes.automation import START_PROCESS
        from supportdesk.automation.registry import register_action

        register_action(START_PROCESS)
