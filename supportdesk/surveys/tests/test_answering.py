"""Answering by link: one click in the mail answers (the page submits the clicked score), a page
fetch alone records nothing, answers change within the window, and bad links change nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core import signing as django_signing
from django.test import Client
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.surveys import actions
from supportdesk.surveys.access import AlreadyAnswered, LinkExpired, SurveyClosed
from supportdesk.surveys.choices import AnswerChannel, CsatScale, InvitationStatus, SurveyKind
from supportdesk.surveys.models import MAX_COMMENT, SurveyInvitation, SurveyResponse, SurveySettings
from supportdesk.surveys.signing import make_token
from supportdesk.surveys.tests.conftest import links_of
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any) -> SurveyInvitation:
    """A CSAT invitation whose mail went out."""
    solve(ticket)
    send_due()
    return SurveyInvitation.objects.get(kind=SurveyKind.CSAT)


def url(invitation: SurveyInvitation, score: int | None = None) -> str:
    return f"/survey/{make_token(invitation.pk, invitation.key, score)}/"


def test_the_mailed_link_preselects_the_score_and_records_nothing_on_fetch(client: Client, sent: SurveyInvitation) -> None:
    token = links_of(mail.outbox[0])[3]  # the "4" link
    page = client.get(f"/survey/{token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="4" checked' in html
    assert "data-survey-autosubmit" in html and "js/surveys.js" in html
    assert "Satisfied" in html and sent.ticket is not None and sent.ticket.subject in html
    assert not SurveyResponse.objects.exists()
    assert SurveyInvitation.objects.get().status == InvitationStatus.SENT


def test_the_one_click_post_records_the_answer_and_thanks(client: Client, sent: SurveyInvitation, agent: User) -> None:
    link = url(sent, 5)
    answer = client.post(link, {"score": "5", "comment": ""})
    assert answer.status_code == 303 and answer["Location"] == f"{link}?saved=1"
    response = SurveyResponse.objects.get()
    assert (response.kind, response.score, response.satisfied, response.comment) == ("csat", 5, True, "")
    assert (response.channel, response.language, response.changed_at) == (AnswerChannel.EMAIL_LINK, "en", None)
    # Denormalized for reports.
    assert (response.ticket_id, response.agent_id, response.group_id, response.customer_id) == (
        sent.ticket_id,
        agent.pk,
        sent.group_id,
        sent.customer_id,
    )
    assert response.sent_at == sent.sent_at
    assert SurveyInvitation.objects.get().status == InvitationStatus.ANSWERED
    thanks = client.get(answer["Location"]).content.decode()
    assert "Thank you for your feedback!" in thanks and "Your answer: Very satisfied" in thanks
    assert "data-survey-autosubmit" not in thanks  # no second automatic submit
    assert "You can change your answer until" in thanks


def test_a_comment_and_a_change_within_the_window_update_the_answer(client: Client, sent: SurveyInvitation) -> None:
    client.post(url(sent, 5), {"score": "5"})
    client.post(url(sent, 5), {"score": "4", "comment": "Quick, but I had to ask twice."})
    response = SurveyResponse.objects.get()
    assert (response.score, response.satisfied, response.comment) == (4, True, "Quick, but I had to ask twice.")
    assert response.changed_at is not None
    assert SurveyResponse.objects.count() == 1


def test_the_same_answer_again_changes_nothing(sent: SurveyInvitation) -> None:
    first = actions.check_answer(sent, score=3, comment="ok", channel=AnswerChannel.EMAIL_LINK)
    again = actions.check_answer(sent, score=3, comment="ok", channel=AnswerChannel.EMAIL_LINK)
    assert (first.created, first.changed, again.created, again.changed) == (True, True, False, False)
    assert SurveyResponse.objects.get().changed_at is None


def test_clicking_another_score_after_answering_asks_before_changing(client: Client, sent: SurveyInvitation) -> None:
    client.post(url(sent, 5), {"score": "5"})
    html = client.get(url(sent, 2)).content.decode()
    assert 'value="2" checked' in html and "data-survey-autosubmit" not in html
    assert "You answered “Very satisfied” before." in html
    assert SurveyResponse.objects.get().score == 5


def test_after_the_change_window_the_link_says_already_answered_and_changes_nothing(
    client: Client, sent: SurveyInvitation, conf: SurveySettings
) -> None:
    client.post(url(sent, 5), {"score": "5", "comment": "Great"})
    SurveyResponse.objects.update(answered_at=timezone.now() - timedelta(hours=73))
    page = client.get(url(sent, 1))
    assert page.status_code == 200 and "You have already answered" in page.content.decode()
    assert "Your answer: Very satisfied" in page.content.decode()
    late = client.post(url(sent, 1), {"score": "1", "comment": "changed my mind"})
    assert late.status_code == 409 and "You have already answered" in late.content.decode()
    response = SurveyResponse.objects.get()
    assert (response.score, response.comment, response.changed_at) == (5, "Great", None)


def test_a_tampered_token_is_a_friendly_400_and_changes_nothing(client: Client, sent: SurveyInvitation) -> None:
    token = make_token(sent.pk, sent.key, 5)
    _payload, rest = token.split(":", 1)
    other = make_token(sent.pk, sent.key, 1).split(":", 1)[0]
    for bad in (f"{other}:{rest}", token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "x" * 40, "null:null:null"):
        page = client.post(f"/survey/{bad}/", {"score": "1"})
        assert page.status_code == 400, bad
        assert "This link is not valid" in page.content.decode()
    assert not SurveyResponse.objects.exists()


def test_hostile_token_shapes_are_refused_without_errors(client: Client, sent: SurveyInvitation) -> None:
    for bad in ("%00", "'%20OR%201=1--", "a" * 2000, "..%2F..%2Fetc", "<script>", "NULL", "0"):
        page = client.get(f"/survey/{bad}/")
        assert page.status_code in (400, 404), bad
    assert not SurveyResponse.objects.exists()


def test_a_token_signed_for_something_else_is_refused(client: Client, sent: SurveyInvitation) -> None:
    forged = django_signing.dumps({"i": sent.pk, "k": sent.key, "s": 5}, salt="supportdesk.portal.sign-in")
    assert client.post(f"/survey/{forged}/", {"score": "5"}).status_code == 400
    assert not SurveyResponse.objects.exists()


def test_an_unknown_invitation_or_wrong_key_is_404(client: Client, sent: SurveyInvitation) -> None:
    assert client.get(f"/survey/{make_token(sent.pk + 1000, sent.key, 5)}/").status_code == 404
    wrong_key = client.post(f"/survey/{make_token(sent.pk, 'guessed-key-1234567890', 5)}/", {"score": "5"})
    assert wrong_key.status_code == 404 and "This survey was not found" in wrong_key.content.decode()
    assert not SurveyResponse.objects.exists()


def test_an_expired_link_is_410_and_changes_nothing(client: Client, sent: SurveyInvitation, monkeypatch: pytest.MonkeyPatch) -> None:
    old = timezone.now() - timedelta(days=31)
    monkeypatch.setattr(django_signing.TimestampSigner, "timestamp", lambda self: django_signing.b62_encode(int(old.timestamp())))
    token = make_token(sent.pk, sent.key, 5)
    monkeypatch.undo()
    page = client.post(f"/survey/{token}/", {"score": "5"})
    assert page.status_code == 410 and "This link has expired" in page.content.decode()
    # The invitation's own expiry counts too (a shorter lifetime at sending time).
    SurveyInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(url(sent, 5), {"score": "5"}).status_code == 410
    assert not SurveyResponse.objects.exists()


def test_a_cancelled_survey_is_410(client: Client, sent: SurveyInvitation) -> None:
    SurveyInvitation.objects.update(status=InvitationStatus.CANCELLED)
    page = client.post(url(sent, 5), {"score": "5"})
    assert page.status_code == 410 and "This survey is no longer open" in page.content.decode()
    assert not SurveyResponse.objects.exists()
    with pytest.raises(SurveyClosed):
        actions.check_answer(sent, score=5, comment="", channel=AnswerChannel.API)


def test_a_pending_survey_cannot_be_answered_before_it_is_sent(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], client: Client
) -> None:
    solve(ticket)
    pending = SurveyInvitation.objects.get()
    assert client.post(url(pending, 5), {"score": "5"}).status_code == 404
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    ("kind", "scale", "accepted", "refused"),
    [
        (SurveyKind.CSAT, CsatScale.FIVE_POINT, [1, 5], [0, 6, -1]),
        (SurveyKind.CSAT, CsatScale.GOOD_BAD, [0, 1], [2, 5, -1]),
        (SurveyKind.NPS, "", [0, 10], [11, -1]),
        (SurveyKind.CES, "", [1, 7], [0, 8]),
    ],
)
def test_score_bounds_per_kind(sent: SurveyInvitation, kind: str, scale: str, accepted: list[int], refused: list[Any]) -> None:
    SurveyInvitation.objects.filter(pk=sent.pk).update(kind=kind, scale=scale, ticket=None if kind == SurveyKind.NPS else sent.ticket)
    sent.refresh_from_db()
    for score in [*refused, "5", 2.0, True, None]:
        with pytest.raises(ValidationFailed) as refusal:
            actions.check_answer(sent, score=score, comment="", channel=AnswerChannel.API)
        assert refusal.value.field_errors == {"score": "Please choose one of the answers."}
    assert not SurveyResponse.objects.exists()
    for score in accepted:
        actions.check_answer(sent, score=score, comment="", channel=AnswerChannel.API)
        assert SurveyResponse.objects.get().score == score


def test_a_score_the_question_does_not_offer_is_a_friendly_400_on_the_page(client: Client, sent: SurveyInvitation) -> None:
    for value in ("9", "", "abc", "4.5", "99999999999999999999"):
        page = client.post(url(sent, 5), {"score": value})
        assert page.status_code == 400, value
        assert "Please choose one of the answers." in page.content.decode()
    assert not SurveyResponse.objects.exists()


def test_comment_bounds(sent: SurveyInvitation) -> None:
    with pytest.raises(ValidationFailed) as refusal:
        actions.check_answer(sent, score=5, comment="x" * (MAX_COMMENT + 1), channel=AnswerChannel.API)
    assert "at most 2000 characters" in refusal.value.field_errors["comment"]
    assert not SurveyResponse.objects.exists()
    actions.check_answer(sent, score=5, comment="  " + "x" * MAX_COMMENT + "\n\n", channel=AnswerChannel.API)
    assert SurveyResponse.objects.get().comment == "x" * MAX_COMMENT


def test_a_comment_is_plain_text_without_control_or_invisible_characters(sent: SurveyInvitation) -> None:
    actions.check_answer(sent, score=2, comment="Bad\x00 one\r\nsecond line\u202e\u200b\ttab", channel=AnswerChannel.API)
    assert SurveyResponse.objects.get().comment == "Bad one\nsecond line\ttab"


def test_a_hostile_comment_is_stored_as_text_and_escaped_on_the_page(client: Client, sent: SurveyInvitation) -> None:
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> {{ 7*7 }} %(x)s'
    client.post(url(sent, 1), {"score": "1", "comment": hostile})
    assert SurveyResponse.objects.get().comment == hostile
    html = client.get(url(sent)).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'onerror="alert(2)"' not in html


def test_the_answer_page_is_in_the_invitations_language(
    conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], send_due: Any, client: Client
) -> None:
    from supportdesk.testing.factories import CustomerFactory

    person = CustomerFactory.create(email="janis@klients.example", language="lv")
    solve(make_ticket(customer_email=person.email))
    send_due()
    invitation = SurveyInvitation.objects.get()
    html = client.get(url(invitation, 4)).content.decode()
    assert "Cik apmierināts esat ar saņemto atbalstu?" in html and "Apmierināts" in html
    client.post(url(invitation, 4), {"score": "4"})
    assert "Paldies par jūsu atsauksmi!" in client.get(url(invitation) + "?saved=1").content.decode()
    assert SurveyResponse.objects.get().language == "lv"


def test_after_csat_the_page_offers_the_ces_question(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any, client: Client
) -> None:
    conf.ces_enabled = True
    conf.save()
    solve(ticket)
    send_due()
    csat = SurveyInvitation.objects.get(kind=SurveyKind.CSAT)
    ces = SurveyInvitation.objects.get(kind=SurveyKind.CES)
    client.post(url(csat, 5), {"score": "5"})
    html = client.get(url(csat) + "?saved=1").content.decode()
    assert "One more question" in html and "The company made it easy for me to handle my issue." in html
    assert url(ces, 7) in html
    client.post(url(ces, 7), {"score": "7"})
    assert "One more question" not in client.get(url(csat) + "?saved=1").content.decode()


def test_a_second_answer_changes_the_first_and_keeps_its_channel(sent: SurveyInvitation) -> None:
    actions.do_record_answer(sent.pk, score=5, comment="", channel=AnswerChannel.EMAIL_LINK)
    actions.do_record_answer(sent.pk, score=4, comment=None, channel=AnswerChannel.PORTAL)
    response = SurveyResponse.objects.get()
    assert (response.score, response.channel) == (4, AnswerChannel.EMAIL_LINK)  # the first answer's channel stays


def test_an_answer_after_the_window_raises_already_answered(sent: SurveyInvitation, conf: SurveySettings) -> None:
    now = timezone.now()
    actions.do_record_answer(sent.pk, score=5, comment="", channel=AnswerChannel.API, now=now)
    with pytest.raises(AlreadyAnswered):
        actions.do_record_answer(sent.pk, score=1, comment="", channel=AnswerChannel.API, now=now + timedelta(hours=72))
    with pytest.raises(LinkExpired):
        actions.do_record_answer(sent.pk, score=1, comment="", channel=AnswerChannel.API, now=now + timedelta(days=31))


def test_answers_are_rate_limited_per_address(client: Client, sent: SurveyInvitation, monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.surveys import access

    monkeypatch.setattr(access, "ANSWER_LIMIT", 2)
    assert client.post(url(sent, 5), {"score": "5"}).status_code == 303
    assert client.post(url(sent, 4), {"score": "4"}).status_code == 303
    blocked = client.post(url(sent, 3), {"score": "3"})
    assert blocked.status_code == 429
    assert SurveyResponse.objects.get().score == 4
