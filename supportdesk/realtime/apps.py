from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "supportdesk.realtime"
    label = "realtime"
