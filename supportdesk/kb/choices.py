"""Choices of the knowledge base."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CategoryKind(models.TextChoices):
    """How a category presents its articles: as articles, or as an FAQ of questions and answers."""

    ARTICLES = "articles", _("Articles")
    FAQ = "faq", _("FAQ")


class Visibility(models.TextChoices):
    """Public articles are on the help centre; internal ones only agents see (composer, KB pages)."""

    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")


class ArticleState(models.TextChoices):
    """Editorial state of one translation. Only published public translations reach customers."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")
