"""The actions triggers, schedulers and macros can take, registered by the apps that implement them.

An action is validated data, e.g. {"action": "add_tag", "value": "vip"}. Each kind is registered
once at start-up (AppConfig.ready) with a `validate` function, which returns the cleaned
parameters or raises ValidationFailed naming the bad field, and a `run` function, which performs it
on one ticket inside the caller's transaction. `rules` registers the ticket basics (set a field,
assign, tags, notes); other apps add theirs: `routing` ("route": assign by the group's routing
rules), `replies` ("send_mail": a templated mail), `webhooks` ("webhook"), `processes`
("start_process"). Rules store actions as data and look them up here when they run, so an app
that is not installed simply offers fewer actions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from supportdesk.core.errors import ValidationFailed

if TYPE_CHECKING:
    from supportdesk.accounts.models import User
    from supportdesk.tickets.models import Article, Ticket


@dataclass
class ActionContext:
    """What an action runs on and for whom.

    `actor` is the agent applying a macro, or None for triggers and schedulers (the system: their
    changes are recorded with no actor and the rule's `source` in the event data). `source` names
    the rule, e.g. "trigger:7", "scheduler:2", "macro:3"; actions record it in the history.
    `article` is the message that fired a trigger, if any. `dry_run` actions must change nothing.
    """

    ticket: Ticket
    actor: User | None
    source: str
    article: Article | None = None
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)  # what each action did, for logs and dry runs


@dataclass(frozen=True)
class ActionKind:
    name: str
    label: str  # translatable, shown in the admin pages
    validate: Callable[[Mapping[str, Any]], dict[str, Any]]
    run: Callable[[ActionContext, Mapping[str, Any]], None]
    for_macros: bool = True  # some actions (start a process, call a webhook) may be trigger-only


_kinds: dict[str, ActionKind] = {}


def register_action(kind: ActionKind) -> None:
    """Register (or replace under the same name) an action kind. Call from AppConfig.ready()."""
    _kinds[kind.name] = kind


def action_kinds() -> list[ActionKind]:
    return [_kinds[name] for name in sorted(_kinds)]


def action_kind(name: str) -> ActionKind | None:
    return _kinds.get(name)


def clean_action(raw: Any, path: str = "actions") -> dict[str, Any]:
    """Validate one action; the result always has "action" plus the kind's cleaned parameters."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("action"), str):
        raise ValidationFailed(_("Invalid action."), field_errors={path: _('An action is an object with an "action" name.')})
    kind = _kinds.get(raw["action"])
    if kind is None:
        names = ", ".join(sorted(_kinds))
        raise ValidationFailed(_("Unknown action."), field_errors={path: _("Unknown action; use one of: %(names)s.") % {"names": names}})
    params = {key: value for key, value in raw.items() if key != "action"}
    try:
        cleaned = kind.validate(params)
    except ValidationFailed as exc:
        errors = {f"{path}.{key}" if key else path: message for key, message in (exc.field_errors or {}).items()}
        raise ValidationFailed(exc.message, field_errors=errors or {path: exc.message}) from exc
    return {"action": kind.name, **cleaned}


def run_action(context: ActionContext, action: Mapping[str, Any]) -> None:
    """Run a stored (already cleaned) action; an action whose app is gone is skipped and noted."""
    kind = _kinds.get(str(action.get("action")))
    if kind is None:
        context.notes.append(f"skipped unknown action {action.get('action')!r}")
        return
    kind.run(context, {key: value for key, value in action.items() if key != "action"})
