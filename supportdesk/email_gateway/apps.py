from django.apps import AppConfig


class EmailGatewayConfig(AppConfig):
    name = "supportdesk.email_gateway"
    label = "email_gateway"
