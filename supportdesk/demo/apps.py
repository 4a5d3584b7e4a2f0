from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Holds only the load_demo command and its data; no models."""

    name = "supportdesk.demo"
    label = "demo"
    verbose_name = _("Demo data")
