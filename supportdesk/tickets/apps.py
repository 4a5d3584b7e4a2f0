from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "supportdesk.tickets"
    label = "tickets"
