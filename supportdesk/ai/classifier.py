"""Ticket classification: the newest trained model per field, else the admin's keyword rules.

Contract: `predict(target, subject, body, language) -> list[tuple[str, float]]`: candidate values of
the target field (Target: group id as a string, priority, type, tag) with a confidence in [0, 1],
best first; from the newest ready TrainedModel of that target, else from the active KeywordRules;
[] when neither knows. `model_version(target) -> str`: "v<N>", "rules" or "".

When a model's best confidence is below the confidence of a matching keyword rule, the rule's value
is merged in (the higher confidence wins), so rules still help where the model is unsure.

The hashed n-grams of the last text are kept, so asking about every field of one ticket analyses
its text once. Each process keeps the models it loaded, keyed by version: a model never changes once ready, so
this is a cache of immutable data, not shared state. At most every REFRESH_SECONDS a process asks
the database (one indexed query per target) whether a newer version is ready and loads it; rules
are re-read on the same interval (and at once in the process that changed them). The first
prediction after a new version pays the load (joblib, tens of milliseconds); it runs in the worker,
never in a request.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from supportdesk.ai.choices import ModelState, Target
from supportdesk.ai.features import hashed_counts, ticket_text
from supportdesk.ai.keyword_rules import CompiledRule, compile_rules, match
from supportdesk.ai.models import KeywordRule, TrainedModel
from supportdesk.ai.training import load_payload

logger = logging.getLogger(__name__)

REFRESH_SECONDS = 60.0
MAX_CANDIDATES = 5
MIN_TAG_CONFIDENCE = 0.2


@dataclass
class _Loaded:
    version: int
    model: dict[str, Any] | None
    checked_at: float


_lock = threading.Lock()
_models: dict[str, _Loaded] = {}
_rules: tuple[float, list[CompiledRule]] | None = None
_last_counts: tuple[str, Any] | None = None


def _now() -> float:
    return time.monotonic()


def _model(target: str) -> _Loaded | None:
    """The newest ready model of the target (loaded once per version), or None."""
    loaded = _models.get(target)
    now = _now()
    if loaded is not None and now - loaded.checked_at < REFRESH_SECONDS:
        return loaded if loaded.model is not None else None
    newest = TrainedModel.objects.filter(target=target, state=ModelState.READY).order_by("-version").values_list("pk", "version").first()
    if newest is None:
        _models[target] = _Loaded(0, None, now)
        return None
    pk, version = newest
    if loaded is None or loaded.version != version or loaded.model is None:
        payload = TrainedModel.objects.filter(pk=pk).values_list("payload", flat=True).first()
        try:
            model = compile_model(load_payload(payload)) if payload else None
        except Exception:
            logger.exception("could not load %s model v%s", target, version)
            model = None
        with _lock:
            _models[target] = _Loaded(version, model, now)
    else:
        loaded.checked_at = now
    result = _models[target]
    return result if result.model is not None else None


def _active_rules() -> list[CompiledRule]:
    global _rules
    now = _now()
    if _rules is None or now - _rules[0] >= REFRESH_SECONDS:
        _rules = (now, compile_rules(KeywordRule.objects.filter(is_active=True)))
    return _rules[1]


def forget_rules() -> None:
    """Re-read the rules on the next prediction (called after a rule changed)."""
    global _rules
    _rules = None


def forget_all() -> None:
    """Drop every cached model and rule (tests; or after restoring a database)."""
    forget_rules()
    _models.clear()


def _counts(text: str) -> Any:
    """Hashed n-gram counts of the text; triage asks every target about the same text in a row."""
    global _last_counts
    if _last_counts is None or _last_counts[0] != text:
        _last_counts = (text, hashed_counts([text]))
    return _last_counts[1]


def compile_model(loaded: dict[str, Any]) -> dict[str, Any]:
    """The fitted pipeline as plain arrays: scikit-learn's input checks cost more than the maths
    for one ticket (about 1 ms per call), so prediction multiplies the weights itself. The
    probabilities are those of SGDClassifier.predict_proba (log loss, one-vs-rest, normalised for
    multi-class) and of OneVsRestClassifier for tags.
    """
    pipeline = loaded["pipeline"]
    features, model = pipeline.named_steps["features"], pipeline.named_steps["classifier"]
    if loaded["multilabel"]:
        rows, intercepts = [], []
        for estimator in model.estimators_:
            if hasattr(estimator, "coef_"):
                rows.append(np.asarray(estimator.coef_[0], dtype=np.float64))
                intercepts.append(float(estimator.intercept_[0]))
            else:  # a tag present on every or no training ticket: a constant answer
                rows.append(np.zeros(len(features.columns_)))
                intercepts.append(30.0 if float(np.ravel(estimator.y_)[0]) > 0.5 else -30.0)
        weights, intercept, labels = np.vstack(rows), np.asarray(intercepts), [str(x) for x in loaded["labels"]]
    else:
        weights, intercept, labels = (
            np.asarray(model.coef_, dtype=np.float64),
            np.asarray(model.intercept_),
            [str(x) for x in model.classes_],
        )
    return {
        "features": features,
        "weights": np.ascontiguousarray(weights.T),
        "intercept": intercept,
        "labels": labels,
        "multilabel": bool(loaded["multilabel"]),
    }


def _probabilities(model: dict[str, Any], text: str) -> np.ndarray:
    row = model["features"].weigh(_counts(text))
    decision = np.asarray(row @ model["weights"]).ravel() + model["intercept"]
    probability = 1.0 / (1.0 + np.exp(-np.clip(decision, -500, 500)))
    if model["multilabel"]:
        return probability
    if len(model["labels"]) == 2:  # binary: one decision column for the second class
        return np.asarray([1.0 - probability[0], probability[0]])
    total = probability.sum()
    return probability / total if total > 0 else np.full(len(probability), 1.0 / len(probability))


def _from_model(model: dict[str, Any], text: str) -> list[tuple[str, float]]:
    probabilities = _probabilities(model, text)
    labels = model["labels"]
    pairs = [(labels[i], float(p)) for i, p in enumerate(probabilities) if not model["multilabel"] or p >= MIN_TAG_CONFIDENCE]
    pairs.sort(key=lambda item: (-item[1], item[0]))
    return pairs[:MAX_CANDIDATES]


def predict(target: str, subject: str, body: str, language: str) -> list[tuple[str, float]]:
    if target not in Target.values:
        raise ValueError(f"unknown target {target!r}")
    text = ticket_text(subject or "", body or "")
    loaded = _model(target)
    ruled = match(_active_rules(), target, text, language or "")
    if loaded is None or loaded.model is None:
        return ruled[:MAX_CANDIDATES]
    predicted = _from_model(loaded.model, text)
    best = predicted[0][1] if predicted else 0.0
    if ruled and ruled[0][1] > best:
        merged = dict(predicted)
        for value, confidence in ruled:
            merged[value] = max(merged.get(value, 0.0), confidence)
        predicted = sorted(merged.items(), key=lambda item: (-item[1], item[0]))
    return predicted[:MAX_CANDIDATES]


def model_version(target: str) -> str:
    loaded = _model(target)
    if loaded is not None:
        return f"v{loaded.version}"
    if any(rule.target == target for rule in _active_rules()):
        return "rules"
    return ""
