"""URL patterns of the LLM drafting and summaries (mounted at / through ai/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
