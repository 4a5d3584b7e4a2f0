"""`supportdesk ai evaluate-sentiment` on tiny fixture files and, when present, the real corpora."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from supportdesk.ai.sentiment_eval import evaluate, label_of, map_label, scores

CORPUS = Path("/work/shared/corpus")
HUSST_DEV = CORPUS / "husst-hungarian-sentiment/data/sst_dev.json"
LTEC_TEST = CORPUS / "ltec-latvian-sentiment/sentiment-analysis/ltec-sentiment-annotated-test.json"

ROWS = [
    {"text": "This is terrible and unacceptable.", "label": "neg"},
    {"text": "Great, thank you, it works perfectly.", "label": "pos"},
    {"text": "Please change my billing address.", "label": "neu"},
    {"text": "I love it.", "label": "neg"},  # wrong on purpose: the analyser says positive
    {"text": "", "label": "pos"},  # skipped: no text
    {"text": "Something", "label": "mixed"},  # skipped: unknown label
]


def _run(*args: str) -> dict:
    out = StringIO()
    call_command("ai", "evaluate-sentiment", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_json_fixture_gives_exact_figures(tmp_path: Path) -> None:
    dataset = tmp_path / "tiny.json"
    dataset.write_text(json.dumps(ROWS), encoding="utf-8")
    report = _run("--dataset", str(dataset), "--language", "en")
    assert report["rows"] == 4
    assert report["skipped"] == 2
    assert report["gold_distribution"] == {"negative": 2, "neutral": 1, "positive": 1}
    assert report["predicted_distribution"] == {"negative": 1, "neutral": 1, "positive": 2}
    assert report["analyser"]["accuracy"] == 0.75
    # negative: P 1/1 R 1/2 F1 .6667; neutral: 1, 1, 1; positive: P 1/2 R 1 F1 .6667
    assert report["analyser"]["per_class"]["negative"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert report["analyser"]["macro_f1"] == pytest.approx((0.6667 + 1 + 0.6667) / 3, abs=1e-4)
    assert report["majority_baseline"]["label"] == "negative"
    assert report["majority_baseline"]["accuracy"] == 0.5
    assert report["latency_ms"]["p95"] >= 0


def test_csv_jsonl_and_tsv_with_named_columns_and_limit(tmp_path: Path) -> None:
    csv_path = tmp_path / "tiny.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "message", "polarity"])
        writer.writerow(["1", "Ez elfogadhatatlan, nagyon rossz.", "negative"])
        writer.writerow(["2", "Köszönöm, kiváló segítség.", "positive"])
        writer.writerow(["3", "Nem tudom.", "neutral"])
    report = _run("--dataset", str(csv_path), "--language", "hu", "--text-col", "message", "--label-col", "polarity", "--limit", "2")
    assert report["rows"] == 2
    assert report["analyser"]["accuracy"] == 1.0

    jsonl = tmp_path / "tiny.jsonl"
    jsonl.write_text(
        "\n".join(json.dumps({"tweet_text": t, "sentiment": s}) for t, s in [("Ļoti garšīgi, paldies!", "pos"), ("Briesmīgi.", "neg")]),
        encoding="utf-8",
    )
    assert _run("--dataset", str(jsonl), "--language", "lv")["analyser"]["accuracy"] == 1.0

    tsv = tmp_path / "tiny.tsv"
    tsv.write_text("Sent\tlabel\nDas ist schrecklich.\t-1\nDas ist super.\t1\n", encoding="utf-8")
    assert _run("--dataset", str(tsv), "--language", "de")["analyser"]["accuracy"] == 1.0


def test_plain_text_report(tmp_path: Path) -> None:
    dataset = tmp_path / "tiny.json"
    dataset.write_text(json.dumps(ROWS), encoding="utf-8")
    out = StringIO()
    call_command("ai", "evaluate-sentiment", "--dataset", str(dataset), "--language", "en", stdout=out)
    text = out.getvalue()
    assert "accuracy 0.7500" in text
    assert "majority baseline: accuracy 0.5000" in text
    assert "latency ms per text" in text


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, [], "No such dataset file"),
        ("{not json", [], "cannot read as json"),
        (json.dumps([{"text": "x", "label": "mixed"}]), [], "No usable rows"),
        (json.dumps([{"other": "x"}]), [], "without the text or label column"),
        (json.dumps(ROWS), ["--limit", "-1"], "--limit must be"),
        (json.dumps(ROWS), ["--neutral-band", "2"], "--neutral-band"),
    ],
)
def test_bad_input_is_a_clear_command_error(tmp_path: Path, content: str | None, args: list[str], message: str) -> None:
    dataset = tmp_path / "data.json"
    if content is not None:
        dataset.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("ai", "evaluate-sentiment", "--dataset", str(dataset), "--language", "en", *args, stdout=StringIO())


def test_binary_file_is_a_command_error(tmp_path: Path) -> None:
    dataset = tmp_path / "data.csv"
    dataset.write_bytes(b"\xff\xfe\x00\x00binary\x00")
    with pytest.raises(CommandError, match="cannot read as csv"):
        call_command("ai", "evaluate-sentiment", "--dataset", str(dataset), "--language", "en", stdout=StringIO())


def test_helpers() -> None:
    assert [map_label(v) for v in ("NEG", " neu ", "pos", -1, 0, 1, "x", None)] == [
        "negative", "neutral", "positive", "negative", "neutral", "positive", None, None,
    ]  # fmt: skip
    assert [label_of(s, 0.2) for s in (-0.5, -0.2, 0.0, 0.2, 0.21)] == ["negative", "neutral", "neutral", "neutral", "positive"]
    result = scores(["negative", "positive"], ["negative", "negative"])
    assert result["accuracy"] == 0.5
    assert result["per_class"]["negative"]["precision"] == 0.5
    assert result["per_class"]["positive"]["recall"] == 0.0
    assert evaluate(iter(ROWS), language="en", limit=1)["rows"] == 1


@pytest.mark.parametrize(("path", "language"), [(HUSST_DEV, "hu"), (LTEC_TEST, "lv")])
def test_real_corpus_beats_the_majority_baseline_on_macro_f1(path: Path, language: str) -> None:
    if not path.is_file():
        pytest.skip(f"corpus not present: {path}")
    report = _run("--dataset", str(path), "--language", language, "--limit", "400")
    assert report["rows"] == 400
    assert report["skipped"] == 0
    assert report["analyser"]["macro_f1"] > report["majority_baseline"]["macro_f1"] + 0.05
    assert report["latency_ms"]["p50"] < 2.0
