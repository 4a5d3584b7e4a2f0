"""URL patterns of the suggestions panel (mounted at / through ai/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
