"""KB categories: admins only, names per language, moves without cycles, deletes only when empty."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from supportdesk.kb import actions
from supportdesk.kb.choices import CategoryKind, Visibility
from supportdesk.kb.models import Category, Translation
from supportdesk.kb.tests.test_actions_support import kb_category as kb_category
from supportdesk.kb.tests.test_actions_support import make_article as make_article
from supportdesk.kb.tests.test_actions_support import supervisor as supervisor


def test_admin_creates_a_category_with_names_per_language(admin: User) -> None:
    category = actions.create_category(
        admin,
        {"names": {"en": "Billing & invoices", "hu": "Számlázás", "lv": ""}, "kind": "faq", "visibility": "internal", "position": 3},
    )
    assert category.names == {"en": "Billing & invoices", "hu": "Számlázás"}
    assert (category.slug, category.kind, category.visibility, category.position) == ("billing-invoices", CategoryKind.FAQ, "internal", 3)
    again = actions.create_category(admin, {"names": {"en": "Billing & invoices"}})
    assert again.slug == "billing-invoices-2"
    hungarian_only = actions.create_category(admin, {"names": {"hu": "Gyakori kérdések"}})
    assert hungarian_only.slug == "gyakori-kerdesek"


def test_only_admins_manage_categories(supervisor: User, agent: User, customer: User, admin: User) -> None:
    for user in (supervisor, agent):
        with pytest.raises(PermissionDenied):
            actions.create_category(user, {"names": {"en": "X"}})
    with pytest.raises(NotFound):
        actions.create_category(customer, {"names": {"en": "X"}})
    category = actions.create_category(admin, {"names": {"en": "X"}})
    with pytest.raises(PermissionDenied):
        actions.update_category(supervisor, category, {"names": {"en": "Y"}})
    with pytest.raises(PermissionDenied):
        actions.delete_category(agent, category)
    assert Category.objects.get(pk=category.pk).names == {"en": "X"}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"names": {}}, "names"),
        ({"names": {"en": "   "}}, "names"),
        ({"names": {"xx": "Name"}}, "names.xx"),
        ({"names": {"en": "x" * 101}}, "names.en"),
        ({"names": {"en": 5}}, "names.en"),
        ({"names": ["en"]}, "names"),
        ({"names": {"en": "A"}, "kind": "blog"}, "kind"),
        ({"names": {"en": "A"}, "visibility": "secret"}, "visibility"),
        ({"names": {"en": "A"}, "slug": "Not A Slug"}, "slug"),
        ({"names": {"en": "A"}, "position": -1}, "position"),
        ({"names": {"en": "A"}, "parent_id": 999_999}, "parent_id"),
        ({"names": {"en": "A"}, "descriptions": {"en": "d" * 501}}, "descriptions.en"),
        ({"kind": "faq"}, "names"),
        ({"names": {"en": "A"}, "is_admin": True}, "is_admin"),
    ],
)
def test_category_input_is_checked(admin: User, values: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        actions.create_category(admin, values)
    assert field in error.value.field_errors
    assert not Category.objects.exists()


def test_names_lose_control_characters(admin: User) -> None:
    category = actions.create_category(admin, {"names": {"en": "Line\r\nTwo\x00"}})
    assert category.names == {"en": "Line Two"}


def test_moves_refuse_cycles_and_depth(admin: User) -> None:
    root = actions.create_category(admin, {"names": {"en": "Root"}})
    child = actions.create_category(admin, {"names": {"en": "Child"}, "parent_id": root.pk})
    grandchild = actions.create_category(admin, {"names": {"en": "Grandchild"}, "parent_id": child.pk})
    for target in (root, child, grandchild):
        with pytest.raises(ValidationFailed):
            actions.move_category(admin, root, target.pk)
    assert Category.objects.get(pk=root.pk).parent_id is None
    other = actions.create_category(admin, {"names": {"en": "Other"}})
    actions.move_category(admin, child, other.pk, position=2)
    child.refresh_from_db()
    assert (child.parent_id, child.position) == (other.pk, 2)
    actions.move_category(admin, child, None)
    assert Category.objects.get(pk=child.pk).parent_id is None
    chain = [actions.create_category(admin, {"names": {"en": "L1"}})]
    for level in range(2, actions.MAX_DEPTH + 1):
        chain.append(actions.create_category(admin, {"names": {"en": f"L{level}"}, "parent_id": chain[-1].pk}))
    with pytest.raises(ValidationFailed):
        actions.create_category(admin, {"names": {"en": "Too deep"}, "parent_id": chain[-1].pk})
    with pytest.raises(ValidationFailed):
        actions.move_category(admin, child, chain[-2].pk)  # child has a subcategory: 2 levels under level 5


def test_delete_refuses_categories_with_children_or_articles(
    admin: User, make_article: Callable[..., Translation], kb_category: Category
) -> None:
    child = actions.create_category(admin, {"names": {"en": "Child"}, "parent_id": kb_category.pk})
    with pytest.raises(Conflict):
        actions.delete_category(admin, kb_category)
    actions.delete_category(admin, child)
    row = make_article()
    with pytest.raises(Conflict):
        actions.delete_category(admin, kb_category)
    other = actions.create_category(admin, {"names": {"en": "Other"}})
    actions.update_article(admin, row.article, {"category_id": other.pk})
    actions.delete_category(admin, kb_category)
    assert not Category.objects.filter(pk=kb_category.pk).exists()


def test_visibility_names_and_moves_reindex_the_articles_below(
    admin: User, make_article: Callable[..., Translation], kb_category: Category, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = actions.create_category(admin, {"names": {"en": "Child"}, "parent_id": kb_category.pk})
    row = make_article(category_id=child.pk)
    elsewhere = make_article(category_id=actions.create_category(admin, {"names": {"en": "Elsewhere"}}).pk)
    calls: list[int] = []
    monkeypatch.setattr("supportdesk.kb.search.index_translation", lambda t: calls.append(t.pk))
    actions.update_category(admin, kb_category, {"visibility": Visibility.INTERNAL})
    assert calls == [row.pk]
    calls.clear()
    actions.update_category(admin, kb_category, {"position": 4})  # changes neither text nor visibility
    assert calls == []
    actions.update_category(admin, child, {"names": {"en": "Renamed"}})
    actions.move_category(admin, child, None)
    assert calls == [row.pk, row.pk]
    assert elsewhere.pk not in calls


def test_slug_conflicts_on_update(admin: User) -> None:
    first = actions.create_category(admin, {"names": {"en": "First"}})
    second = actions.create_category(admin, {"names": {"en": "Second"}})
    with pytest.raises(ValidationFailed) as error:
        actions.update_category(admin, second, {"slug": first.slug})
    assert "slug" in error.value.field_errors
    actions.update_category(admin, second, {"slug": "second-renamed"})
    assert Category.objects.get(pk=second.pk).slug == "second-renamed"
