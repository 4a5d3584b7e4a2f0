"""A template's steps are validated as a whole: keys, dependencies, cycles (named), groups."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.automation.processes import definitions
from supportdesk.automation.processes.models import ProcessStep, ProcessTemplate
from supportdesk.automation.processes.tests.conftest import step
from supportdesk.automation.processes.validation import StepSpec, check_steps, find_cycle
from supportdesk.core.errors import PermissionDenied, ValidationFailed

G = 1


def s(key: str, *deps: str) -> StepSpec:
    return StepSpec(key=key, name=key, group_id=G, depends_on=deps)


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": []}, None),
        ({"a": ["b"], "b": []}, None),
        ({"a": ["a"]}, ["a", "a"]),
        ({"a": ["b"], "b": ["a"]}, ["a", "b", "a"]),
        ({"a": [], "b": ["c"], "c": ["d"], "d": ["b"]}, ["b", "c", "d", "b"]),
        ({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []}, None),  # a diamond is no cycle
    ],
)
def test_find_cycle(graph: dict[str, list[str]], cycle: list[str] | None) -> None:
    assert find_cycle(graph) == cycle


def test_a_cycle_is_refused_and_named() -> None:
    with pytest.raises(ValidationFailed) as exc:
        check_steps([s("a"), s("b", "a", "d"), s("c", "b"), s("d", "c")])
    assert exc.value.message == "The steps depend on each other in a circle: b -> d -> c -> b."
    assert exc.value.field_errors == {"steps[1].depends_on": "Circular dependency: b -> d -> c -> b."}


def test_unknown_and_self_dependencies_and_duplicate_keys() -> None:
    with pytest.raises(ValidationFailed) as exc:
        check_steps([s("a", "zzz"), s("b", "b"), s("a"), StepSpec(key="Bad Key", name="", group_id=G)])
    assert exc.value.field_errors == {
        "steps[0].depends_on": "Unknown step zzz.",
        "steps[1].depends_on": "A step cannot depend on itself.",
        "steps[2].key": "The key a is used twice.",
        "steps[3].key": "Use lower-case letters, digits, - and _ (at most 64).",
        "steps[3].name": "One line of 1 to 64 characters.",
    }


def test_at_least_one_step() -> None:
    with pytest.raises(ValidationFailed) as exc:
        check_steps([])
    assert exc.value.field_errors == {"steps": "Add at least one step."}


def test_steps_are_ordered_by_position_and_duplicated_dependencies_collapse() -> None:
    steps = check_steps(
        [StepSpec(key="b", name="B", group_id=G, position=2, depends_on=("a", "a")), StepSpec(key="a", name="A", group_id=G, position=1)]
    )
    assert [(x.key, x.depends_on) for x in steps] == [("a", ()), ("b", ("a",))]


def test_create_and_replace_steps(admin: User, group: Group, make_template: Callable[..., ProcessTemplate]) -> None:
    template = make_template("Onboarding", [step("one", group), step("two", group, "one")], description="New staff")
    assert list(ProcessStep.objects.filter(template=template).values_list("key", "depends_on", "position")) == [
        ("one", [], 0),
        ("two", ["one"], 1),
    ]
    assert definitions.update_template(admin, template, {"steps": [step("two", group), step("three", group, "two")]}) is True
    assert list(ProcessStep.objects.filter(template=template).values_list("key", "depends_on")) == [("two", []), ("three", ["two"])]
    assert definitions.update_template(admin, template, {"steps": [step("two", group), step("three", group, "two")]}) is False


def test_inactive_or_unknown_group_and_duplicate_name(admin: User, group: Group, make_template: Callable[..., ProcessTemplate]) -> None:
    make_template("Onboarding", [step("one", group)])
    dead = Group.objects.create(name="Gone", is_active=False)
    with pytest.raises(ValidationFailed) as exc:
        definitions.create_template(admin, {"name": "onboarding", "steps": [step("one", group)]})
    assert exc.value.field_errors == {"name": "Another process template has this name."}
    with pytest.raises(ValidationFailed) as exc:
        definitions.create_template(admin, {"name": "Other", "steps": [step("one", group), step("two", dead)]})
    assert exc.value.field_errors == {"steps[1].group": "Choose an active group."}


def test_only_admins_change_templates_and_unknown_fields_are_refused(admin: User, agent: User, group: Group) -> None:
    with pytest.raises(PermissionDenied):
        definitions.create_template(agent, {"name": "X", "steps": [step("one", group)]})
    with pytest.raises(ValidationFailed) as exc:
        definitions.create_template(admin, {"name": "X", "steps": [step("one", group)], "created_at": "2020-01-01"})
    assert exc.value.field_errors == {"created_at": "Unknown field."}
