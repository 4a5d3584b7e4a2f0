"""`supportdesk ai evaluate`: how well the classifier pipeline does on a labelled dataset.

    supportdesk ai evaluate --dataset FILE --text-col C [--text-col C2] --label-col L
        [--format auto|csv|json] [--test-dataset FILE] [--language-col LC [--language en,de]]
        [--test-size 0.2] [--limit N] [--seed 7] [--json]
    supportdesk ai evaluate --task language --dataset DIR [--languages en,de,hu,lv] [--kind sentences]

Classification trains the same pipeline as `supportdesk ai train` (supportdesk.ai.features) on a
split of the dataset (or on the whole file with --test-dataset as the test set) and prints accuracy,
macro-F1, per-class precision/recall/F1, train time and one-at-a-time predict latency p50/p95, next
to two baselines: the majority class, and keywords (the most class-specific words per class learned
from the training split, predicting the class with the most hits). Nothing is saved: models fitted
on evaluation datasets (some are non-commercial) never become TrainedModel rows.

The language task reads a lingua-style test directory (<kind>/<code>.txt, one item a line, gold =
file name) and scores supportdesk.ai.language.detect when it exists, else lingua restricted to the
given languages.
"""

from __future__ import annotations

import csv
import json
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from supportdesk.ai import classifier
from supportdesk.ai.features import words
from supportdesk.ai.training import fit_scored, score, split

LATENCY_SAMPLES = 500
KEYWORDS_PER_CLASS = 10
MIN_KEYWORD_COUNT = 3


# --- reading datasets ---------------------------------------------------------------------------------


def read_records(path: Path, fmt: str = "auto") -> list[dict[str, Any]]:
    """Rows of a CSV (header row) or JSON file (a list of objects, {"data"|"examples": [...]}, or JSON lines)."""
    if not path.is_file():
        raise CommandError(f"No such file: {path}")
    if fmt == "auto":
        fmt = "json" if path.suffix.lower() in {".json", ".jsonl"} else "csv"
    if fmt == "csv":
        csv.field_size_limit(sys.maxsize)
        with path.open(newline="", encoding="utf-8", errors="replace") as handle:
            return list(csv.DictReader(handle))
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise CommandError(f"{path} is neither JSON nor JSON lines: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("data") or data.get("examples") or data.get("records") or []
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise CommandError(f"{path}: expected a list of objects.")
    return data


def _text(row: dict[str, Any], columns: Sequence[str]) -> str:
    # Some exports keep line breaks as the two characters backslash and n.
    return "\n".join(str(row.get(c) or "") for c in columns).replace("\\n", "\n").strip()


def _label(value: Any) -> str:
    if isinstance(value, list):
        return "+".join(sorted(str(v) for v in value))
    return "" if value is None else str(value).strip()


def examples(
    rows: list[dict[str, Any]], *, text_cols: Sequence[str], label_col: str, language_col: str = "", languages: Sequence[str] = ()
) -> tuple[list[str], list[str], list[str]]:
    """(texts, labels, languages) of the rows with a text and a label, filtered to `languages` if given."""
    if rows:
        missing = [c for c in [*text_cols, label_col, *([language_col] if language_col else [])] if c not in rows[0]]
        if missing:
            raise CommandError(f"Unknown column(s): {', '.join(missing)}. Columns: {', '.join(rows[0])}")
    texts, labels, langs = [], [], []
    for row in rows:
        text, label = _text(row, text_cols), _label(row.get(label_col))
        lang = str(row.get(language_col) or "") if language_col else ""
        if not text or not label or (languages and lang not in languages):
            continue
        texts.append(text)
        labels.append(label)
        langs.append(lang)
    return texts, labels, langs


# --- baselines ------------------------------------------------------------------------------------------


def majority_baseline(train_y: Sequence[str], test_count: int) -> list[str]:
    majority = Counter(train_y).most_common(1)[0][0]
    return [majority] * test_count


def learn_keywords(train_x: Sequence[str], train_y: Sequence[str], per_class: int = KEYWORDS_PER_CLASS) -> dict[str, list[str]]:
    """Per class, the words seen at least MIN_KEYWORD_COUNT times whose share in that class is highest."""
    in_class: dict[str, Counter[str]] = defaultdict(Counter)
    overall: Counter[str] = Counter()
    for text, label in zip(train_x, train_y, strict=True):
        seen = set(words(text))
        in_class[label].update(seen)
        overall.update(seen)
    keywords = {}
    for label, counts in in_class.items():
        ranked = sorted(
            (w for w, n in counts.items() if n >= MIN_KEYWORD_COUNT and len(w) > 2),
            key=lambda w: (-(counts[w] / overall[w]) * min(counts[w], 20), w),
        )
        keywords[label] = ranked[:per_class]
    return keywords


def keyword_baseline(keywords: dict[str, list[str]], texts: Sequence[str], fallback: str) -> list[str]:
    vocab = {label: set(ws) for label, ws in keywords.items()}
    predicted = []
    for text in texts:
        seen = set(words(text))
        hits = sorted(((len(seen & ws), label) for label, ws in vocab.items()), key=lambda item: (-item[0], item[1]))
        predicted.append(hits[0][1] if hits and hits[0][0] > 0 else fallback)
    return predicted


# --- running ------------------------------------------------------------------------------------------------


def _latency(function: Callable[[str], Any], texts: Sequence[str]) -> dict[str, float]:
    samples = []
    for text in texts[:LATENCY_SAMPLES]:
        started = time.perf_counter()
        function(text)
        samples.append((time.perf_counter() - started) * 1000)
    if not samples:
        return {"p50_ms": 0.0, "p95_ms": 0.0}
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 3), "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 3)}


def evaluate_classification(
    texts: list[str],
    labels: list[str],
    *,
    test: tuple[list[str], list[str]] | None = None,
    langs: list[str] | None = None,
    test_size: float = 0.2,
    seed: int = 7,
) -> dict[str, Any]:
    if len(set(labels)) < 2:
        raise CommandError("Need at least two different labels.")
    if test is None:
        keyed = [f"{i}" for i in range(len(texts))]
        train_i, test_i, _a, _b, classes = split(keyed, labels, multilabel=False, test_size=test_size, seed=seed)
        order_train, order_test = [int(i) for i in train_i], [int(i) for i in test_i]
        train_x, train_y = [texts[i] for i in order_train], [labels[i] for i in order_train]
        test_x, test_y = [texts[i] for i in order_test], [labels[i] for i in order_test]
        test_langs = [langs[i] for i in order_test] if langs else []
    else:
        train_x, train_y = texts, labels
        test_x, test_y = test
        classes = sorted(set(labels) | set(test_y))
        test_langs = []
    pipeline, metrics = fit_scored(train_x, train_y, test_x, test_y, classes, multilabel=False)
    predicted = list(pipeline.predict(test_x))
    # Timed the way supportdesk.ai.classifier predicts (compiled weights), so the figure is what ships.
    compiled = classifier.compile_model({"pipeline": pipeline, "multilabel": False, "labels": []})
    metrics["latency"] = _latency(lambda text: classifier._probabilities(compiled, text), test_x)
    majority = majority_baseline(train_y, len(test_y))
    keywords = learn_keywords(train_x, train_y)
    result: dict[str, Any] = {
        "model": metrics,
        "baselines": {
            "majority": {k: v for k, v in score(test_y, majority, classes).items() if k != "per_class"} | {"label": majority[0]},
            "keywords": {
                k: v for k, v in score(test_y, keyword_baseline(keywords, test_x, majority[0]), classes).items() if k != "per_class"
            },
        },
    }
    if test_langs:
        per_language: dict[str, list[bool]] = defaultdict(list)
        for lang, truth, guess in zip(test_langs, test_y, predicted, strict=True):
            per_language[lang].append(truth == guess)
        result["per_language"] = {
            lang: {"accuracy": round(sum(hits) / len(hits), 4), "n": len(hits)} for lang, hits in sorted(per_language.items())
        }
    return result


def _detector(languages: Sequence[str]) -> Callable[[str], str]:
    try:
        from supportdesk.ai.language import detect
    except ImportError:
        return _lingua(languages)
    return lambda text: detect(text)[0]


def _lingua(languages: Sequence[str]) -> Callable[[str], str]:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in languages]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()

    def detect_lingua(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found is not None else ""

    return detect_lingua


def evaluate_language(directory: Path, *, languages: Sequence[str], kind: str = "sentences", limit: int | None = None) -> dict[str, Any]:
    texts, gold = [], []
    for code in languages:
        path = directory / kind / f"{code}.txt"
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        lines = lines[:limit] if limit else lines
        texts.extend(lines)
        gold.extend([code] * len(lines))
    detect = _detector(languages)
    started = time.perf_counter()
    guesses = [detect(text) for text in texts]
    elapsed = time.perf_counter() - started
    classes = sorted(set(languages))
    result = {"model": score(gold, guesses, classes) | {"examples": len(texts), "seconds": round(elapsed, 3)}}
    result["model"]["latency"] = _latency(detect, texts[:: max(1, len(texts) // LATENCY_SAMPLES)])
    majority = majority_baseline(gold, len(gold))
    result["baselines"] = {"majority": {k: v for k, v in score(gold, majority, classes).items() if k != "per_class"}}
    return result


# --- the command ---------------------------------------------------------------------------------------


def add_arguments(parser: Any) -> None:
    parser.add_argument("--task", choices=["classify", "language"], default="classify")
    parser.add_argument("--dataset", required=True, help="CSV or JSON file (classify), or a lingua test directory (language).")
    parser.add_argument("--format", choices=["auto", "csv", "json"], default="auto")
    parser.add_argument("--test-dataset", help="Score on this file instead of a split of --dataset.")
    parser.add_argument("--text-col", action="append", default=[], help="Text column; repeat to join several (subject, body).")
    parser.add_argument("--label-col", default="")
    parser.add_argument("--language-col", default="", help="Report accuracy per language of this column.")
    parser.add_argument("--language", default="", help="Keep only rows whose --language-col is one of these (comma-separated).")
    parser.add_argument("--languages", default="en,de,hu,lv", help="Language task: codes to test.")
    parser.add_argument("--kind", default="sentences", choices=["sentences", "word-pairs", "single-words"])
    parser.add_argument("--test-size", type=float, default=0.2)
    parser.add_argument("--limit", type=int, default=None, help="Use at most N rows (shuffled first) of each file.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")


def _rows(path: str, options: dict[str, Any], filter_languages: list[str]) -> tuple[list[str], list[str], list[str]]:
    if not options["text_col"] or not options["label_col"]:
        raise CommandError("--text-col and --label-col are required for classification.")
    rows = read_records(Path(path), options["format"])
    random.Random(options["seed"]).shuffle(rows)
    texts, labels, langs = examples(
        rows,
        text_cols=options["text_col"],
        label_col=options["label_col"],
        language_col=options["language_col"],
        languages=filter_languages,
    )
    if options["limit"]:
        texts, labels, langs = texts[: options["limit"]], labels[: options["limit"]], langs[: options["limit"]]
    return texts, labels, langs


def run(command: Any, options: dict[str, Any]) -> None:
    if not 0.0 < options["test_size"] < 1.0:
        raise CommandError("--test-size must be between 0 and 1.")
    if options["limit"] is not None and options["limit"] < 1:
        raise CommandError("--limit must be positive.")
    if options["task"] == "language":
        languages = [code.strip().lower() for code in options["languages"].split(",") if code.strip()]
        result = evaluate_language(Path(options["dataset"]), languages=languages, kind=options["kind"], limit=options["limit"])
    else:
        filter_languages = [code.strip() for code in options["language"].split(",") if code.strip()]
        texts, labels, langs = _rows(options["dataset"], options, filter_languages)
        test = None
        if options["test_dataset"]:
            test_x, test_y, _langs = _rows(options["test_dataset"], options, filter_languages)
            test = (test_x, test_y)
        result = evaluate_classification(
            texts, labels, test=test, langs=langs if options["language_col"] else None, test_size=options["test_size"], seed=options["seed"]
        )
    command.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) if options["json"] else report(result))


def report(result: dict[str, Any]) -> str:
    model = result["model"]
    lines = [
        f"model      accuracy {model['accuracy']:.3f}  macro-F1 {model['macro_f1']:.3f}  "
        f"(examples {model.get('examples', '?')}, test {model.get('test_examples', model.get('examples', '?'))})",
    ]
    for name, figures in result["baselines"].items():
        lines.append(f"{name:10} accuracy {figures['accuracy']:.3f}  macro-F1 {figures['macro_f1']:.3f}")
    if "train_seconds" in model:
        lines.append(f"train time {model['train_seconds']:.2f}s")
    latency = model.get("latency", {})
    lines.append(f"predict latency p50 {latency.get('p50_ms', 0):.2f} ms  p95 {latency.get('p95_ms', 0):.2f} ms (one text at a time)")
    for lang, figures in result.get("per_language", {}).items():
        lines.append(f"language {lang or '-'}: accuracy {figures['accuracy']:.3f} (n={figures['n']})")
    lines.append(f"{'class':30} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
    for name, c in model["per_class"].items():
        lines.append(f"{name[:30]:30} {c['precision']:9.3f} {c['recall']:7.3f} {c['f1']:6.3f} {c['support']:8d}")
    return "\n".join(lines)
