"""Websocket routes; mounted in supportdesk/asgi.py behind the origin check and session auth."""

from django.urls import path

from supportdesk.realtime.consumers import LiveConsumer

websocket_urlpatterns = [
    path("ws/live/", LiveConsumer.as_asgi()),
]
