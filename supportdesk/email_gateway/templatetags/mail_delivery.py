"""{% load mail_delivery %}: the outbound delivery state of the articles on a timeline page.

`{% prefetch_mail_state timeline %}` loads the mail rows (ArticleEmail) of every article on the
page in one query, so `article.email` in the loop costs nothing and the page's query count does not
grow with the number of articles shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.db.models import prefetch_related_objects

register = template.Library()


@register.simple_tag
def prefetch_mail_state(timeline: Iterable[Any]) -> str:
    """Attach each article's ArticleEmail (or its absence) to the article objects; renders nothing."""
    articles = [entry.article for entry in timeline or () if getattr(entry, "article", None) is not None]
    if articles:
        prefetch_related_objects(articles, "email")
    return ""
