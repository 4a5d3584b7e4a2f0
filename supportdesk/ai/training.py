"""Training the classifiers on the instance's own solved tickets, and `supportdesk ai train`.

Examples are the solved and closed tickets (newest first, at most MAX_EXAMPLES): the text is the
subject and the first public article, the label the ticket's *final* value. So a group or priority
an agent corrected (by hand, or by undoing an applied prediction) is learnt as corrected: agent
corrections feed the next training without a separate log. Targets: group (active groups only, by
id), priority, type (only when a custom field with key "type" exists) and tags (one binary model per
tag for the TOP_TAGS most frequent).

A run claims the next version by inserting its TrainedModel row in state "training" (the unique
(target, version) constraint makes a second worker training the same target at the same moment fail
to claim and skip). The fit runs outside any transaction; at the end, in one transaction, the new
model becomes "ready" and the previous ready ones "retired", or the row becomes "failed" with the
error. The shipped model is the one fitted on the training split, so the stored held-out metrics
describe exactly that model.
"""

from __future__ import annotations

import io
import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import joblib
import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import Max, OuterRef, Subquery
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MultiLabelBinarizer

from supportdesk.accounts.models import User
from supportdesk.ai.choices import ModelState, Target
from supportdesk.ai.features import build_classifier, build_features, build_pipeline, ticket_text
from supportdesk.ai.models import AiSettings, TrainedModel
from supportdesk.core.progress import ProgressBar
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Article, CustomFieldDefinition, Ticket, TicketTag

logger = logging.getLogger(__name__)

MAX_EXAMPLES = 200_000
TOP_TAGS = 30
MIN_TAG_EXAMPLES = 5
TEST_SIZE = 0.2
TYPE_FIELD = "type"
TRAINED_STATES = (State.SOLVED, State.CLOSED)

Progress = Callable[[float, str], None]


def _no_progress(fraction: float, label: str) -> None:
    return None


# --- pure part: fit and score (used by training, evaluation and the benchmark) ---------------------


def fit_and_score(
    texts: Sequence[str],
    labels: Sequence[Any],
    *,
    multilabel: bool = False,
    test_size: float = TEST_SIZE,
    seed: int = 7,
    progress: Progress = _no_progress,
) -> tuple[Pipeline, dict[str, Any]]:
    """Fit the pipeline on a split of (texts, labels) and score it on the rest.

    Single-label: labels are strings. Multi-label: each label is a list of strings; the pipeline
    then predicts a 0/1 column per entry of `metrics["labels"]`. Returns the fitted pipeline and
    its held-out metrics (accuracy, macro-F1, per class, sizes, seconds).
    """
    started = time.perf_counter()
    train_x, test_x, train_y, test_y, classes = split(texts, labels, multilabel=multilabel, test_size=test_size, seed=seed)
    pipeline, metrics = fit_scored(train_x, train_y, test_x, test_y, classes, multilabel=multilabel, progress=progress)
    metrics.update(examples=len(texts), train_seconds=round(time.perf_counter() - started, 3))
    return pipeline, metrics


def split(
    texts: Sequence[str], labels: Sequence[Any], *, multilabel: bool, test_size: float = TEST_SIZE, seed: int = 7
) -> tuple[list[str], list[str], Any, Any, list[str]]:
    """A held-out split (stratified when every class has two examples); returns the classes too."""
    y: Any
    if multilabel:
        binarizer = MultiLabelBinarizer()
        y = binarizer.fit_transform(labels)
        classes = [str(c) for c in binarizer.classes_]
        stratify = None
    else:
        y = np.asarray([str(label) for label in labels])
        counts = Counter(y.tolist())
        classes = sorted(counts)
        stratify = y if min(counts.values()) >= 2 and len(counts) <= len(y) * test_size else None
    train_x, test_x, train_y, test_y = train_test_split(list(texts), y, test_size=test_size, random_state=seed, stratify=stratify)
    return train_x, test_x, train_y, test_y, classes


def fit_scored(
    train_x: list[str],
    train_y: Any,
    test_x: list[str],
    test_y: Any,
    classes: list[str],
    *,
    multilabel: bool,
    progress: Progress = _no_progress,
) -> tuple[Pipeline, dict[str, Any]]:
    started = time.perf_counter()
    progress(0.1, "fitting")
    pipeline = build_pipeline(len(train_x), multilabel=multilabel)
    pipeline.fit(train_x, train_y)
    fitted = time.perf_counter()
    progress(0.8, "scoring")
    metrics = score(test_y, pipeline.predict(test_x), classes) if len(test_x) else {"accuracy": 0.0, "macro_f1": 0.0, "per_class": {}}
    metrics.update(
        examples=len(train_x) + len(test_x),
        train_examples=len(train_x),
        test_examples=len(test_x),
        train_seconds=round(fitted - started, 3),
        labels=classes,
    )
    progress(1.0, "done")
    return pipeline, metrics


def score(truth: Any, predicted: Any, classes: list[str]) -> dict[str, Any]:
    """Accuracy (subset accuracy for multi-label), macro-F1 and per-class precision/recall/F1."""
    multilabel = getattr(truth, "ndim", 1) == 2
    labels: Any = list(range(len(classes))) if multilabel else classes
    precision, recall, f1, support = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    return {
        "accuracy": round(float(accuracy_score(truth, predicted)), 4),
        "macro_f1": round(float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)), 4),
        "per_class": {
            name: {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4), "support": int(s)}
            for name, p, r, f, s in zip(classes, precision, recall, f1, support, strict=True)
        },
    }


def dump_payload(pipeline: Pipeline, *, multilabel: bool, labels: list[str]) -> bytes:
    buffer = io.BytesIO()
    joblib.dump({"pipeline": pipeline, "multilabel": multilabel, "labels": labels}, buffer, compress=3)
    return buffer.getvalue()


def load_payload(data: bytes) -> dict[str, Any]:
    """Only ever called on TrainedModel.payload, which only this instance's training writes."""
    loaded: dict[str, Any] = joblib.load(io.BytesIO(bytes(data)))
    return loaded


# --- examples from the database ----------------------------------------------------------------------


def type_field_defined() -> bool:
    return CustomFieldDefinition.objects.filter(key=TYPE_FIELD, is_active=True).exists()


@dataclass
class Examples:
    """The solved tickets' texts, and per target the label of each (None: not an example of it)."""

    texts: list[str]
    labels: dict[str, list[Any]]


def load_examples(targets: Sequence[str], *, limit: int = MAX_EXAMPLES) -> Examples:
    """Texts and labels of the newest solved and closed tickets, in one query (plus one for tags)."""
    first_public = Article.objects.filter(ticket=OuterRef("pk"), is_internal=False).order_by("created_at", "id").values("body_text")[:1]
    tickets = Ticket.objects.filter(state__in=TRAINED_STATES).annotate(first_body=Subquery(first_public)).order_by("-id")
    rows = list(tickets.values_list("id", "subject", "first_body", "group_id", "group__is_active", "priority", "custom_fields")[:limit])
    tags_of = _tags_of([row[0] for row in rows]) if Target.TAGS in targets else {}
    keep = {tag for tag, n in Counter(t for ts in tags_of.values() for t in ts).most_common(TOP_TAGS) if n >= MIN_TAG_EXAMPLES}
    labels: dict[str, list[Any]] = {target: [] for target in targets}
    for ticket_id, _subject, _body, group_id, group_active, priority, custom in rows:
        for target in targets:
            label: Any
            if target == Target.GROUP:
                label = str(group_id) if group_active else None
            elif target == Target.PRIORITY:
                label = priority
            elif target == Target.TYPE:
                value = (custom or {}).get(TYPE_FIELD)
                label = str(value) if isinstance(value, str | int) and str(value) else None
            else:
                label = sorted(t for t in tags_of.get(ticket_id, ()) if t in keep)
            labels[target].append(label)
    texts = [ticket_text(subject, body or "") for _id, subject, body, *_rest in rows]
    return Examples(texts, labels)


def _tags_of(ticket_ids: list[int]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = {}
    wanted = set(ticket_ids)
    # One query over the solved tickets' tags rather than an IN list of up to MAX_EXAMPLES ids.
    for ticket_id, name in TicketTag.objects.filter(ticket__state__in=TRAINED_STATES).values_list("ticket_id", "tag__name").iterator():
        if ticket_id in wanted:
            tags.setdefault(ticket_id, []).append(name)
    return tags


# --- the action ----------------------------------------------------------------------------------------


@dataclass
class TrainResult:
    target: str
    status: str  # "trained", "skipped", "failed"
    message: str
    version: int | None = None
    examples: int = 0
    metrics: dict[str, Any] = field(default_factory=dict)


def ai_settings() -> AiSettings:
    settings, _created = AiSettings.objects.get_or_create(pk=1)
    return settings


def _enough(target: str, labels: list[Any], minimum: int) -> str:
    """Why these examples cannot train a model ("" when they can)."""
    if len(labels) < minimum:
        return f"{len(labels)} examples, at least {minimum} needed"
    if target == Target.TAGS:
        if not any(labels):
            return f"no tag is on at least {MIN_TAG_EXAMPLES} solved tickets"
        return ""
    if len(set(labels)) < 2:
        return "every example has the same value"
    return ""


def _newest_version(target: str) -> int:
    return TrainedModel.objects.filter(target=target).aggregate(v=Max("version"))["v"] or 0


def _claim(target: str, actor: User | None, examples: int) -> TrainedModel | None:
    """Insert the next version's row in state training; None when another run claimed it first."""
    newest = _newest_version(target)
    try:
        with transaction.atomic():
            return TrainedModel.objects.create(
                target=target, version=newest + 1, state=ModelState.TRAINING, trained_by=actor, examples=examples
            )
    except IntegrityError:
        return None


def train(targets: Sequence[str], *, actor: User | None = None, progress: Callable[[str], Progress] | None = None) -> list[TrainResult]:
    """Train the given targets' models from the solved tickets; see the module docstring for versioning.

    The tickets are loaded and their features (unsupervised: hashed n-grams, document frequencies)
    fitted once for all targets; each target then fits its own linear model. Side effects: one
    TrainedModel row per trained target (ready or failed); the previous ready model of the target is
    retired. Classifier processes pick the new version up within a minute (supportdesk.ai.classifier).
    """
    for target in targets:
        if target not in Target.values:
            raise ValueError(f"unknown target {target!r}")
    bar = progress or (lambda _target: _no_progress)
    results: dict[str, TrainResult] = {}
    wanted = [t for t in targets if t != Target.TYPE or type_field_defined()]
    for target in targets:
        if target not in wanted:
            results[target] = TrainResult(target, "skipped", f'no custom field "{TYPE_FIELD}" is defined')
    loading = bar("tickets")
    loading(0.0, "loading")
    data = load_examples(wanted) if wanted else Examples([], {})
    minimum = ai_settings().min_examples
    ready: list[tuple[str, list[int]]] = []
    for target in wanted:
        rows = [i for i, label in enumerate(data.labels[target]) if label is not None]
        reason = _enough(target, [data.labels[target][i] for i in rows], minimum)
        if reason:
            results[target] = TrainResult(target, "skipped", reason, examples=len(rows))
        else:
            ready.append((target, rows))
    features: Any = None
    matrix: Any = None
    if ready:
        loading(0.3, "features")
        features = build_features(len(data.texts))
        matrix = features.fit_transform(data.texts)
    loading(1.0, f"{len(data.texts)} tickets")
    for target, rows in ready:
        labels = [data.labels[target][i] for i in rows]
        results[target] = _train_one(target, features, matrix[rows], labels, actor=actor, progress=bar(target))
    return [results[target] for target in targets]


def fit_matrix(matrix: Any, labels: list[Any], *, multilabel: bool, progress: Progress = _no_progress) -> tuple[Any, dict[str, Any]]:
    """Fit a target's linear model on a split of already-featurised rows; return it and its held-out metrics."""
    progress(0.1, "fitting")
    started = time.perf_counter()
    train_i, test_i, train_y, test_y, classes = split([str(i) for i in range(len(labels))], labels, multilabel=multilabel)
    train_rows, test_rows = [int(i) for i in train_i], [int(i) for i in test_i]
    classifier = build_classifier(len(train_i), multilabel=multilabel)
    classifier.fit(matrix[train_rows], train_y)
    fitted = time.perf_counter()
    progress(0.8, "scoring")
    metrics = score(test_y, classifier.predict(matrix[test_rows]), classes)
    metrics.update(
        examples=len(labels),
        train_examples=len(train_i),
        test_examples=len(test_i),
        train_seconds=round(fitted - started, 3),
        labels=classes,
    )
    return classifier, metrics


def _train_one(target: str, features: Any, matrix: Any, labels: list[Any], *, actor: User | None, progress: Progress) -> TrainResult:
    row = _claim(target, actor, len(labels))
    if row is None:
        progress(1.0, "skipped")
        return TrainResult(target, "skipped", "another training of this target is running", examples=len(labels))
    multilabel = target == Target.TAGS
    try:
        classifier, metrics = fit_matrix(matrix, labels, multilabel=multilabel, progress=progress)
        classes = metrics["labels"]
        progress(0.9, "saving")
        pipeline = Pipeline([("features", features), ("classifier", classifier)])
        payload = dump_payload(pipeline, multilabel=multilabel, labels=classes)
    except Exception as exc:
        logger.exception("training %s v%s failed", target, row.version)
        TrainedModel.objects.filter(pk=row.pk).update(state=ModelState.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        progress(1.0, "failed")
        return TrainResult(target, "failed", f"{type(exc).__name__}: {exc}", version=row.version, examples=len(labels))
    with transaction.atomic():
        TrainedModel.objects.filter(target=target, state=ModelState.READY).exclude(pk=row.pk).update(state=ModelState.RETIRED, payload=b"")
        TrainedModel.objects.filter(pk=row.pk).update(state=ModelState.READY, payload=payload, metrics=metrics, labels=classes)
    progress(1.0, "done")
    return TrainResult(target, "trained", "ok", version=row.version, examples=len(labels), metrics=metrics)


def targets_to_train(only: str | None = None) -> list[str]:
    return [only] if only else [Target.GROUP, Target.PRIORITY, Target.TYPE, Target.TAGS]


# --- `supportdesk ai train` ----------------------------------------------------------------------------


def add_arguments(parser: Any) -> None:
    parser.add_argument("--target", choices=Target.values, help="Train only this target (default: all).")


def run(command: Any, options: dict[str, Any]) -> None:
    started = time.perf_counter()
    results = train(targets_to_train(options.get("target")), progress=ProgressBar(command.stderr))
    command.stdout.write(_summary(results) + f"\ntotal {time.perf_counter() - started:.1f}s")


def _summary(results: list[TrainResult]) -> str:
    lines = []
    for r in results:
        if r.status == "trained":
            m = r.metrics
            lines.append(
                f"{r.target}: v{r.version} trained on {m['train_examples']} of {r.examples} tickets in {m['train_seconds']:.1f}s; "
                f"held-out accuracy {m['accuracy']:.3f}, macro-F1 {m['macro_f1']:.3f} ({len(m['labels'])} classes)"
            )
        else:
            lines.append(f"{r.target}: {r.status} ({r.message})")
    return "\n".join(lines)
