"""The settings page (admins), and the survey texts of the four languages."""

from __future__ import annotations

import re
import string

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.surveys.choices import CsatScale, SurveyKind, valid_scores
from supportdesk.surveys.selectors import get_settings
from supportdesk.surveys.texts import EN, TABLES, score_label, survey_language, text

FORM = {
    "csat_enabled": "on",
    "csat_scale": "five_point",
    "ces_enabled": "on",
    "nps_interval_days": "60",
    "delay_minutes": "30",
    "channel": "both",
    "change_window_hours": "48",
    "link_lifetime_days": "21",
}


@pytest.mark.django_db
def test_admins_change_the_settings_on_the_page(client: Client, admin: User) -> None:
    client.force_login(admin)
    page = client.get("/settings/surveys/")
    assert page.status_code == 200 and 'data-testid="survey-settings-form"' in page.content.decode()
    saved = client.post("/settings/surveys/", FORM)
    assert saved.status_code == 303 and saved["Location"] == "/settings/surveys/"
    conf = get_settings()
    assert (conf.csat_enabled, conf.ces_enabled, conf.nps_enabled, conf.delay_minutes, conf.link_lifetime_days) == (
        True,
        True,
        False,
        30,
        21,
    )
    assert "Survey settings saved." in client.get("/settings/surveys/").content.decode()


@pytest.mark.django_db
def test_bad_values_on_the_page_are_shown_and_change_nothing(client: Client, admin: User) -> None:
    client.force_login(admin)
    page = client.post("/settings/surveys/", {**FORM, "delay_minutes": "-5", "link_lifetime_days": "9999"})
    assert page.status_code == 200
    assert page.content.decode().count('class="field-error"') == 2
    assert get_settings().delay_minutes == 60


@pytest.mark.django_db
def test_only_admins_open_the_settings(client: Client, agent: User, customer: User) -> None:
    assert client.get("/settings/surveys/").status_code == 302  # to sign-in
    client.force_login(agent)
    assert client.get("/settings/surveys/").status_code == 403
    assert client.post("/settings/surveys/", FORM).status_code == 403
    assert get_settings().csat_enabled is False


PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("language", ["de", "hu", "lv"])
def test_every_language_has_every_text_with_the_same_placeholders(language: str) -> None:
    table = TABLES[language]
    assert set(table) == set(EN)
    for key, english in EN.items():
        assert sorted(PLACEHOLDER.findall(table[key])) == sorted(PLACEHOLDER.findall(english)), key
        assert table[key].strip() == table[key] and table[key]
        list(string.Formatter().parse(table[key]))  # well-formed


@pytest.mark.parametrize("language", ["en", "de", "hu", "lv"])
def test_every_score_has_a_distinct_label(language: str) -> None:
    for kind, scale in ((SurveyKind.CSAT, CsatScale.FIVE_POINT), (SurveyKind.CSAT, CsatScale.GOOD_BAD), (SurveyKind.CES, "")):
        labels = [score_label(language, kind, scale, score) for score in valid_scores(kind, scale)]
        assert len(set(labels)) == len(labels)


def test_unknown_languages_fall_back_to_english() -> None:
    assert survey_language("de-AT") == "de"
    assert survey_language("fr") == "en" and survey_language("") == "en" and survey_language(None) == "en"
    assert text("xx", "submit") == "Send"
    assert text("de", "your_answer", answer="<b>") == "Ihre Antwort: <b>"  # escaping is the template's job
