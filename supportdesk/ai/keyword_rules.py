"""Keyword rules: the admin-editable cold start of the classifier, and their matching.

A rule says "when the ticket mentions any of these words or phrases (in this language, or in any),
predict this value of this field with this confidence". Matching is on normalised words (NFKC, lower
case, digits folded; supportdesk.ai.features.normalise), a phrase matching whole consecutive words,
so "vpn" matches "VPN-Zugang" but not "vpnx". Admins change rules; staff may read them; customers
see none (404). Rules are not ticket data, so changes write no TicketEvent; applied predictions do
(supportdesk.ai.triage records the source "rules").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from supportdesk.accounts.models import Group, User
from supportdesk.ai.choices import Target
from supportdesk.ai.features import words
from supportdesk.ai.models import KeywordRule
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed, reject_unknown_fields
from supportdesk.tickets.actions import normalize_tag
from supportdesk.tickets.choices import Priority

EDITABLE_FIELDS = ("target", "value", "keywords", "language", "weight", "is_active", "position")
MAX_KEYWORDS = 100
MAX_KEYWORD = 100
MAX_VALUE = 120
MAX_POSITION = 1_000_000
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,4})?$")


def require_admin(actor: User) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionDenied(_("Only admins may change keyword rules."))


def visible_rules(actor: User) -> QuerySet[KeywordRule]:
    """Every rule, for active helpdesk staff; for anyone else rules do not exist (404)."""
    if not (actor.is_active and actor.is_helpdesk_staff):
        raise NotFound()
    return KeywordRule.objects.all()


def get_rule(actor: User, rule_id: int) -> KeywordRule:
    rule = visible_rules(actor).filter(pk=rule_id).first()
    if rule is None:
        raise NotFound()
    return rule


# --- validation ---------------------------------------------------------------------------------------


def _clean_keywords(value: Any, errors: dict[str, str]) -> list[str]:
    if isinstance(value, str):
        value = [line for part in value.splitlines() for line in part.split(",")]
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        errors["keywords"] = _("Give a list of words or phrases.")
        return []
    cleaned: list[str] = []
    for keyword in value:
        if len(keyword) > MAX_KEYWORD:
            errors["keywords"] = _("A keyword may have at most %(count)d characters.") % {"count": MAX_KEYWORD}
            return []
        phrase = " ".join(words(keyword))
        if phrase and phrase not in cleaned:
            cleaned.append(phrase)
    if not cleaned:
        errors["keywords"] = _("Give at least one word or phrase.")
    elif len(cleaned) > MAX_KEYWORDS:
        errors["keywords"] = _("At most %(count)d keywords.") % {"count": MAX_KEYWORDS}
    return cleaned


def _clean_value(target: str, value: Any, errors: dict[str, str]) -> str:
    text = (
        " ".join(value.split()) if isinstance(value, str) else str(value) if isinstance(value, int) and not isinstance(value, bool) else ""
    )
    if not text:
        errors["value"] = _("Required.")
    elif len(text) > MAX_VALUE:
        errors["value"] = _("At most %(count)d characters.") % {"count": MAX_VALUE}
    elif target == Target.GROUP:
        if not text.isdigit() or len(text) > 18 or not Group.objects.filter(pk=int(text), is_active=True).exists():
            errors["value"] = _("Give the id of an active group.")
    elif target == Target.PRIORITY:
        if text not in Priority.values:
            errors["value"] = _("Give one of: %(values)s.") % {"values": ", ".join(Priority.values)}
    elif target == Target.TAGS:
        text = normalize_tag(text)
        if not text:
            errors["value"] = _("Give a tag.")
    return text


def clean_rule(data: Mapping[str, Any], *, current: KeywordRule | None = None) -> dict[str, Any]:
    """Validate a complete rule (current values filled in for a partial change); raise ValidationFailed."""
    reject_unknown_fields(data, EDITABLE_FIELDS)
    merged: dict[str, Any] = {name: getattr(current, name) for name in EDITABLE_FIELDS} if current else {}
    merged.update(data)
    errors: dict[str, str] = {}
    target = merged.get("target")
    if target not in Target.values:
        errors["target"] = _("Give one of: %(values)s.") % {"values": ", ".join(Target.values)}
    value = _clean_value(str(target), merged.get("value"), errors)
    keywords = _clean_keywords(merged.get("keywords"), errors)
    language = merged.get("language") or ""
    if not isinstance(language, str) or (language and not _LANGUAGE.match(language.lower())):
        errors["language"] = _("Give a language code such as en or de, or leave it empty for every language.")
    weight = merged.get("weight", 0.6)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0.0 <= float(weight) <= 1.0:
        errors["weight"] = _("Give a confidence between 0 and 1.")
    position = merged.get("position", 0)
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= MAX_POSITION:
        errors["position"] = _("Give a whole number from 0 to %(max)d.") % {"max": MAX_POSITION}
    is_active = merged.get("is_active", True)
    if not isinstance(is_active, bool):
        errors["is_active"] = _("Give true or false.")
    if errors:
        raise ValidationFailed(_("Check the highlighted fields."), field_errors=errors)
    return {
        "target": target,
        "value": value,
        "keywords": keywords,
        "language": language.lower() if isinstance(language, str) else "",
        "weight": float(weight),
        "is_active": is_active,
        "position": position,
    }


# --- actions --------------------------------------------------------------------------------------------


def _rules_changed() -> None:
    from supportdesk.ai import classifier

    # This process sees the change at once (and again after commit, in case another thread re-read
    # the old rules in between); other processes within the classifier's refresh interval.
    classifier.forget_rules()
    transaction.on_commit(classifier.forget_rules)


def create_rule(actor: User, data: Mapping[str, Any]) -> KeywordRule:
    require_admin(actor)
    values = clean_rule(data)
    with transaction.atomic():
        rule = KeywordRule.objects.create(**values)
        _rules_changed()
    return rule


def update_rule(actor: User, rule: KeywordRule, changes: Mapping[str, Any]) -> list[str]:
    """Apply a (partial) change; return the names of the fields that changed."""
    require_admin(actor)
    values = clean_rule(changes, current=rule)
    changed = [name for name, value in values.items() if getattr(rule, name) != value]
    if changed:
        with transaction.atomic():
            for name in changed:
                setattr(rule, name, values[name])
            rule.save(update_fields=changed)
            _rules_changed()
    return changed


def delete_rule(actor: User, rule: KeywordRule) -> None:
    require_admin(actor)
    with transaction.atomic():
        rule.delete()
        _rules_changed()


# --- matching (pure) ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledRule:
    target: str
    value: str
    phrases: tuple[str, ...]
    language: str
    weight: float


def compile_rules(rules: Iterable[KeywordRule]) -> list[CompiledRule]:
    return [
        CompiledRule(
            r.target, r.value, tuple(" ".join(words(k)) for k in r.keywords if isinstance(k, str) and words(k)), r.language, r.weight
        )
        for r in rules
        if r.is_active
    ]


def match(rules: Iterable[CompiledRule], target: str, text: str, language: str) -> list[tuple[str, float]]:
    """(value, confidence) of the rules of `target` that match `text`, best first, one entry per value."""
    padded = " " + " ".join(words(text)) + " "
    best: dict[str, float] = {}
    for rule in rules:
        if rule.target != target or (rule.language and language and rule.language != language.lower()):
            continue
        if any(f" {phrase} " in padded for phrase in rule.phrases):
            best[rule.value] = max(best.get(rule.value, 0.0), rule.weight)
    return sorted(best.items(), key=lambda item: (-item[1], item[0]))
