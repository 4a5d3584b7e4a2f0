"""Forms of the KB agent pages. They check shapes only (lengths, choices, numbers); every rule
beyond that is kb.actions', whose DomainErrors the views attach back to the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from supportdesk.core.errors import DomainError
from supportdesk.kb.actions import MAX_DESCRIPTION, MAX_NAME, MAX_NOTE, MAX_POSITION, MAX_RELATED, MAX_TAGS
from supportdesk.kb.choices import CategoryKind, Visibility
from supportdesk.kb.models import MAX_BODY, MAX_SLUG, MAX_TITLE, Article, Category
from supportdesk.kb.selectors import CategoryNode

MAX_TAG_FIELD = MAX_TAGS * 66
MAX_RELATED_FIELD = MAX_RELATED * 20


def category_choices(nodes: list[CategoryNode], *, exclude: set[int] | None = None) -> list[tuple[str, str]]:
    """Tree order with indentation, in the reader's language."""
    return [(str(node.category.pk), "— " * node.depth + node.label) for node in nodes if not exclude or node.category.pk not in exclude]


def language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class DomainErrorsMixin:
    """Put a DomainError's field messages on the form's fields (or on top when there is none)."""

    field_aliases: dict[str, str] = {}

    def add_domain_error(self, exc: DomainError) -> None:
        form: forms.Form = self  # type: ignore[assignment]
        if not exc.field_errors:
            form.add_error(None, exc.message)
        for path, message in exc.field_errors.items():
            head = path.split(".")[0]
            name = self.field_aliases.get(head, head)
            form.add_error(name if name in form.fields else None, message)


class EditorForm(DomainErrorsMixin, forms.Form):
    """Title and body of one translation. `base_version` is the version the editor started from."""

    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body_html = forms.CharField(label=_("Text"), max_length=MAX_BODY, required=False, widget=forms.Textarea(attrs={"rows": 18}))
    note = forms.CharField(label=_("What did you change? (optional)"), max_length=MAX_NOTE, required=False)
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NewArticleForm(DomainErrorsMixin, forms.Form):
    category = forms.ChoiceField(label=_("Category"))
    language = forms.ChoiceField(label=_("Language"))
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, help_text=_("Internal articles are only for agents, never on the help centre.")
    )
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body_html = forms.CharField(label=_("Text"), max_length=MAX_BODY, required=False, widget=forms.Textarea(attrs={"rows": 18}))
    tags = forms.CharField(label=_("Tags"), max_length=MAX_TAG_FIELD, required=False, help_text=_("Separated by commas."))
    field_aliases = {"category_id": "category"}

    def __init__(self, *args: Any, nodes: list[CategoryNode], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices(nodes)  # type: ignore[attr-defined]
        self.fields["language"].choices = language_choices()  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "category_id": int(data["category"]),
            "language": data["language"],
            "visibility": data["visibility"],
            "title": data["title"],
            "body_html": data["body_html"],
            "tags": split_list(data["tags"]),
        }


class NewTranslationForm(DomainErrorsMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body_html = forms.CharField(label=_("Text"), max_length=MAX_BODY, required=False, widget=forms.Textarea(attrs={"rows": 18}))

    def __init__(self, *args: Any, missing: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, name) for code, name in language_choices() if code in missing]  # type: ignore[attr-defined]


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=20)
    note = forms.CharField(max_length=MAX_NOTE, required=False)
    base_version = forms.IntegerField(min_value=1, required=False)


class RestoreForm(forms.Form):
    base_version = forms.IntegerField(min_value=1, required=False)


class ArticleSettingsForm(DomainErrorsMixin, forms.Form):
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    category = forms.ChoiceField(label=_("Category"))
    tags = forms.CharField(label=_("Tags"), max_length=MAX_TAG_FIELD, required=False, help_text=_("Separated by commas."))
    related = forms.CharField(
        label=_("Related articles"), max_length=MAX_RELATED_FIELD, required=False, help_text=_("Article numbers, separated by commas.")
    )
    field_aliases = {"category_id": "category", "related_ids": "related"}

    def __init__(self, *args: Any, nodes: list[CategoryNode], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices(nodes)  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(article: Article, tags: list[str], related_ids: list[int]) -> dict[str, Any]:
        return {
            "visibility": article.visibility,
            "category": str(article.category_id),
            "tags": ", ".join(tags),
            "related": ", ".join(str(pk) for pk in related_ids),
        }

    def clean_related(self) -> list[int]:
        parts = split_list(self.cleaned_data["related"])
        if any(not part.lstrip("#").isdigit() or len(part) > 18 for part in parts):
            raise forms.ValidationError(_("Use article numbers, separated by commas."))
        return [int(part.lstrip("#")) for part in parts]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "visibility": data["visibility"],
            "category_id": int(data["category"]),
            "tags": split_list(data["tags"]),
            "related_ids": data["related"],
        }


class CategoryForm(DomainErrorsMixin, forms.Form):
    """One name and description field per language (name_en, description_en, ...)."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=CategoryKind.choices, help_text=_("An FAQ shows its articles as questions and answers.")
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    parent = forms.ChoiceField(label=_("Parent category"), required=False)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=MAX_POSITION, initial=0)
    slug = forms.CharField(label=_("Slug"), max_length=MAX_SLUG, required=False, help_text=_("Empty: made from the name."))
    field_aliases = {"parent_id": "parent"}

    def __init__(self, *args: Any, nodes: list[CategoryNode], exclude: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", _("(top level)")), *category_choices(nodes, exclude=exclude)]  # type: ignore[attr-defined]
        for code, name in language_choices():
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": name}, max_length=MAX_NAME, required=False
            )
        for code, name in language_choices():
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                max_length=MAX_DESCRIPTION,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def name_fields(self) -> list[forms.BoundField]:
        return [self[f"name_{code}"] for code, _name in language_choices()]

    def description_fields(self) -> list[forms.BoundField]:
        return [self[f"description_{code}"] for code, _name in language_choices()]

    @staticmethod
    def initial_for(category: Category | None) -> dict[str, Any]:
        if category is None:
            return {"kind": CategoryKind.ARTICLES, "visibility": Visibility.PUBLIC, "position": 0}
        initial: dict[str, Any] = {
            "kind": category.kind,
            "visibility": category.visibility,
            "parent": str(category.parent_id or ""),
            "position": category.position,
            "slug": category.slug,
        }
        for code, text in (category.names or {}).items():
            initial[f"name_{code}"] = text
        for code, text in (category.descriptions or {}).items():
            initial[f"description_{code}"] = text
        return initial

    def add_domain_error(self, exc: DomainError) -> None:
        renamed = {}
        for path, message in exc.field_errors.items():
            head, _dot, code = path.partition(".")
            if head in {"names", "descriptions"} and code:
                renamed[f"{'name' if head == 'names' else 'description'}_{code}"] = message
            else:
                renamed[path] = message
        exc.field_errors = renamed
        super().add_domain_error(exc)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "names": {code: data[f"name_{code}"] for code, _name in language_choices()},
            "descriptions": {code: data[f"description_{code}"] for code, _name in language_choices()},
            "kind": data["kind"],
            "visibility": data["visibility"],
            "parent_id": int(data["parent"]) if data["parent"] else None,
            "position": data["position"],
            "slug": data["slug"],
        }


def split_list(text: str) -> list[str]:
    """Comma-separated values, trimmed, empty ones dropped."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]
