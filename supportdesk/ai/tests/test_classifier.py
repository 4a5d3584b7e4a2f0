"""The classifier's contract: keyword fallback with language filter, merge with an unsure model,
features (normalisation, hashing) and the shape of the answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MultiLabelBinarizer

from supportdesk.accounts.models import Group, User
from supportdesk.ai import classifier, features, keyword_rules
from supportdesk.ai.choices import Target
from supportdesk.ai.models import KeywordRule


@pytest.fixture(autouse=True)
def _fresh_classifier() -> Iterator[None]:
    classifier.forget_all()
    yield
    classifier.forget_all()


def test_normalise_folds_case_width_and_digits() -> None:
    assert features.normalise("  ＶＰＮ  Fehler\n\t4711 ÄRGER ") == "vpn fehler 0000 ärger"
    assert len(features.normalise("x" * 100_000)) == features.MAX_CHARS
    assert features.words("Server-Ausfall: 3 Stück!") == ["server", "ausfall", "0", "stück"]


def test_analysis_has_char_ngrams_and_word_unigrams_and_bigrams() -> None:
    grams = features.analyse("Kein WLAN")
    assert {" k", "kein", "kein ", " wla", "wlan "} <= set(grams)
    assert {"\x00kein", "\x00wlan", "\x00kein wlan"} <= set(grams)
    counts = features.hashed_counts(["Kein WLAN", ""])
    assert counts.shape == (2, features.HASH_FEATURES)
    assert counts[1].nnz == 0 and counts[0].sum() == len(grams)


def test_keyword_rules_answer_while_no_model_exists(admin: User, group: Group) -> None:
    keyword_rules.create_rule(admin, {"target": "priority", "value": "urgent", "keywords": ["server down", "Ausfall"], "weight": 0.7})
    keyword_rules.create_rule(admin, {"target": "group", "value": str(group.pk), "keywords": ["vpn"], "language": "de", "weight": 0.5})
    keyword_rules.create_rule(admin, {"target": "priority", "value": "high", "keywords": ["down"], "weight": 0.4})
    assert classifier.predict(Target.PRIORITY, "SERVER DOWN!!", "since 9:00", "en") == [("urgent", 0.7), ("high", 0.4)]
    assert classifier.predict(Target.PRIORITY, "Totaler Ausfall", "", "de") == [("urgent", 0.7)]
    # Whole words only: "downtime" is not "down", "serverdown" is not "server down".
    assert classifier.predict(Target.PRIORITY, "planned downtime", "serverdown", "en") == []
    # Language filter: a German rule does not fire on an English ticket, but does on an undetected one.
    assert classifier.predict(Target.GROUP, "VPN broken", "", "en") == []
    assert classifier.predict(Target.GROUP, "VPN kaputt", "", "de") == [(str(group.pk), 0.5)]
    assert classifier.predict(Target.GROUP, "VPN", "", "") == [(str(group.pk), 0.5)]
    assert classifier.model_version(Target.PRIORITY) == "rules"
    assert classifier.model_version(Target.TAGS) == ""


def test_inactive_rules_do_not_answer_and_changes_are_seen_at_once(admin: User) -> None:
    rule = keyword_rules.create_rule(admin, {"target": "tags", "value": "VIP", "keywords": ["ceo"]})
    assert classifier.predict(Target.TAGS, "From the CEO", "", "en") == [("vip", 0.6)]
    keyword_rules.update_rule(admin, rule, {"is_active": False})
    assert classifier.predict(Target.TAGS, "From the CEO", "", "en") == []
    assert not KeywordRule.objects.filter(is_active=True).exists()


def test_an_unsure_model_is_overruled_by_a_confident_rule(admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    keyword_rules.create_rule(admin, {"target": "priority", "value": "urgent", "keywords": ["outage"], "weight": 0.9})
    loaded = classifier._Loaded(3, {"multilabel": False}, 0.0)
    monkeypatch.setattr(classifier, "_model", lambda target: loaded)
    monkeypatch.setattr(classifier, "_from_model", lambda model, text: [("normal", 0.5), ("urgent", 0.3), ("low", 0.2)])
    assert classifier.predict(Target.PRIORITY, "Outage", "", "en") == [("urgent", 0.9), ("normal", 0.5), ("low", 0.2)]
    assert classifier.predict(Target.PRIORITY, "Question", "", "en") == [("normal", 0.5), ("urgent", 0.3), ("low", 0.2)]
    assert classifier.model_version(Target.PRIORITY) == "v3"


def test_unknown_target_is_refused() -> None:
    with pytest.raises(ValueError):
        classifier.predict("owner", "a", "b", "en")


@pytest.mark.django_db
def test_nothing_known_is_an_empty_answer() -> None:
    for target in Target.values:
        assert classifier.predict(target, "Hello", "World", "en") == []


@pytest.mark.parametrize(("kind", "labels"), [("multiclass", ["a", "b", "c"]), ("binary", ["a", "b", "a"]), ("multilabel", None)])
def test_compiled_models_give_scikit_learns_probabilities(kind: str, labels: list[str] | None) -> None:
    texts = [f"{word} {filler}" for word in ("printer", "invoice", "router") for filler in ("help", "please", "now", "today")] * 3
    if labels is None:
        y: list[Any] = [[["hw"], ["money", "vip"], []][i // 4 % 3] for i in range(len(texts))]
    else:
        y = [labels[i // 4 % 3] for i in range(len(texts))]
    multilabel = labels is None
    pipeline = Pipeline(
        [("features", features.build_features(len(texts))), ("classifier", features.build_classifier(len(texts), multilabel=multilabel))]
    )
    if multilabel:
        binarizer = MultiLabelBinarizer()
        pipeline.fit(texts, binarizer.fit_transform(y))
        names = list(binarizer.classes_)
    else:
        pipeline.fit(texts, y)
        names = []
    compiled = classifier.compile_model({"pipeline": pipeline, "multilabel": multilabel, "labels": names})
    for text in ("printer now", "invoice", "unknown words entirely", ""):
        assert classifier._probabilities(compiled, text) == pytest.approx(pipeline.predict_proba([text])[0], abs=1e-5)
