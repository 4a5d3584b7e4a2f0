from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "supportdesk.search"
    label = "search"
