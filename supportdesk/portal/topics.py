"""New-ticket topics: what a customer picks on the form, which group it goes to, which fields it asks.

Reads for the form and the API (`active_topics`, `topic_fields`), and the admin writes (`create_topic`,
`update_topic`, `deactivate_topic`, `delete_topic`). Topic names are per language (settings.LANGUAGES);
fields are keys of active tickets.CustomFieldDefinition rows, asked in the order given; required
fields are a subset of them. Nothing references a topic row (tickets keep the group and the field
values, not the topic), so deleting one loses nothing but the choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed, reject_unknown_fields
from supportdesk.portal.models import Topic
from supportdesk.tickets.custom_fields import active_definitions
from supportdesk.tickets.models import CustomFieldDefinition

MAX_NAME = 120
MAX_FIELDS = 30
MAX_POSITION = 1_000_000
EDITABLE = frozenset({"names", "group_id", "fields", "required_fields", "position", "is_active"})


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def require_admin(actor: User) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionDenied(_("Only admins may change new-ticket topics."))


# -- reads ---------------------------------------------------------------------------------------


def active_topics() -> list[Topic]:
    """The topics the form offers, in their order (one query)."""
    return list(Topic.objects.filter(is_active=True).order_by("position", "id"))


def active_topic(topic_id: object) -> Topic | None:
    """An active topic by id (any shape of input), or None."""
    if isinstance(topic_id, str):
        topic_id = int(topic_id) if topic_id.isdigit() and len(topic_id) < 19 else None
    if not isinstance(topic_id, int) or isinstance(topic_id, bool):
        return None
    return Topic.objects.filter(pk=topic_id, is_active=True).first()


@dataclass(frozen=True)
class TopicField:
    """One custom field the form asks for a topic."""

    definition: CustomFieldDefinition
    required: bool

    @property
    def key(self) -> str:
        return self.definition.key


def topic_fields(topic: Topic | None, definitions: Mapping[str, CustomFieldDefinition] | None = None) -> list[TopicField]:
    """The topic's fields that are still active definitions, in the topic's order."""
    if topic is None:
        return []
    definitions = active_definitions() if definitions is None else definitions
    required = set(topic.required_fields or [])
    return [TopicField(definitions[key], key in required) for key in dict.fromkeys(topic.fields or []) if key in definitions]


def all_topics() -> QuerySet[Topic]:
    return Topic.objects.select_related("group").order_by("position", "id")


def get_topic(actor: User, topic_id: int) -> Topic:
    """A topic for the admin pages and API; admins only."""
    require_admin(actor)
    topic = all_topics().filter(pk=topic_id).first() if isinstance(topic_id, int) else None
    if topic is None:
        raise NotFound(_("Topic not found."))
    return topic


# -- writes --------------------------------------------------------------------------------------


def _clean_names(value: Any, errors: dict[str, str]) -> dict[str, str]:
    if not isinstance(value, Mapping):
        errors["names"] = _("Give the names as language code -> name.")
        return {}
    codes = language_codes()
    names: dict[str, str] = {}
    for code, name in value.items():
        if code not in codes:
            errors[f"names.{str(code)[:20]}"] = _("Unknown language. Use one of: %(codes)s.") % {"codes": ", ".join(codes)}
            continue
        if not isinstance(name, str):
            errors[f"names.{code}"] = _("Give a text.")
            continue
        text = " ".join("".join(ch if ch.isprintable() else " " for ch in name).split())
        if len(text) > MAX_NAME:
            errors[f"names.{code}"] = _("At most %(count)d characters.") % {"count": MAX_NAME}
        elif text:
            names[code] = text
    if not names and "names" not in errors and not any(key.startswith("names.") for key in errors):
        errors["names"] = _("Give the topic a name in at least one language.")
    return {code: names[code] for code in codes if code in names}


def _clean_keys(value: Any, field: str, errors: dict[str, str], definitions: Mapping[str, CustomFieldDefinition]) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(key, str) for key in value):
        errors[field] = _("Give a list of custom field keys.")
        return []
    keys = list(dict.fromkeys(value))
    if len(keys) > MAX_FIELDS:
        errors[field] = _("At most %(count)d fields.") % {"count": MAX_FIELDS}
        return []
    unknown = [key for key in keys if key not in definitions]
    if unknown:
        errors[field] = _("Unknown or inactive custom field: %(key)s.") % {"key": unknown[0][:64]}
    return keys


def _clean(values: Mapping[str, Any], topic: Topic | None) -> dict[str, Any]:
    reject_unknown_fields(values, EDITABLE)
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    if "names" in values or topic is None:
        clean["names"] = _clean_names(values.get("names"), errors)
    if "group_id" in values or topic is None:
        group_id = values.get("group_id")
        group = (
            Group.objects.filter(pk=group_id, is_active=True).first()
            if isinstance(group_id, int) and not isinstance(group_id, bool)
            else None
        )
        if group is None:
            errors["group_id"] = _("Choose an active group.")
        clean["group"] = group
    definitions = active_definitions()
    if "fields" in values:
        clean["fields"] = _clean_keys(values["fields"], "fields", errors, definitions)
    if "required_fields" in values:
        clean["required_fields"] = _clean_keys(values["required_fields"], "required_fields", errors, definitions)
    fields = clean.get("fields", topic.fields if topic is not None else [])
    required = clean.get("required_fields", topic.required_fields if topic is not None else [])
    if "fields" in clean and "required_fields" not in clean:
        clean["required_fields"] = required = [key for key in required if key in fields]  # a field no longer asked is not required
    if any(key not in fields for key in required) and "required_fields" not in errors:
        errors["required_fields"] = _("A required field must also be one of the topic's fields.")
    if "position" in values:
        position = values["position"]
        if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position <= MAX_POSITION:
            errors["position"] = _("Use a number from 0 to %(max)d.") % {"max": MAX_POSITION}
        clean["position"] = position
    if "is_active" in values:
        if not isinstance(values["is_active"], bool):
            errors["is_active"] = _("Use true or false.")
        clean["is_active"] = values["is_active"]
    if errors:
        raise ValidationFailed(_("Please correct the topic."), field_errors=errors)
    return clean


def create_topic(actor: User, values: Mapping[str, Any]) -> Topic:
    """Create a topic from validated values (names and group_id required); admins only."""
    require_admin(actor)
    clean = _clean(values, None)
    topic = Topic(**clean)
    topic.save()
    return topic


def update_topic(actor: User, topic: Topic, changes: Mapping[str, Any]) -> list[str]:
    """Apply validated changes; return the names of what changed. Admins only."""
    require_admin(actor)
    clean = _clean(changes, topic)
    changed = []
    with transaction.atomic():
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        for name, value in clean.items():
            attribute = "group_id" if name == "group" else name
            new = value.pk if name == "group" else value
            if getattr(locked, attribute) != new:
                setattr(locked, attribute, new)
                changed.append(attribute)
        if changed:
            locked.save(update_fields=changed)
    for name in changed:
        setattr(topic, name, getattr(locked, name))
    if "group_id" in changed:
        topic.group = clean["group"]
    return changed


def deactivate_topic(actor: User, topic: Topic) -> bool:
    """Take a topic off the form (kept for later); True when it was active."""
    return bool(update_topic(actor, topic, {"is_active": False}))


def delete_topic(actor: User, topic: Topic) -> None:
    require_admin(actor)
    Topic.objects.filter(pk=topic.pk).delete()
