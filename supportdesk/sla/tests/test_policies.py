"""SLA policy actions: the admin gate, every validation path (database checks and SSRF refusals
included), uniqueness, ordering, and the recompute queued after changes that move due times."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportdesk.accounts.models import Group, Organization, User
from supportdesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from supportdesk.sla import actions as calendar_actions
from supportdesk.sla import policies
from supportdesk.sla.models import SlaPolicy
from supportdesk.testing.factories import AgentFactory, CustomerFactory

pytestmark = pytest.mark.django_db

TARGETS = {"*": {"first_response": 240}}
PUBLIC = "93.184.216.34"


@pytest.fixture(autouse=True)
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Stand-in DNS: host -> addresses; unknown hosts do not resolve."""
    table = {"hooks.example.com": [PUBLIC], "intranet.example.com": ["10.1.2.3"], "mixed.example.com": [PUBLIC, "127.0.0.1"]}

    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("no such host")
        return table[host]

    monkeypatch.setattr(policies, "resolve_host", resolve)
    return table


@pytest.fixture
def recomputes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr("supportdesk.sla.recompute.schedule_recompute", calls.append)
    return calls


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    return lambda: django_capture_on_commit_callbacks(execute=True)


def create(admin: User, **values: Any) -> SlaPolicy:
    return policies.create_policy(admin, {"name": "Standard", "targets": TARGETS, **values})


def errors_of(admin: User, **values: Any) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as raised:
        create(admin, **values)
    return raised.value.field_errors


def test_create_stores_canonical_rules_and_places_the_policy_last(admin: User, group: Group, agent: User) -> None:
    first = create(admin, name="First")
    policy = create(
        admin,
        name="  Gold   customers ",
        manager_id=agent.pk,
        webhook_url="https://hooks.example.com/sla",
        conditions=[{"field": "group", "op": "in", "value": [group.pk]}, {"field": "tag", "op": "has", "value": "vip"}],
        pause_states=["on_hold", "pending_reminder"],
        warnings=[
            {"minutes_before": 15, "audience": ["owner", "owner"]},
            {"percent": 75, "audience": ["manager"], "channels": ["webhook"]},
        ],
        escalations=[{"actions": [{"action": "add_tag", "value": "late"}]}],
    )
    policy.refresh_from_db()
    assert (first.position, policy.position) == (0, 1)
    assert policy.name == "Gold customers"
    assert policy.pause_states == ["pending_reminder", "on_hold"]  # in state order
    assert policy.warnings == [
        {"minutes_before": 15, "audience": ["owner"], "channels": ["in_app"]},  # defaults filled, duplicates dropped
        {"percent": 75, "audience": ["manager"], "channels": ["webhook"]},
    ]
    assert policy.escalations == [{"after_minutes": 0, "actions": [{"action": "add_tag", "value": "late"}]}]
    assert policy.manager_id == agent.pk and policy.webhook_url == "https://hooks.example.com/sla"


@pytest.mark.parametrize("user_fixture", ["agent", "customer"])
def test_only_admins_change_policies(request: pytest.FixtureRequest, user_fixture: str, admin: User) -> None:
    user = request.getfixturevalue(user_fixture)
    with pytest.raises(PermissionDenied):
        create(user)
    policy = create(admin)
    for call in (
        lambda: policies.update_policy(user, policy, {"name": "X"}),
        lambda: policies.delete_policy(user, policy),
        lambda: policies.reorder_policies(user, [policy.pk]),
        lambda: policies.move_policy(user, policy, 1),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert SlaPolicy.objects.get().name == "Standard"


def test_an_inactive_admin_is_refused(admin: User) -> None:
    admin.is_active = False
    with pytest.raises(PermissionDenied):
        create(admin)


def test_customers_do_not_see_policies_staff_do(admin: User, agent: User, customer: User) -> None:
    policy = create(admin)
    assert list(policies.visible_policies(agent)) == [policy]
    with pytest.raises(policies.NotFound):
        policies.visible_policies(customer)
    with pytest.raises(policies.NotFound):
        policies.get_policy(agent, policy.pk + 1)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"name": ""}, {"name": "A name is required."}),
        ({"name": "a\nb"}, {"name": "Line breaks and NUL characters are not allowed."}),
        ({"name": "x" * 101}, {"name": "At most 100 characters."}),
        ({"is_active": "yes"}, {"is_active": "Must be true or false."}),
        ({"calendar_id": 999}, {"calendar_id": "No such calendar."}),
        ({"calendar_id": "1"}, {"calendar_id": "Use an id."}),
        ({"manager_id": 999}, {"manager_id": "Choose an active helpdesk agent."}),
        ({"targets": {}}, {"targets": "Give at least one target."}),
        ({"targets": {"*": {"first_response": 0}}}, {"targets.*.first_response": "Whole minutes from 1 to 525600."}),
        ({"targets": {"soon": {"resolution": 5}}}, {"targets.soon": "Unknown priority."}),
        ({"conditions": [{"field": "group", "op": "is", "value": 999}]}, {"conditions[0].value": "No such group: 999."}),
        (
            {"conditions": [{"field": "organization", "op": "not_in", "value": [998, 999]}]},
            {"conditions[0].value": "No such organization: 998, 999."},
        ),
        ({"conditions": [{"field": "colour", "op": "is", "value": "red"}]}, {"conditions[0]": "Unknown field colour."}),
        (
            {"escalations": [{"after_minutes": 5, "actions": [{"action": "move_to_group", "value": 999}]}]},
            {"escalations[0].actions[0].value": "No such group: 999."},
        ),
        ({"warnings": [{"percent": 100, "audience": ["owner"]}]}, {"warnings[0].percent": "A whole percentage from 1 to 99."}),
        (
            {"warnings": [{"percent": 50, "audience": ["manager"]}]},
            {"warnings[0].audience": "Choose the policy's manager to notify a named manager."},
        ),
        (
            {"escalations": [{"actions": [{"action": "notify", "audience": ["owner"], "channels": ["webhook"]}]}]},
            {"escalations[0].actions[0].channels": "Give the policy a webhook URL to notify by webhook."},
        ),
        ({"pause_states": ["solved"]}, {"pause_states": "These states cannot pause a clock: solved."}),
    ],
)
def test_validation_names_the_field(admin: User, values: dict[str, Any], expected: dict[str, str]) -> None:
    assert errors_of(admin, **values) == expected
    assert not SlaPolicy.objects.exists()


def test_all_errors_come_at_once(admin: User) -> None:
    errors = errors_of(admin, name="", calendar_id=999, targets={"*": {"resolution": -1}}, webhook_url="ftp://hooks.example.com/")
    assert set(errors) == {"name", "calendar_id", "targets.*.resolution", "webhook_url"}


def test_manager_must_be_active_staff(admin: User) -> None:
    gone = AgentFactory.create(email="gone@support.example", is_active=False)
    outside = CustomerFactory.create(email="c@customer.example")
    for user in (gone, outside):
        assert errors_of(admin, manager_id=user.pk) == {"manager_id": "Choose an active helpdesk agent."}


def test_existing_references_pass(admin: User, group: Group) -> None:
    organization = Organization.objects.create(name="ACME")
    calendar = calendar_actions.create_calendar(admin, {"name": "Office", "week": {0: ((480, 1020),)}})
    policy = create(
        admin,
        calendar_id=calendar.pk,
        conditions=[{"field": "organization", "op": "is", "value": organization.pk}],
        escalations=[{"after_minutes": 0, "actions": [{"action": "move_to_group", "value": group.pk}]}],
    )
    assert policy.calendar_id == calendar.pk


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1/hook", "loopback, private, link-local or reserved addresses (127.0.0.1)"),
        ("http://[::1]:8080/hook", "(::1)"),
        ("http://169.254.169.254/latest/meta-data", "(169.254.169.254)"),
        ("https://10.0.0.5/", "(10.0.0.5)"),
        ("https://192.168.1.1/", "(192.168.1.1)"),
        ("https://172.16.0.1/", "(172.16.0.1)"),
        ("http://100.64.0.1/", "(100.64.0.1)"),  # carrier-grade NAT
        ("http://0.0.0.0/", "(0.0.0.0)"),
        ("http://[::ffff:127.0.0.1]/", "(127.0.0.1)"),  # IPv4-mapped IPv6
        ("http://[fe80::1]/", "(fe80::1)"),
        ("http://240.0.0.1/", "(240.0.0.1)"),  # reserved
        ("http://intranet.example.com/hook", "(10.1.2.3)"),  # a name resolving to a private address
        ("http://mixed.example.com/hook", "(127.0.0.1)"),  # one private address among public ones
        ("file:///etc/passwd", "Use an http:// or https:// URL."),
        ("gopher://hooks.example.com/", "Use an http:// or https:// URL."),
        ("https://user:secret@hooks.example.com/", "Do not put credentials in the URL"),
        ("https://unknown.example.net/", "The host name does not resolve."),
        ("https://hooks.example.com:99999/", "Enter a valid URL."),
        ("https://hooks.example.com/a b", "A URL cannot contain spaces or control characters."),
        ("https://", "Enter a valid URL."),
        ("https://hooks.example.com/" + "a" * 500, "At most 500 characters."),
    ],
)
def test_webhook_urls_into_the_local_network_are_refused(admin: User, url: str, message: str) -> None:
    assert message in errors_of(admin, webhook_url=url)["webhook_url"]


def test_a_public_webhook_url_is_kept(admin: User) -> None:
    assert create(admin, webhook_url=f"https://{PUBLIC}/hook").webhook_url == f"https://{PUBLIC}/hook"


def test_loopback_only_when_the_test_setting_allows_it(admin: User, settings: Any) -> None:
    settings.SUPPORTDESK_SLA_WEBHOOK_ALLOW_LOOPBACK = True
    assert create(admin, webhook_url="http://127.0.0.1:8080/hook").webhook_url == "http://127.0.0.1:8080/hook"
    assert "10.0.0.1" in errors_of(admin, name="Other", webhook_url="http://10.0.0.1/")["webhook_url"]


def test_unknown_fields_are_refused(admin: User) -> None:
    with pytest.raises(ValidationFailed) as raised:
        create(admin, position=0, id=5)
    assert raised.value.field_errors == {"id": "Unknown field.", "position": "Unknown field."}


def test_names_are_unique(admin: User) -> None:
    create(admin)
    with pytest.raises(Conflict) as raised:
        create(admin)
    assert raised.value.field_errors == {"name": "Already in use."}
    other = create(admin, name="Other")
    with pytest.raises(Conflict):
        policies.update_policy(admin, other, {"name": "Standard"})


def test_update_returns_changes_and_recomputes_only_for_timing(admin: User, agent: User, recomputes: list[str], commit: Any) -> None:
    policy = create(admin)
    with commit():
        assert policies.update_policy(admin, policy, {"name": "Renamed", "manager_id": agent.pk}) == ["name", "manager_id"]
    assert recomputes == []
    with commit():
        assert policies.update_policy(admin, policy, {"targets": TARGETS}) == []  # the same rules: nothing to do
    assert recomputes == []
    changes: dict[str, Any]
    for changes in (
        {"targets": {"*": {"first_response": 60}}},
        {"is_active": False},
        {"pause_states": []},
        {"conditions": [{"field": "priority", "op": "is", "value": "high"}]},
    ):
        with commit():
            assert policies.update_policy(admin, policy, changes) == list(changes)
    assert recomputes == [f"SLA policy {policy.pk} changed"] * 4
    policy.refresh_from_db()
    assert (policy.name, policy.is_active, policy.pause_states, policy.targets) == ("Renamed", False, [], {"*": {"first_response": 60}})


def test_a_failed_update_changes_nothing(admin: User, recomputes: list[str], commit: Any) -> None:
    policy = create(admin)
    with commit(), pytest.raises(ValidationFailed):
        policies.update_policy(admin, policy, {"targets": {}, "name": "New"})
    policy.refresh_from_db()
    assert policy.name == "Standard" and recomputes == []


def test_create_and_delete_recompute_after_commit(admin: User, recomputes: list[str], commit: Any) -> None:
    with commit():
        policy = create(admin)
    policy_id = policy.pk
    assert recomputes == [f"SLA policy {policy_id} created"]
    with commit():
        policies.delete_policy(admin, policy)
    assert recomputes[-1] == f"SLA policy {policy_id} deleted"
    assert not SlaPolicy.objects.exists()


def test_reorder_needs_every_policy_once(admin: User, recomputes: list[str], commit: Any) -> None:
    a, b, c = (create(admin, name=name) for name in "ABC")
    for bad in ([a.pk, b.pk], [a.pk, b.pk, c.pk, c.pk], [a.pk, b.pk, c.pk + 100], [a.pk, b.pk, True]):
        with pytest.raises(ValidationFailed) as raised:
            policies.reorder_policies(admin, bad)
        assert list(raised.value.field_errors) == ["ids"]
    with commit():
        assert policies.reorder_policies(admin, [c.pk, a.pk, b.pk]) == [c.pk, a.pk, b.pk]
    assert list(SlaPolicy.objects.values_list("name", "position")) == [("C", 0), ("A", 1), ("B", 2)]
    assert recomputes == ["SLA policies reordered"]
    with commit():
        policies.reorder_policies(admin, [c.pk, a.pk, b.pk])  # the same order: no recompute
        policies.move_policy(admin, c, -1)  # already first
    assert recomputes == ["SLA policies reordered"]
    policies.move_policy(admin, c, 1)
    assert list(SlaPolicy.objects.values_list("name", flat=True)) == ["A", "C", "B"]


def test_the_number_of_policies_is_bounded(admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policies, "MAX_POLICIES", 2)
    create(admin, name="A")
    create(admin, name="B")
    with pytest.raises(Conflict):
        create(admin, name="C")


def test_a_calendar_in_use_cannot_be_deleted(admin: User) -> None:
    calendar = calendar_actions.create_calendar(admin, {"name": "Office", "week": {0: ((480, 1020),)}})
    create(admin, calendar_id=calendar.pk)
    with pytest.raises(Conflict):
        calendar_actions.delete_calendar(admin, calendar)


def test_calendar_changes_recompute_after_commit(admin: User, recomputes: list[str], commit: Any) -> None:
    with commit():
        calendar = calendar_actions.create_calendar(admin, {"name": "Office", "week": {0: ((480, 1020),)}})
    assert recomputes == []  # no policy can count in a new calendar that is not the default
    with commit():
        default = calendar_actions.create_calendar(admin, {"name": "Default", "is_default": True, "week": {0: ((480, 1020),)}})
        default_id = default.pk
        calendar_actions.update_calendar(admin, calendar, {"week": {1: ((480, 1020),)}})
        calendar_actions.update_calendar(admin, calendar, {"name": "Office"})  # unchanged
        calendar_actions.delete_calendar(admin, default)
    assert recomputes == [f"calendar {default_id} created", f"calendar {calendar.pk} changed", f"calendar {default_id} deleted"]
