"""Translations: the de, hu and lv catalogs are complete and well-formed, the compiled .mo files
match them, pages render in the user's language, and domain errors follow the active language."""

from __future__ import annotations

from pathlib import Path

import polib  # type: ignore[import-untyped]
import pytest
from django.conf import settings
from django.utils import translation

from supportdesk.accounts.choices import GroupAccess
from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import NotFound, ValidationFailed
from supportdesk.core.pagination import paginate
from supportdesk.locale.fill_translations import entry_problems, placeholders, problems
from supportdesk.testing.factories import AgentFactory, add_member
from supportdesk.tickets.actions import add_article, normalize_tag, update_ticket
from supportdesk.tickets.models import Notification, Ticket

LANGUAGES = ("de", "hu", "lv")
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "hu": "nplurals=2; plural=(n != 1);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
}


def _catalog_dir(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES"


def _as_dict(entries: list[polib.POEntry] | polib.POFile | polib.MOFile) -> dict[tuple[str, str], object]:
    """(msgctxt, msgid) -> msgstr, or the plural forms as a sorted tuple."""
    out: dict[tuple[str, str], object] = {}
    for entry in entries:
        if not entry.msgid:
            continue
        key = (entry.msgctxt or "", entry.msgid)
        out[key] = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
    return out


# --- The catalogs --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_not_fuzzy_and_keeps_placeholders(language):
    po = polib.pofile(str(_catalog_dir(language) / "django.po"))
    entries = [e for e in po if not e.obsolete]

    assert len(entries) > 300
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == language
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[language]
    assert {e.msgid: entry_problems(e) for e in entries if entry_problems(e)} == {}
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []
    assert [e.msgid for e in entries if not e.translated()] == []
    for entry in entries:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == int(PLURAL_FORMS[language].split(";")[0].split("=")[1])
            for index, text in entry.msgstr_plural.items():
                assert placeholders(text) == placeholders(entry.msgid if index == 0 else entry.msgid_plural)
        else:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_matches_the_po_file(language):
    po = polib.pofile(str(_catalog_dir(language) / "django.po"))
    mo = polib.mofile(str(_catalog_dir(language) / "django.mo"))

    assert _as_dict(mo) == _as_dict([e for e in po if not e.obsolete and e.translated()])


def test_the_checker_catches_broken_translations():
    assert problems("At most %(n)s characters.", "Höchstens %(count)s Zeichen.") == ["placeholders ['%(n)s'] != ['%(count)s']"]
    assert problems('Merged into <a href="%(url)s">x</a>.', "Zusammengeführt in x.") == [
        "placeholders ['%(url)s'] != []",
        "HTML tags differ",
    ]
    assert problems("Reply sent.", "Antwort gesendet") == ["should end with '.'"]
    assert problems("Reply sent.", " ") == ["empty", "should end with '.'"]
    assert problems("%(h)d h %(m)02d min", "%(h)d Std. %(m)02d Min.") == []


# --- Rendering in the user's language --------------------------------------------------------------

SIGN_IN = {
    "de": ("Anmelden", "Passwort vergessen?", "E-Mail-Adresse"),
    "hu": ("Bejelentkezés", "Elfelejtette a jelszavát?", "E-mail-cím"),
    "lv": ("Pieteikties", "Aizmirsāt paroli?", "E-pasta adrese"),
}
INBOX = {
    "de": ("Posteingang", "Meine offenen Tickets", "Filter und Sortierung", "Zuweisen an …"),
    "hu": ("Beérkezett jegyek", "Saját nyitott jegyeim", "Szűrés és rendezés", "Kiosztás…"),
    "lv": ("Iesūtne", "Mani atvērtie pieteikumi", "Filtri un kārtošana", "Piešķirt…"),
}
TICKET_PAGE = {
    "de": ("Interne Notiz hinzufügen", "Antwort senden", "Alex Agent hat das Ticket erstellt", "Bearbeiter"),
    "hu": ("Belső megjegyzés hozzáadása", "Válasz küldése", "Alex Agent létrehozta a jegyet", "Felelős"),
    "lv": ("Pievienot iekšēju piezīmi", "Nosūtīt atbildi", "Alex Agent izveidoja pieteikumu", "Atbildīgais"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_page_follows_accept_language(client, language):
    html = client.get("/login/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert f'<html lang="{language}">' in html
    for text in SIGN_IN[language]:
        assert text in html
    assert "Forgot your password?" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_inbox_and_ticket_page_follow_the_users_language(client, agent, ticket, language):
    agent.language = language
    agent.save(update_fields=["language"])
    client.force_login(agent)

    inbox = client.get("/inbox/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()

    for text in INBOX[language]:
        assert text in inbox
    assert "My open tickets" not in inbox
    for text in TICKET_PAGE[language]:
        assert text in page
    assert "Send reply" not in page


@pytest.mark.django_db
def test_language_switch_saves_the_choice_and_translates_the_next_page(client, agent):
    client.force_login(agent)

    response = client.post("/language/", {"language": "lv", "next": "/inbox/"})
    agent.refresh_from_db()

    assert response.status_code == 302
    assert agent.language == "lv"
    assert "Mani atvērtie pieteikumi" in client.get("/inbox/").content.decode()


@pytest.mark.django_db
def test_translated_sentence_still_escapes_the_search_query(client, agent):
    agent.language = "de"
    agent.save(update_fields=["language"])
    client.force_login(agent)

    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()

    assert "Keine Tickets passen zu „&lt;script&gt;alert(1)&lt;/script&gt;“." in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.django_db
def test_merged_ticket_banner_is_one_translated_sentence_with_its_link(client, agent, make_ticket):
    from supportdesk.tickets.actions import merge_tickets

    source, target = make_ticket(), make_ticket(subject="Survivor")
    merge_tickets(agent, source, target)
    agent.language = "hu"
    agent.save(update_fields=["language"])
    client.force_login(agent)

    html = client.get(f"/tickets/{source.pk}/").content.decode()

    assert f'Ezt a jegyet összevonták egy <a href="/tickets/{target.pk}/">másik jeggyel</a>.' in html


# --- Domain messages in the active language ----------------------------------------------------


@pytest.mark.django_db
def test_domain_errors_are_translated_at_raise_time(agent, ticket):
    with translation.override("de"), pytest.raises(ValidationFailed) as priority:
        update_ticket(agent, ticket, {"priority": "whenever"})
    with translation.override("hu"), pytest.raises(ValidationFailed) as tag:
        normalize_tag("x" * 65)
    with translation.override("lv"), pytest.raises(ValidationFailed) as cursor:
        paginate(Ticket.objects.all(), order=["-id"], cursor="not-a-cursor!", limit=5)

    assert priority.value.message == "Unbekannte Priorität."
    assert priority.value.field_errors == {"priority": "Unbekannte Priorität."}
    assert tag.value.field_errors == {"tags": "Egy címke 1–64 nyomtatható karakterből áll."}
    assert cursor.value.message == "Nederīgs kursors."
    with translation.override("de"):
        assert NotFound().message == "Nicht gefunden."
    assert NotFound().message == "Not found."


@pytest.mark.django_db
def test_english_messages_stay_word_for_word(agent, ticket):
    with pytest.raises(ValidationFailed) as exc:
        update_ticket(agent, ticket, {"priority": "whenever"})

    assert exc.value.message == "Unknown priority."
    assert exc.value.field_errors == {"priority": "Unknown priority."}


@pytest.mark.django_db
def test_mention_notification_is_written_in_the_recipients_language(agent, group: Group, ticket):
    colleague: User = AgentFactory.create(email="greta@support.example", full_name="Greta", language="de")
    add_member(group, colleague, GroupAccess.WRITE)

    with translation.override("lv"):  # the author's language must not leak into the recipient's text
        add_article(agent, ticket, body_text="@greta@support.example please look", is_internal=True)

    assert Notification.objects.get(user=colleague).text == f"Alex Agent hat Sie in {ticket.display_number} erwähnt"
