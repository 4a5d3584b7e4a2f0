"""The REST API instance (django-ninja); routers per domain are added in api/routers/."""

from ninja import NinjaAPI

api = NinjaAPI(title="Supportdesk API", version="1.0.0", urls_namespace="api")
