"""`supportdesk ai evaluate`: figures and baselines on a small constructed file, the dataset layouts,
bad arguments, and a few hundred rows of the real corpora (skipped when /work/shared is absent)."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from supportdesk.ai import evaluation
from supportdesk.ai.tests.test_training import TOPICS, ticket_words

CORPUS = Path("/work/shared/corpus")
TICKETS = CORPUS / "tobi-bueck-support-tickets-partial" / "aa_dataset-tickets-multi-lang-5-2-50-version.csv"
BANKING = CORPUS / "polyai-banking77-nlupp" / "banking_data"
NLUPP = CORPUS / "polyai-banking77-nlupp" / "nlupp" / "data" / "banking" / "fold0.json"
LINGUA = CORPUS / "lingua-language-testdata"


def write_dataset(path: Path, rows: int = 240, seed: int = 5) -> Path:
    """Topic-labelled tickets in four languages; the topic words carry the label."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["subject", "body", "queue", "lang"])
        for n in range(rows):
            # Unbalanced on purpose, so the majority baseline is above 1/3.
            topic = ["printing", "printing", "billing", "network"][n % 4]
            language = ["en", "de", "hu", "lv"][(n // 4) % 4]
            subject, body = ticket_words(topic, language, rng)
            writer.writerow([subject, body.replace(". ", ".\\n"), topic, language])
    return path


def evaluate(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("ai", "evaluate", *args, "--json", stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def test_model_beats_both_baselines_on_a_constructed_dataset(tmp_path: Path) -> None:
    dataset = write_dataset(tmp_path / "tickets.csv")
    result = evaluate(
        "--dataset", str(dataset), "--text-col", "subject", "--text-col", "body", "--label-col", "queue", "--language-col", "lang"
    )
    model, baselines = result["model"], result["baselines"]
    assert baselines["majority"]["label"] == "printing"
    assert baselines["majority"]["accuracy"] == pytest.approx(0.5, abs=0.05)
    assert model["accuracy"] > baselines["majority"]["accuracy"] + 0.3
    assert model["accuracy"] >= baselines["keywords"]["accuracy"]
    assert model["macro_f1"] > baselines["majority"]["macro_f1"]
    assert set(model["per_class"]) == set(TOPICS)
    assert sum(c["support"] for c in model["per_class"].values()) == model["test_examples"] == 48
    assert model["train_examples"] == 192 and model["train_seconds"] > 0
    assert 0 < model["latency"]["p50_ms"] <= model["latency"]["p95_ms"]
    assert set(result["per_language"]) == {"en", "de", "hu", "lv"}
    assert sum(v["n"] for v in result["per_language"].values()) == 48


def test_text_report_language_filter_and_limit(tmp_path: Path) -> None:
    dataset = write_dataset(tmp_path / "tickets.csv")
    out = io.StringIO()
    call_command(
        "ai", "evaluate", "--dataset", str(dataset), "--text-col", "body", "--label-col", "queue",
        "--language-col", "lang", "--language", "de,hu", "--limit", "80", stdout=out,
    )  # fmt: skip
    report = out.getvalue()
    for needle in ("model      accuracy", "majority   accuracy", "keywords   accuracy", "predict latency p50", "printing", "language de:"):
        assert needle in report
    assert "language en:" not in report and "(examples 80, test 16)" in report


def test_json_layouts_and_a_separate_test_file(tmp_path: Path) -> None:
    rows = [
        {"text": f"{w} please", "intents": [label]}
        for label, ws in {"card": ["card", "pin"], "loan": ["loan", "rate"]}.items()
        for w in ws * 10
    ]
    (tmp_path / "train.json").write_text(json.dumps(rows), encoding="utf-8")
    (tmp_path / "test.jsonl").write_text("\n".join(json.dumps(r) for r in rows[::5]), encoding="utf-8")
    result = evaluate(
        "--dataset",
        str(tmp_path / "train.json"),
        "--test-dataset",
        str(tmp_path / "test.jsonl"),
        "--text-col",
        "text",
        "--label-col",
        "intents",
    )
    assert result["model"]["accuracy"] == 1.0 and result["model"]["test_examples"] == 8
    assert set(result["model"]["per_class"]) == {"card", "loan"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--text-col", "nope", "--label-col", "queue"], "Unknown column(s): nope"),
        (["--text-col", "body"], "--text-col and --label-col are required"),
        (["--text-col", "body", "--label-col", "queue", "--test-size", "1.5"], "--test-size"),
        (["--text-col", "body", "--label-col", "queue", "--limit", "0"], "--limit"),
        (["--text-col", "body", "--label-col", "lang", "--language-col", "lang", "--language", "de"], "two different labels"),
    ],
)
def test_bad_arguments_are_clear_errors(tmp_path: Path, args: list[str], message: str) -> None:
    dataset = write_dataset(tmp_path / "tickets.csv", rows=40)
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("ai", "evaluate", "--dataset", str(dataset), *args, stdout=io.StringIO())


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        evaluation.read_records(tmp_path / "absent.csv")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="neither JSON nor JSON lines"):
        evaluation.read_records(tmp_path / "bad.json")
    (tmp_path / "scalar.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(CommandError, match="list of objects"):
        evaluation.read_records(tmp_path / "scalar.json")


def test_keyword_baseline_learns_class_specific_words() -> None:
    texts = ["refund my invoice"] * 4 + ["vpn is down"] * 4 + ["hello invoice"]
    labels = ["billing"] * 4 + ["network"] * 4 + ["network"]
    keywords = evaluation.learn_keywords(texts, labels)
    assert keywords["billing"][:2] == ["refund", "invoice"] or keywords["billing"][:2] == ["invoice", "refund"]
    assert "hello" not in keywords["network"]
    assert evaluation.keyword_baseline(keywords, ["VPN broken", "refund please", "nothing"], "billing") == ["network", "billing", "billing"]


# --- the real corpora (a few hundred rows, so the suite stays fast) -----------------------------------------


@pytest.mark.skipif(not TICKETS.is_file(), reason="tobi-bueck corpus not present")
def test_real_support_tickets_queue_beats_majority() -> None:
    result = evaluate("--dataset", str(TICKETS), "--text-col", "subject", "--text-col", "body", "--label-col", "queue", "--limit", "400")
    assert result["model"]["examples"] == 400
    assert result["model"]["accuracy"] > result["baselines"]["majority"]["accuracy"]


@pytest.mark.skipif(not (BANKING / "train.csv").is_file(), reason="banking77 corpus not present")
def test_real_banking77_beats_majority() -> None:
    result = evaluate("--dataset", str(BANKING / "train.csv"), "--text-col", "text", "--label-col", "category", "--limit", "600")
    assert result["model"]["accuracy"] > result["baselines"]["majority"]["accuracy"] + 0.1


@pytest.mark.skipif(not NLUPP.is_file(), reason="NLU++ corpus not present")
def test_real_nlupp_json_folds_are_read() -> None:
    rows = evaluation.read_records(NLUPP)
    texts, labels, _langs = evaluation.examples(rows, text_cols=["text"], label_col="intents")
    assert len(texts) > 50 and all(texts) and all(labels)


@pytest.mark.skipif(not (LINGUA / "sentences" / "lv.txt").is_file(), reason="lingua test data not present")
def test_real_language_identification() -> None:
    result = evaluate("--task", "language", "--dataset", str(LINGUA), "--languages", "en,de,hu,lv", "--limit", "40")
    assert result["model"]["examples"] == 160
    assert result["model"]["accuracy"] > 0.9 > result["baselines"]["majority"]["accuracy"]
    assert set(result["model"]["per_class"]) == {"en", "de", "hu", "lv"}
