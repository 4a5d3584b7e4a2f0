"""The word-list sentiment and urgency analyser (pure functions, no database)."""

from __future__ import annotations

import time

import pytest

from supportdesk.ai.sentiment import MAX_CHARS, MAX_CUES, Analysis, analyse

ANGRY_URGENT = {
    "en": "This is UNACCEPTABLE!!! Third time I write, the server is still not working. Fix it ASAP today.",
    "de": "Das ist eine Frechheit!!! Schon wieder ist der Server down, ich kündige meinen Vertrag. Bitte dringend heute beheben.",
    "hu": "Ez elfogadhatatlan!!! Már megint nem működik a rendszer. Sürgősen javítsák még ma.",
    "lv": "Tas ir nepieņemami!!! Internets atkal nedarbojas. Lūdzu steidzami salabojiet šodien.",
}
ANGRY_URGENT_PLAIN = {
    "de": "Das ist eine Frechheit!!! Schon wieder ist der Server down, ich kuendige meinen Vertrag. Bitte dringend heute beheben.",
    "hu": "Ez elfogadhatatlan!!! Mar megint nem mukodik a rendszer. Surgosen javitsak meg ma.",
    "lv": "Tas ir nepienemami!!! Internets atkal nedarbojas. Ludzu steidzami salabojiet sodien.",
}
HAPPY = {
    "en": "Thank you, great support, everything works perfectly now.",
    "de": "Vielen Dank, das war eine hervorragende und schnelle Hilfe, ich bin sehr zufrieden.",
    "hu": "Nagyon köszönöm a gyors és kiváló segítséget, tökéletesen működik.",
    "lv": "Liels paldies, lielisks atbalsts, viss strādā perfekti!",
}
NEUTRAL = {
    "en": "Hello, I would like to change the billing address on my invoice to our new office. Best regards",
    "de": "Guten Tag, ich möchte die Rechnungsadresse auf unser neues Büro ändern. Mit freundlichen Grüßen",
    "hu": "Jó napot, szeretném módosítani a számlázási címet az új irodánkra. Üdvözlettel",
    "lv": "Labdien, vēlos mainīt rēķina adresi uz mūsu jauno biroju. Ar cieņu",
}
EXPECTED_CUES = {
    "en": {"anger:third time", "anger:still not", "outage:not working", "urgent:asap", "deadline:today", "exclamations:3"},
    "de": {"anger:frechheit", "anger:schon wieder", "anger:kündige", "outage:down", "urgent:dringend", "deadline:heute", "exclamations:3"},
    "hu": {"anger:elfogadhatatlan", "anger:már megint", "outage:nem működik", "urgent:sürgősen", "deadline:még ma", "exclamations:3"},
    "lv": {"anger:nepieņemami", "anger:atkal", "outage:nedarbojas", "urgent:steidzami", "deadline:šodien", "exclamations:3"},
}


@pytest.mark.parametrize("language", ["en", "de", "hu", "lv"])
def test_angry_urgent_message_is_negative_and_urgent_with_its_cues(language: str) -> None:
    result = analyse(ANGRY_URGENT[language], language)
    assert result.sentiment < -0.8
    assert result.urgency > 0.7
    assert EXPECTED_CUES[language] <= set(result.cues)


@pytest.mark.parametrize("language", ["de", "hu", "lv"])
def test_text_typed_without_diacritics_matches_like_the_original(language: str) -> None:
    original = analyse(ANGRY_URGENT[language], language)
    plain = analyse(ANGRY_URGENT_PLAIN[language], language)
    assert plain.sentiment == pytest.approx(original.sentiment, abs=0.05)
    assert plain.urgency == pytest.approx(original.urgency, abs=0.05)
    assert len(plain.cues) == len(original.cues)


@pytest.mark.parametrize("language", ["en", "de", "hu", "lv"])
def test_happy_message_is_positive_and_not_urgent(language: str) -> None:
    result = analyse(HAPPY[language], language)
    assert result.sentiment > 0.6
    assert result.urgency == 0.0


@pytest.mark.parametrize("language", ["en", "de", "hu", "lv"])
def test_neutral_request_with_greetings_scores_near_zero(language: str) -> None:
    result = analyse(NEUTRAL[language], language)
    assert abs(result.sentiment) < 0.1
    assert result.urgency == 0.0
    assert result.cues == []


@pytest.mark.parametrize(
    ("language", "plain", "negated"),
    [
        ("en", "The answer was good.", "The answer was not good."),
        ("de", "Die Antwort war gut.", "Die Antwort war nicht gut."),
        ("hu", "A válasz jó volt.", "A válasz nem volt jó."),
        ("lv", "Atbilde bija laba.", "Atbilde nebija laba."),
        ("lv", "Ēdiens bija garšīgs.", "Ēdiens bija negaršīgs."),  # negation written on the adjective
    ],
)
def test_negation_flips_the_next_sentiment_word(language: str, plain: str, negated: str) -> None:
    assert analyse(plain, language).sentiment > 0.2
    result = analyse(negated, language)
    assert result.sentiment < -0.1
    assert any(cue.startswith(("negated:", "word:")) for cue in result.cues)


def test_negated_negative_is_only_mildly_positive_and_negation_stops_at_the_clause() -> None:
    assert 0 < analyse("Not bad at all.", "en").sentiment < 0.4
    # "not" belongs to the first clause; "great" after the full stop stays positive.
    assert analyse("It was not. Great work!", "en").sentiment > 0.3


def test_intensifier_strengthens_the_next_word() -> None:
    assert analyse("very bad", "en").sentiment < analyse("bad", "en").sentiment < 0
    assert analyse("nagyon rossz", "hu").sentiment < analyse("rossz", "hu").sentiment < 0


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ich habe schon bezahlt.", "de"),  # "schon" (already) is not "schön"
        ("A kenyér száraz volt.", "hu"),  # "száraz" (dry) does not start a profanity
        ("Utaltam a pénzt tegnap.", "hu"),  # "utal" (transfer) is not "utál" (hate)
        ("Scroll down to the invoice.", "en"),  # "down" alone is no outage
    ],
)
def test_look_alike_words_are_not_cues(text: str, language: str) -> None:
    assert analyse(text, language) == Analysis(0.0, 0.0, [])


def test_caps_exclamations_questions_and_emoticons() -> None:
    shouting = analyse("WHY DOES NOTHING WORK HERE??? This is bad!!!", "en")
    assert {"caps:4", "questions:3", "exclamations:3"} <= set(shouting.cues)
    assert shouting.sentiment < analyse("why does nothing work here? This is bad.", "en").sentiment
    # Marks only count against a text that is already negative.
    assert analyse("Thanks!!!", "en").sentiment > 0
    assert "emoticon:negative" in analyse("nu tā :(", "lv").cues
    assert analyse("paldies :D", "lv").sentiment > analyse("paldies", "lv").sentiment
    assert "emoticon:negative" not in analyse("see https://example.org/x", "en").cues


def test_unknown_or_odd_language_codes_use_the_english_lists() -> None:
    assert analyse("This is terrible", "xx").sentiment < -0.4
    assert analyse("This is terrible", "").sentiment < -0.4
    assert analyse("Das ist schrecklich", "DE-at").sentiment < -0.4


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\x00" * 1000,
        "\x00\x01\xff\ufffd" * 100_000,
        "😡" * 200_000,
        "UNACCEPTABLE!!! " * 200_000,
        "nem " * 300_000,
        "a" * 2_000_000,
        "\ud800 lone surrogate \udfff",
        "‮right-to-left override‬ terrible",
        "".join(chr(code) for code in range(0x20, 0x3000)),
    ],
)
def test_hostile_inputs_are_bounded_and_safe(text: str) -> None:
    started = time.perf_counter()
    result = analyse(text, "hu")
    elapsed = time.perf_counter() - started
    assert -1.0 <= result.sentiment <= 1.0
    assert 0.0 <= result.urgency <= 1.0
    assert len(result.cues) <= MAX_CUES
    assert all(isinstance(cue, str) and len(cue) <= 60 for cue in result.cues)
    assert elapsed < 1.0  # generous: the real budget is checked in bench/, not here


def test_only_the_start_of_a_huge_text_is_read() -> None:
    tail = " terrible" * 1000
    assert analyse("x" * MAX_CHARS + tail, "en") == Analysis(0.0, 0.0, [])
    assert analyse("terrible" + " x" * 10 + tail, "en").sentiment < 0


def test_non_string_input_is_treated_as_empty() -> None:
    assert analyse(None, "en") == Analysis()  # type: ignore[arg-type]
    assert analyse(b"terrible", "en") == Analysis()  # type: ignore[arg-type]
