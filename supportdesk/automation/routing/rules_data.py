"""Routing rule filters as validated data (no code in the database).

A rule's `filters` is a list of objects, applied in order; an agent is removed by the first one that
refuses them:
- {"filter": "skill", "kind": "product", "source": "custom_field:product", "min_level": 2}
  the agent has a skill of that kind whose value is the ticket's required value, at that level or
  higher. `source` says where the required value comes from: "ticket.language",
  "custom_field:<key>", or "value" with a fixed "value". A ticket with no value there requires
  nothing, so the filter lets everyone through.
- {"filter": "language", "min_level": 1}: shorthand for a language skill matching ticket.language.
- {"filter": "region", "source": "custom_field:region"}: shorthand for a region skill.
- {"filter": "on_shift"}, {"filter": "not_absent"}, {"filter": "online"}, {"filter": "under_capacity"}.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from supportdesk.automation.routing.choices import FilterName, SkillKind
from supportdesk.core.errors import ValidationFailed

MAX_FILTERS = 20
MAX_VALUE = 64
SOURCE_RE = re.compile(r"^(ticket\.language|value|custom_field:[a-z0-9_-]{1,64})$")
PLAIN_FILTERS = frozenset({FilterName.ON_SHIFT, FilterName.NOT_ABSENT, FilterName.ONLINE, FilterName.UNDER_CAPACITY})


def clean_value(raw: Any) -> str:
    """Skill values are compared lower-cased and trimmed."""
    return str(raw or "").strip().lower()[:MAX_VALUE]


def _level(raw: Any, path: str) -> int:
    if raw is None:
        return 1
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 5:
        raise ValidationFailed(_("Please correct the filters."), field_errors={path: _("A level from 1 to 5.")})
    return raw


def _skill_filter(raw: Mapping[str, Any], path: str, *, kind: str | None, default_source: str | None) -> dict[str, Any]:
    allowed = {"filter", "source", "value", "min_level"} | (set() if kind else {"kind"})
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ValidationFailed(_("Please correct the filters."), field_errors={f"{path}.{unknown[0]}": _("Unknown field.")})
    kind = kind or raw.get("kind")
    if kind not in SkillKind.values:
        raise ValidationFailed(_("Please correct the filters."), field_errors={f"{path}.kind": _("Unknown skill kind.")})
    source = raw.get("source", default_source)
    if not isinstance(source, str) or not SOURCE_RE.match(source):
        raise ValidationFailed(
            _("Please correct the filters."),
            field_errors={f"{path}.source": _('Use "ticket.language", "custom_field:<key>" or "value".')},
        )
    cleaned: dict[str, Any] = {"filter": raw["filter"], "source": source, "min_level": _level(raw.get("min_level"), f"{path}.min_level")}
    if raw["filter"] == FilterName.SKILL:
        cleaned["kind"] = kind
    if source == "value":
        value = clean_value(raw.get("value"))
        if not value:
            raise ValidationFailed(_("Please correct the filters."), field_errors={f"{path}.value": _("A value is required.")})
        cleaned["value"] = value
    return cleaned


def clean_filter(raw: Any, path: str) -> dict[str, Any]:
    if not isinstance(raw, Mapping) or raw.get("filter") not in FilterName.values:
        names = ", ".join(FilterName.values)
        raise ValidationFailed(
            _("Please correct the filters."), field_errors={path: _("Unknown filter; use one of: %(names)s.") % {"names": names}}
        )
    name = raw["filter"]
    if name in PLAIN_FILTERS:
        if set(raw) != {"filter"}:
            raise ValidationFailed(_("Please correct the filters."), field_errors={path: _("This filter takes no parameters.")})
        return {"filter": name}
    if name == FilterName.LANGUAGE:
        return _skill_filter({**raw, "source": "ticket.language"}, path, kind=SkillKind.LANGUAGE, default_source="ticket.language")
    if name == FilterName.REGION:
        return _skill_filter(raw, path, kind=SkillKind.REGION, default_source=None)
    return _skill_filter(raw, path, kind=None, default_source=None)


def clean_filters(raw: Any) -> list[dict[str, Any]]:
    """Validate a rule's filters; raise ValidationFailed naming the bad entry (e.g. "filters[2].source")."""
    if not isinstance(raw, list):
        raise ValidationFailed(_("Please correct the filters."), field_errors={"filters": _("A list of filters.")})
    if len(raw) > MAX_FILTERS:
        raise ValidationFailed(_("Please correct the filters."), field_errors={"filters": _("At most %(n)d filters.") % {"n": MAX_FILTERS}})
    return [clean_filter(item, f"filters[{index}]") for index, item in enumerate(raw)]


def skill_kind(spec: Mapping[str, Any]) -> str:
    """The skill kind a skill-like filter matches."""
    if spec["filter"] == FilterName.LANGUAGE:
        return SkillKind.LANGUAGE
    if spec["filter"] == FilterName.REGION:
        return SkillKind.REGION
    return str(spec["kind"])


def required_value(spec: Mapping[str, Any], *, language: str, custom_fields: Mapping[str, Any]) -> str:
    """The value a ticket requires for a skill-like filter ("" requires nothing)."""
    source = spec["source"]
    if source == "value":
        return str(spec["value"])
    if source == "ticket.language":
        return clean_value(language)
    raw = custom_fields.get(source.removeprefix("custom_field:"))
    if isinstance(raw, list):  # a multi-select: its first value
        raw = raw[0] if raw else ""
    return clean_value(raw)
