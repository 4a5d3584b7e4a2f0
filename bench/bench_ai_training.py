"""Training time of the ticket classifier on 100,000 synthetic multilingual tickets (issue 7: < 2 min).

    .venv/bin/python bench/bench_ai_training.py [--tickets 100000] [--targets group,priority,tags]

Times what `supportdesk ai train` does after loading the tickets: the features fitted once, then
per target `supportdesk.ai.training.fit_matrix` (held-out split, fit, scoring), and the per-ticket predict latency of the
fitted group model. Loading 100,000 tickets from the database is not included (one query with a
subquery for the first article; measured separately by the command's own progress output).
The tickets are generated: subject and body from per-group vocabularies in en/de/hu/lv with shared
filler words and noise, so the scores say nothing about real data (see `supportdesk ai evaluate`).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdesk.test_settings")

import django

django.setup()

from sklearn.pipeline import Pipeline  # noqa: E402

from supportdesk.ai import classifier  # noqa: E402
from supportdesk.ai.features import build_features, ticket_text  # noqa: E402
from supportdesk.ai.training import fit_matrix  # noqa: E402

TOPICS = {
    "billing": ["invoice", "Rechnung", "számla", "rēķins", "payment", "Zahlung", "fizetés", "maksājums", "refund", "charged twice"],
    "network": ["vpn", "WLAN", "hálózat", "tīkls", "router", "Verbindung", "kapcsolat", "savienojums", "timeout", "latency"],
    "hardware": ["printer", "Drucker", "nyomtató", "printeris", "laptop", "Bildschirm", "monitor", "ekrāns", "keyboard", "battery"],
    "accounts": ["password", "Passwort", "jelszó", "parole", "login", "Anmeldung", "bejelentkezés", "pieteikšanās", "locked", "2fa"],
    "shipping": ["delivery", "Lieferung", "szállítás", "piegāde", "parcel", "Paket", "csomag", "paka", "tracking", "courier"],
    "software": [
        "update",
        "Aktualisierung",
        "frissítés",
        "atjauninājums",
        "crash",
        "Absturz",
        "összeomlás",
        "avārija",
        "license",
        "install",
    ],
    "security": ["phishing", "Virus", "vírus", "vīruss", "breach", "Angriff", "támadás", "uzbrukums", "malware", "suspicious"],
    "sales": ["quote", "Angebot", "árajánlat", "piedāvājums", "pricing", "Preis", "ár", "cena", "demo", "upgrade plan"],
}
FILLER = (  # noqa: SIM905
    "hello please help thanks regards team issue problem since yesterday again urgent "
    "hallo bitte danke grüße problem seit gestern wieder dringend "
    "kérem köszönöm üdvözlettel hiba tegnap óta ismét sürgős "
    "lūdzu paldies ar cieņu problēma kopš vakardienas atkal steidzami"
).split()
PRIORITIES = ["low", "normal", "high", "urgent"]


def synthetic(count: int, seed: int = 1) -> tuple[list[str], list[str], list[str], list[list[str]]]:
    rng = random.Random(seed)
    groups = list(TOPICS)
    texts, group_labels, priorities, tags = [], [], [], []
    for _ in range(count):
        group = rng.choice(groups)
        # 15% of tickets borrow their words from another topic: real queues overlap.
        words_from = TOPICS[rng.choice(groups) if rng.random() < 0.15 else group]
        subject = " ".join(rng.choices(words_from, k=2) + rng.choices(FILLER, k=2))
        body = (
            " ".join(rng.choices(words_from, k=rng.randint(3, 8)) + rng.choices(FILLER, k=rng.randint(20, 60)))
            + f" #{rng.randint(1, 99999)}"
        )
        priority = rng.choices(PRIORITIES, weights=[2, 5, 2, 1])[0]
        if "urgent" in body or "dringend" in body:
            priority = rng.choice(["high", "urgent"])
        texts.append(ticket_text(subject, body))
        group_labels.append(group)
        priorities.append(priority)
        tags.append([group[:4]] + (["vip"] if rng.random() < 0.1 else []))
    return texts, group_labels, priorities, tags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--targets", default="group,priority,tags")
    args = parser.parse_args()
    started = time.perf_counter()
    texts, groups, priorities, tags = synthetic(args.tickets)
    machine = platform.processor() or platform.machine()
    print(f"generated {len(texts)} tickets in {time.perf_counter() - started:.1f}s; {machine}, {os.cpu_count()} cpus")
    labels: dict[str, list[Any]] = {"group": groups, "priority": priorities, "tags": tags}
    total = time.perf_counter()
    features = build_features(len(texts))
    matrix = features.fit_transform(texts)
    print(f"features  {time.perf_counter() - total:6.1f}s  ({matrix.shape[1]} columns, once for all targets, as `ai train` does)")
    fitted = {}
    for target in args.targets.split(","):
        started = time.perf_counter()
        model, metrics = fit_matrix(matrix, labels[target], multilabel=target == "tags")
        elapsed = time.perf_counter() - started
        fitted[target] = Pipeline([("features", features), ("classifier", model)])
        figures = f"accuracy {metrics['accuracy']:.3f}  macro-F1 {metrics['macro_f1']:.3f}  (examples {metrics['examples']})"
        print(f"{target:9} fit+score {elapsed:6.1f}s  {figures}")
    print(f"total     {time.perf_counter() - total:6.1f}s for {len(texts)} tickets")
    # What classifier.predict does for every target of one ticket (the hashed n-grams are shared).
    tag_names = sorted({x for ts in tags for x in ts})
    models = {t: classifier.compile_model({"pipeline": p, "multilabel": t == "tags", "labels": tag_names}) for t, p in fitted.items()}
    unseen, *_rest = synthetic(300, seed=2)
    samples = []
    for text in unseen:
        one = time.perf_counter()
        for loaded in models.values():
            classifier._from_model(loaded, text)
        samples.append((time.perf_counter() - one) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95)]
    print(f"predict {'+'.join(models)} for one unseen ticket: p50 {statistics.median(samples):.2f} ms  p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
