"""Checking a template's steps as a whole: pure functions, no database access.

A step list is valid when it has at least one step, every key is a unique slug, every dependency
names another step of the list, and the dependencies have no cycle (the error names it, e.g.
"a -> b -> a"), so every step of every run can eventually open.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from supportdesk.automation.processes.models import MAX_DUE_MINUTES, MAX_KEY, MAX_STEP_NAME, MAX_STEPS, MAX_TEXT
from supportdesk.core.errors import ValidationFailed

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class StepSpec:
    """One step as given by a form or the API; `group_id` is checked against the database later."""

    key: str
    name: str
    group_id: int
    instructions: str = ""
    due_minutes: int | None = None
    depends_on: tuple[str, ...] = ()
    is_approval: bool = False
    position: int = 0


def find_cycle(graph: Mapping[str, Sequence[str]]) -> list[str] | None:
    """A dependency cycle as a closed path ["a", "b", "a"], or None. Iterative, in key order."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for root in sorted(graph):
        if state.get(root):
            continue
        path: list[str] = [root]
        iterators = [iter(sorted(graph.get(root, ())))]
        state[root] = 1
        while iterators:
            nxt = next(iterators[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iterators.pop()
                continue
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if state.get(nxt) is None and nxt in graph:
                state[nxt] = 1
                path.append(nxt)
                iterators.append(iter(sorted(graph.get(nxt, ()))))
    return None


def check_steps(steps: Sequence[StepSpec]) -> list[StepSpec]:
    """Validate the steps as a whole; return them ordered by position (ties keep the given order).

    Raises ValidationFailed with field errors keyed "steps[i].field" (or "steps").
    """
    errors: dict[str, str] = {}
    if not steps:
        raise ValidationFailed(_("A process needs at least one step."), field_errors={"steps": _("Add at least one step.")})
    if len(steps) > MAX_STEPS:
        raise ValidationFailed(_("Too many steps."), field_errors={"steps": _("At most %(n)d steps.") % {"n": MAX_STEPS}})
    seen: dict[str, int] = {}
    for index, step in enumerate(steps):
        where = f"steps[{index}]"
        if not (0 < len(step.key) <= MAX_KEY) or not KEY_RE.match(step.key):
            errors[f"{where}.key"] = _("Use lower-case letters, digits, - and _ (at most %(n)d).") % {"n": MAX_KEY}
        elif step.key in seen:
            errors[f"{where}.key"] = _("The key %(key)s is used twice.") % {"key": step.key}
        else:
            seen[step.key] = index
        name = step.name.strip()
        if not name or len(name) > MAX_STEP_NAME or any(ch in name for ch in "\r\n\x00"):
            errors[f"{where}.name"] = _("One line of 1 to %(n)d characters.") % {"n": MAX_STEP_NAME}
        if len(step.instructions) > MAX_TEXT or "\x00" in step.instructions:
            errors[f"{where}.instructions"] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
        if step.due_minutes is not None and not 1 <= step.due_minutes <= MAX_DUE_MINUTES:
            errors[f"{where}.due_minutes"] = _("Between 1 and %(n)d minutes, or empty for no due time.") % {"n": MAX_DUE_MINUTES}
    for index, step in enumerate(steps):
        for dep in step.depends_on:
            if dep == step.key:
                errors[f"steps[{index}].depends_on"] = _("A step cannot depend on itself.")
            elif dep not in seen:
                errors[f"steps[{index}].depends_on"] = _("Unknown step %(key)s.") % {"key": dep}
    if errors:
        raise ValidationFailed(_("Please correct the steps."), field_errors=errors)
    cycle = find_cycle({step.key: list(step.depends_on) for step in steps})
    if cycle:
        path = " -> ".join(cycle)
        raise ValidationFailed(
            _("The steps depend on each other in a circle: %(path)s.") % {"path": path},
            field_errors={f"steps[{seen[cycle[0]]}].depends_on": _("Circular dependency: %(path)s.") % {"path": path}},
        )
    cleaned = [
        StepSpec(
            key=step.key,
            name=step.name.strip(),
            group_id=step.group_id,
            instructions=step.instructions.strip(),
            due_minutes=step.due_minutes,
            depends_on=tuple(dict.fromkeys(step.depends_on)),
            is_approval=step.is_approval,
            position=step.position,
        )
        for step in steps
    ]
    order = sorted(range(len(cleaned)), key=lambda i: (cleaned[i].position, i))
    return [cleaned[i] for i in order]
