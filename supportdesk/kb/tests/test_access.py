"""kb.access: who reads and does what; missing and forbidden look the same."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, PermissionDenied
from supportdesk.kb import access, actions
from supportdesk.kb.choices import ArticleState
from supportdesk.kb.models import Category, Translation
from supportdesk.kb.tests.test_actions_support import PNG, publish
from supportdesk.kb.tests.test_actions_support import kb_category as kb_category
from supportdesk.kb.tests.test_actions_support import make_article as make_article
from supportdesk.kb.tests.test_actions_support import supervisor as supervisor

MakeArticle = Callable[..., Translation]


def test_every_active_staff_user_reads_everything(
    make_article: MakeArticle, agent: User, reader: User, outsider: User, admin: User
) -> None:
    row = make_article(visibility="internal")
    for user in (agent, reader, outsider, admin):  # group membership plays no part in the KB
        assert access.access_article(user, row.article_id) == row.article
        assert access.access_translation(user, row.article_id, "en") == row
        assert list(access.visible_articles(user)) == [row.article]


@pytest.mark.parametrize("who", ["customer", "inactive", "anonymous"])
def test_others_get_the_same_not_found_as_a_missing_id(make_article: MakeArticle, customer: User, agent: User, who: str) -> None:
    row = make_article()
    user: object = {"customer": customer, "inactive": agent, "anonymous": AnonymousUser()}[who]
    if who == "inactive":
        agent.is_active = False
        agent.save()
    with pytest.raises(NotFound) as hidden:
        access.access_article(user, row.article_id)
    with pytest.raises(NotFound) as missing:
        access.access_article(agent if who != "inactive" else customer, 999_999)
    assert hidden.value.message == missing.value.message == "Article not found."
    with pytest.raises(NotFound):
        access.access_translation(user, row.article_id, "en")
    assert not access.visible_articles(user).exists()
    assert not access.visible_categories(user).exists()


@pytest.mark.parametrize("bad", [0, -1, 2**63, "1", None, True, 1.0])
def test_malformed_ids_are_not_found(agent: User, bad: object) -> None:
    with pytest.raises(NotFound):
        access.access_article(agent, bad)
    with pytest.raises(NotFound):
        access.access_category(agent, bad)
    with pytest.raises(NotFound):
        access.access_attachment(agent, bad)


def test_translation_permissions_by_role_and_state(make_article: MakeArticle, agent: User, supervisor: User, admin: User) -> None:
    row = make_article()
    as_agent = access.translation_permissions(agent, row)
    assert (as_agent.can_edit, as_agent.transitions, as_agent.can_restore) == (True, ("submit",), False)
    as_supervisor = access.translation_permissions(supervisor, row)
    assert as_supervisor.transitions == ("submit", "publish", "archive") and as_supervisor.can_restore
    row = actions.change_state(agent, row, "submit")
    assert access.translation_permissions(agent, row).transitions == ("withdraw",)
    assert not access.translation_permissions(agent, row).can_edit
    assert access.translation_permissions(admin, row).transitions == ("withdraw", "approve", "send_back", "archive")
    row = actions.change_state(admin, row, "approve")
    assert access.translation_permissions(agent, row) == access.TranslationPermissions(False, (), False)
    assert access.translation_permissions(supervisor, row).transitions == ("unpublish", "archive")
    row = actions.change_state(admin, row, "archive")
    archived = access.translation_permissions(admin, row)
    assert (archived.can_edit, archived.transitions, archived.can_restore) == (False, ("unarchive",), False)


def test_article_permissions(make_article: MakeArticle, agent: User, supervisor: User, customer: User) -> None:
    row = make_article()
    assert access.article_permissions(agent, row.article) == access.ArticlePermissions(True, True)
    publish(supervisor, row)
    assert access.article_permissions(agent, row.article) == access.ArticlePermissions(False, True)
    assert access.article_permissions(supervisor, row.article) == access.ArticlePermissions(True, True)
    assert access.article_permissions(customer, row.article) == access.ArticlePermissions(False, False)


def test_category_management_is_for_admins(agent: User, supervisor: User, admin: User, customer: User) -> None:
    access.require_category_admin(admin)
    for user in (agent, supervisor):
        with pytest.raises(PermissionDenied):
            access.require_category_admin(user)
    with pytest.raises(NotFound):
        access.require_category_admin(customer)


def test_attachments_reach_the_public_only_with_the_article(
    make_article: MakeArticle, agent: User, supervisor: User, customer: User, admin: User, kb_category: Category
) -> None:
    row = make_article()
    attachment = actions.add_attachment(agent, row.article, chunks=[PNG], filename="a.png", content_type="image/png")
    anonymous = AnonymousUser()
    assert access.access_attachment(agent, attachment.pk) == attachment
    for user in (anonymous, customer):
        with pytest.raises(NotFound):
            access.access_attachment(user, attachment.pk)
    publish(supervisor, row)
    assert access.access_attachment(anonymous, attachment.pk) == attachment
    # An internal parent category hides everything below it.
    parent = actions.create_category(admin, {"names": {"en": "Staff only"}, "visibility": "internal"})
    actions.move_category(admin, kb_category, parent.pk)
    with pytest.raises(NotFound):
        access.access_attachment(customer, attachment.pk)
    actions.update_category(admin, parent, {"visibility": "public"})
    assert access.access_attachment(customer, attachment.pk) == attachment
    actions.change_state(supervisor, Translation.objects.get(pk=row.pk), "archive")
    assert Translation.objects.get(pk=row.pk).state == ArticleState.ARCHIVED
    with pytest.raises(NotFound):
        access.access_attachment(anonymous, attachment.pk)
