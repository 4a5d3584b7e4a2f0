"""Language detection: corpus samples (lingua-language-testdata, skipped when absent) and bad inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportdesk.ai.language import LANGUAGES, MAX_CHARS, detect

CORPUS = Path("/work/shared/corpus/lingua-language-testdata/sentences")
SAMPLES = 60


@pytest.mark.parametrize("code", ["en", "de", "hu", "lv"])
def test_corpus_sentences(code: str) -> None:
    path = CORPUS / f"{code}.txt"
    if not path.exists():
        pytest.skip("lingua-language-testdata is not available")
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:SAMPLES]
    hits = sum(1 for line in lines if detect(line)[0] == code)
    assert hits / len(lines) >= 0.95, f"{code}: {hits}/{len(lines)}"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The printer in room 4 is on fire, please send someone.", "en"),
        ("Der Drucker im Raum 4 brennt, bitte schicken Sie jemanden.", "de"),
        ("A nyomtató a 4-es teremben ég, kérem küldjenek valakit.", "hu"),
        ("Printeris 4. telpā deg, lūdzu, atsūtiet kādu.", "lv"),
        ("L'imprimante de la salle 4 est en feu, envoyez quelqu'un s'il vous plaît.", "fr"),
    ],
)
def test_ticket_like_text(text: str, code: str) -> None:
    found, confidence = detect(text)
    assert found == code
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize("text", ["", "  ", "!!", "12345 678", "ok", "\x00\x01\x02", "🔥🔥🔥"])
def test_too_short_or_no_letters(text: str) -> None:
    assert detect(text) == ("", 0.0)


def test_only_the_beginning_is_read() -> None:
    text = "Bitte helfen Sie mir, der Drucker geht nicht. " * 50 + "The rest is English. " * 10000
    assert len(text) > MAX_CHARS * 10
    assert detect(text)[0] == "de"


def test_codes_are_the_configured_ones() -> None:
    assert {"en", "de", "hu", "lv", "fr", "es", "it", "nl", "pl"} <= set(LANGUAGES)
    assert detect("Questo è un testo italiano abbastanza lungo per il rilevamento.")[0] in LANGUAGES
