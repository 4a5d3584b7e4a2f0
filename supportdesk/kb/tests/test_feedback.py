"""Helpful votes, views and deflections: the functions and the help-centre feedback form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.kb import feedback
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import MAX_COMMENT, Article, Category, Deflection, Feedback
from supportdesk.kb.public_selectors import deflection_counts
from supportdesk.kb.tests.kbpub_factories import make_article, make_category, tr
from supportdesk.kb.views_public import VOTE_COOKIE, VOTE_RATE
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def cat() -> Category:
    return make_category("billing", names={"en": "Billing"})


@pytest.fixture
def article(cat: Category) -> Article:
    return make_article(cat, {"en": ("Download your invoice", "Open Billing."), "hu": ("Számla letöltése", "Nyissa meg.")})


def page(article: Article, language: str = "en") -> str:
    return f"/help/{language}/a/{article.pk}-{tr(article, language).slug}/"


def post_url(article: Article, language: str = "en") -> str:
    return page(article, language) + "feedback/"


# -- functions ------------------------------------------------------------------------------------


def test_record_feedback_writes_row_and_counter(article: Article, customer: User) -> None:
    translation = tr(article)
    row = feedback.record_feedback(translation, True, "  Very clear.  ", customer)
    feedback.record_feedback(translation, False, "", None)
    feedback.record_feedback(translation, False, None, None)
    translation.refresh_from_db()
    assert (translation.helpful_yes, translation.helpful_no) == (1, 2)
    assert row.comment == "Very clear."
    assert row.user == customer
    assert Feedback.objects.filter(translation=translation).count() == 3
    assert tr(article, "hu").helpful_yes == 0


def test_record_feedback_bounds_the_comment(article: Article) -> None:
    translation = tr(article)
    feedback.record_feedback(translation, True, "x" * MAX_COMMENT, None)
    with pytest.raises(ValidationFailed):
        feedback.record_feedback(translation, True, "x" * (MAX_COMMENT + 1), None)
    translation.refresh_from_db()
    assert translation.helpful_yes == 1  # the refused one left no trace
    assert Feedback.objects.count() == 1
    row = feedback.record_feedback(translation, True, "a\x00b\x1bc", None)
    assert row.comment == "a b c"


def test_record_view_is_an_increment(article: Article) -> None:
    translation = tr(article)
    translation.view_count = 1000  # a stale in-memory value must not be written back
    feedback.record_view(translation)
    feedback.record_view(translation)
    assert tr(article).view_count == 2


@pytest.mark.parametrize("visit", ["", "a b", "x" * 65, "<script>", "abc/def", "ü", None, "a\nb"])
def test_record_deflection_ignores_malformed_visit_ids(article: Article, visit: str | None) -> None:
    assert feedback.record_deflection(tr(article), "q", visit) is None  # type: ignore[arg-type]
    assert Deflection.objects.count() == 0


def test_record_deflection_once_per_visit_and_article(article: Article) -> None:
    translation = tr(article)
    first = feedback.record_deflection(translation, "invoice  download\x00", "visit_1-A")
    again = feedback.record_deflection(translation, "other", "visit_1-A")
    assert first is not None and again is not None and first.pk == again.pk
    assert first.query == "invoice download"
    feedback.record_deflection(translation, "q" * 1000, "visit-2")
    assert Deflection.objects.count() == 2
    assert len(Deflection.objects.get(visit="visit-2").query) == 200


def test_link_deflections_and_counts(article: Article, cat: Category, ticket: Ticket) -> None:
    other = make_article(cat, {"en": ("Other", "x")})
    since = timezone.now() - timedelta(minutes=1)
    feedback.record_deflection(tr(article), "", "visit-a")
    feedback.record_deflection(tr(other), "", "visit-a")
    feedback.record_deflection(tr(article), "", "visit-b")
    feedback.record_deflection(tr(article), "", "visit-c")
    assert feedback.link_deflections_to_ticket("visit-a", ticket) == 2
    assert feedback.link_deflections_to_ticket("visit-a", ticket) == 0
    assert feedback.link_deflections_to_ticket("bad visit!", ticket) == 0
    assert feedback.link_deflections_to_ticket("unknown", ticket) == 0
    counts = deflection_counts(since)
    assert (counts.visits, counts.followed_by_ticket, counts.deflected, counts.article_opens) == (3, 1, 2, 4)
    assert deflection_counts(timezone.now() + timedelta(minutes=1)).visits == 0
    assert feedback.deflection_counts is deflection_counts


def test_article_view_records_deflection_from_the_form(client: Client, article: Article) -> None:
    client.get(page(article) + "?from=form&visit=v-123")
    client.get(page(article) + "?from=form&visit=v-123")  # a reload: still one
    client.get(page(article) + "?from=form&visit=bad%20id")
    client.get(page(article) + "?visit=v-456")  # not from the form
    client.get(page(article) + "?from=form&visit=v-789&q=invoice")
    rows = list(Deflection.objects.order_by("visit").values_list("visit", "query", "translation_id"))
    assert rows == [("v-123", "", tr(article).pk), ("v-789", "invoice", tr(article).pk)]


def test_staff_and_non_public_do_not_record_deflections(client: Client, cat: Category, article: Article, agent: User) -> None:
    draft = make_article(cat, {"en": ("Draft", "x")}, state=ArticleState.DRAFT)
    client.force_login(agent)
    client.get(page(article) + "?from=form&visit=v-1")
    client.get(page(draft) + "?from=form&visit=v-1")
    assert Deflection.objects.count() == 0


# -- the form -------------------------------------------------------------------------------------


def test_vote_with_comment_via_htmx(client: Client, article: Article) -> None:
    response = client.post(post_url(article), {"helpful": "yes", "comment": "Found it."}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'data-testid="feedback-thanks"' in response.content
    assert VOTE_COOKIE in response.cookies
    translation = tr(article)
    assert (translation.helpful_yes, translation.helpful_no) == (1, 0)
    assert Feedback.objects.get().comment == "Found it."


def test_vote_without_js_redirects_back(client: Client, article: Article) -> None:
    response = client.post(post_url(article), {"helpful": "no"})
    assert response.status_code == 303
    assert response["Location"] == page(article) + "#feedback"
    assert tr(article).helpful_no == 1


def test_one_vote_per_visitor_per_article_per_day(client: Client, article: Article) -> None:
    client.post(post_url(article), {"helpful": "yes"}, HTTP_HX_REQUEST="true")
    again = client.post(post_url(article), {"helpful": "no"}, HTTP_HX_REQUEST="true")
    assert b"already told us" in again.content
    # The other language is the same article.
    client.post(post_url(article, "hu"), {"helpful": "no"}, HTTP_HX_REQUEST="true")
    assert (tr(article).helpful_yes, tr(article).helpful_no, tr(article, "hu").helpful_no) == (1, 0, 0)
    # The article page shows the "already voted" state instead of the form.
    assert b"already told us" in client.get(page(article)).content
    # A tampered cookie counts for nothing (and is no error).
    client.cookies[VOTE_COOKIE] = "2020-01-01:1,2,3:forged"
    assert client.post(post_url(article), {"helpful": "yes"}, HTTP_HX_REQUEST="true").status_code == 200
    assert tr(article).helpful_yes == 2


def test_signed_in_user_votes_once_a_day_even_without_cookie(client: Client, article: Article, customer: User) -> None:
    client.force_login(customer)
    client.post(post_url(article), {"helpful": "yes"}, HTTP_HX_REQUEST="true")
    client.cookies.pop(VOTE_COOKIE)
    client.post(post_url(article), {"helpful": "yes"}, HTTP_HX_REQUEST="true")
    assert tr(article).helpful_yes == 1
    assert Feedback.objects.get().user == customer


def test_votes_are_rate_limited_per_client(article: Article, cat: Category) -> None:
    limit = VOTE_RATE[0]
    articles = [make_article(cat, {"en": (f"Article {n}", "x")}) for n in range(limit + 1)]
    for n, target in enumerate(articles):
        fresh = Client()  # a new visitor each time (no cookie), same address
        response = fresh.post(post_url(target), {"helpful": "yes"}, HTTP_HX_REQUEST="true")
        if n < limit:
            assert b"feedback-thanks" in response.content
        else:
            assert b"Too many answers" in response.content
    assert Feedback.objects.count() == limit
    without_js = Client().post(post_url(articles[-1]), {"helpful": "yes"}, follow=True)
    assert b"Too many answers" in without_js.content
    assert Feedback.objects.count() == limit


@pytest.mark.parametrize(("data", "message"), [({"helpful": "maybe"}, b"choose yes or no"), ({}, b"choose yes or no")])
def test_bad_votes_are_refused(client: Client, article: Article, data: dict[str, str], message: bytes) -> None:
    response = client.post(post_url(article), data, HTTP_HX_REQUEST="true")
    assert message in response.content
    assert Feedback.objects.count() == 0


def test_over_long_comment_is_refused_and_kept_for_editing(client: Client, article: Article) -> None:
    response = client.post(post_url(article), {"helpful": "yes", "comment": "y" * (MAX_COMMENT + 1)}, HTTP_HX_REQUEST="true")
    assert b"too long" in response.content
    assert Feedback.objects.count() == 0
    assert tr(article).helpful_yes == 0


def test_feedback_on_non_public_article_is_404(client: Client, cat: Category, agent: User) -> None:
    internal = make_article(cat, {"en": ("Internal", "x")}, visibility=Visibility.INTERNAL)
    assert client.post(post_url(internal), {"helpful": "yes"}).status_code == 404
    client.force_login(agent)  # staff previews cannot be voted on either
    assert client.post(post_url(internal), {"helpful": "yes"}).status_code == 404
    assert Feedback.objects.count() == 0


def test_feedback_needs_post_and_csrf(article: Article) -> None:
    assert Client().get(post_url(article)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(post_url(article), {"helpful": "yes"}).status_code == 403
    assert Feedback.objects.count() == 0
