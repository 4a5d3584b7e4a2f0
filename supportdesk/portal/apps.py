from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "supportdesk.portal"
    label = "portal"
    verbose_name = "Customer portal"

    def ready(self) -> None:
        """Expired sign-in links are worthless after a week; the worker's sweep loop deletes them."""
        from supportdesk.core.sweeps import register_sweep
        from supportdesk.portal.auth_links import purge_old_links

        register_sweep("portal.sign_in_links", 3600, lambda: purge_old_links())
