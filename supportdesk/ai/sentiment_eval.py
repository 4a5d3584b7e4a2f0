"""`supportdesk ai evaluate-sentiment`: how well the word-list analyser agrees with a labelled corpus.

    supportdesk ai evaluate-sentiment --dataset PATH --language hu|lv|de|en
        [--format auto|json|jsonl|csv|tsv] [--text-col C] [--label-col L] [--limit N]
        [--neutral-band 0.2] [--json]

Labels are mapped to negative / neutral / positive ("neg", "negative", "-1", "0"=neutral, ...).
Rows with an empty text or an unknown label are skipped and counted. The analyser's score is read
as negative below -band, positive above +band, neutral between. Reports accuracy, macro-F1 (over
the three classes), precision / recall / F1 per class, the majority-class baseline (the most
frequent class of the evaluated rows: an upper bound for a constant guess) and latency per text.
Nothing is trained: the figures are held-out by construction.
"""

from __future__ import annotations

import csv
import json
import time
from argparse import ArgumentParser
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from supportdesk.ai.sentiment import analyse

CLASSES = ("negative", "neutral", "positive")
DEFAULT_NEUTRAL_BAND = 0.2
TEXT_COLUMNS = ("text", "Sent", "sentence", "tweet_text", "body")
LABEL_COLUMNS = ("label", "Label", "sentiment", "polarity")
LABELS = {
    "negative": "negative", "neg": "negative", "-1": "negative", "-": "negative", "n": "negative",
    "neutral": "neutral", "neu": "neutral", "0": "neutral", "objective": "neutral",
    "positive": "positive", "pos": "positive", "1": "positive", "+1": "positive", "+": "positive", "p": "positive",
}  # fmt: skip


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--dataset", required=True, help="JSON list, JSON lines, CSV or TSV file.")
    parser.add_argument("--format", default="auto", choices=["auto", "json", "jsonl", "csv", "tsv"])
    parser.add_argument("--text-col", default="", help=f"Text field (default: the first of {', '.join(TEXT_COLUMNS)} found).")
    parser.add_argument("--label-col", default="", help=f"Label field (default: the first of {', '.join(LABEL_COLUMNS)} found).")
    parser.add_argument("--language", required=True, help="Language code passed to the analyser (hu, lv, de, en).")
    parser.add_argument("--limit", type=int, default=0, help="Evaluate at most N rows (0: all).")
    parser.add_argument("--neutral-band", type=float, default=DEFAULT_NEUTRAL_BAND, help="Scores within +-band count as neutral.")
    parser.add_argument("--json", action="store_true", help="Print the report as JSON.")


def run(command: Any, options: dict[str, Any]) -> None:
    path = Path(options["dataset"])
    if not path.is_file():
        raise CommandError(f"No such dataset file: {path}")
    if options["limit"] < 0 or not 0 <= options["neutral_band"] < 1:
        raise CommandError("--limit must be >= 0 and --neutral-band in [0, 1).")
    rows = read_rows(path, options["format"])
    report = evaluate(
        rows,
        language=options["language"],
        text_col=options["text_col"],
        label_col=options["label_col"],
        limit=options["limit"],
        neutral_band=options["neutral_band"],
    )
    report["dataset"] = str(path)
    if options["json"]:
        command.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        command.stdout.write(format_report(report))


def read_rows(path: Path, fmt: str) -> Iterator[dict[str, Any]]:
    """Rows of a JSON list (of objects), JSON lines, CSV or TSV file, as dicts."""
    if fmt == "auto":
        suffix = path.suffix.lower()
        fmt = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}.get(suffix, "json")
    try:
        if fmt == "json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict):  # {"data": [...]} or similar: the first list value
                data = next((value for value in data.values() if isinstance(value, list)), [])
            if not isinstance(data, list):
                raise CommandError(f"{path}: expected a JSON list of objects.")
            yield from (row for row in data if isinstance(row, dict))
        elif fmt == "jsonl":
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    if line.strip():
                        row = json.loads(line)
                        if isinstance(row, dict):
                            yield row
        else:
            with path.open(encoding="utf-8", newline="") as handle:
                yield from csv.DictReader(handle, delimiter="\t" if fmt == "tsv" else ",")
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error) as exc:
        raise CommandError(f"{path}: cannot read as {fmt}: {exc}") from exc


def map_label(value: Any) -> str | None:
    """negative / neutral / positive for a corpus label, None when unknown."""
    return LABELS.get(str(value).strip().lower()) if value is not None else None


def label_of(score: float, neutral_band: float) -> str:
    if score < -neutral_band:
        return "negative"
    if score > neutral_band:
        return "positive"
    return "neutral"


def evaluate(
    rows: Iterator[dict[str, Any]],
    *,
    language: str,
    text_col: str = "",
    label_col: str = "",
    limit: int = 0,
    neutral_band: float = DEFAULT_NEUTRAL_BAND,
) -> dict[str, Any]:
    """Run the analyser over labelled rows; return the metrics as a plain dict."""
    gold: list[str] = []
    predicted: list[str] = []
    latencies: list[float] = []
    skipped = 0
    for row in rows:
        if limit and len(gold) >= limit:
            break
        text_key = text_col or next((key for key in TEXT_COLUMNS if key in row), "")
        label_key = label_col or next((key for key in LABEL_COLUMNS if key in row), "")
        if text_key not in row or label_key not in row:
            raise CommandError(f"Row without the text or label column (have: {', '.join(map(str, row))}).")
        text, label = row[text_key], map_label(row[label_key])
        if not isinstance(text, str) or not text.strip() or label is None:
            skipped += 1
            continue
        started = time.perf_counter()
        score = analyse(text, language).sentiment
        latencies.append((time.perf_counter() - started) * 1000)
        gold.append(label)
        predicted.append(label_of(score, neutral_band))
    if not gold:
        raise CommandError("No usable rows (check --text-col, --label-col and the labels).")
    majority, _ = Counter(gold).most_common(1)[0]
    return {
        "language": language,
        "rows": len(gold),
        "skipped": skipped,
        "neutral_band": neutral_band,
        "gold_distribution": {label: gold.count(label) for label in CLASSES},
        "predicted_distribution": {label: predicted.count(label) for label in CLASSES},
        "analyser": scores(gold, predicted),
        "majority_baseline": {"label": majority, **scores(gold, [majority] * len(gold))},
        "latency_ms": percentiles(latencies),
    }


def scores(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over CLASSES and per-class precision / recall / F1 / support."""
    per_class = {}
    for label in CLASSES:
        true_positive = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        predicted_count = predicted.count(label)
        support = gold.count(label)
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": support}
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "accuracy": round(correct / len(gold), 4) if gold else 0.0,
        "macro_f1": round(sum(item["f1"] for item in per_class.values()) / len(CLASSES), 4),
        "per_class": per_class,
    }


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {"p50": 0.0, "p95": 0.0, "max": 0.0}

    def at(fraction: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 4)

    return {"p50": at(0.5), "p95": at(0.95), "max": round(ordered[-1], 4)}


def format_report(report: dict[str, Any]) -> str:
    analyser, baseline, latency = report["analyser"], report["majority_baseline"], report["latency_ms"]
    lines = [
        f"dataset: {report.get('dataset', '')}  language: {report['language']}  rows: {report['rows']}  skipped: {report['skipped']}",
        f"gold: {report['gold_distribution']}  predicted: {report['predicted_distribution']}  neutral band: +-{report['neutral_band']}",
        f"analyser:          accuracy {analyser['accuracy']:.4f}  macro-F1 {analyser['macro_f1']:.4f}",
        f"majority baseline: accuracy {baseline['accuracy']:.4f}  macro-F1 {baseline['macro_f1']:.4f}  (always {baseline['label']})",
        "class      precision  recall  f1      support",
    ]
    for label, item in analyser["per_class"].items():
        lines.append(f"{label:<10} {item['precision']:<10.4f} {item['recall']:<7.4f} {item['f1']:<7.4f} {item['support']}")
    lines.append(f"latency ms per text: p50 {latency['p50']:.4f}  p95 {latency['p95']:.4f}  max {latency['max']:.4f}")
    return "\n".join(lines)
