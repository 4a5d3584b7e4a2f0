# ruff: noqa: SIM905 - word lists read better as text than as 100-item list literals
"""KB search benchmark (issue 6): 10,000 articles with translations in en/de/hu/lv.

    .venv/bin/python bench/bench_kb_search.py --database-url sqlite:////tmp/sd_kb_bench.sqlite3
    .venv/bin/python bench/bench_kb_search.py --database-url postgres://postgres@127.0.0.1:5432/sd_kbpub

Creates a fresh database (SQLite file removed, or PostgreSQL database dropped and created),
migrates, and bulk-inserts categories (a few internal), 10,000 articles (a tenth internal) with
1-4 translations each (English in most, German, Hungarian and Latvian in about half), nine in ten
published. Text is generated per language from word lists of support vocabulary, drawn with a
Zipf-like skew so some words are in most articles and others in few; each article also names one
of 1,500 made-up product names (rare words). The search documents are then built with the real
kb.search.reindex_all (timed). Then `search_articles` (the function every caller uses: ranking,
filters, loading the hits and their snippets) is timed for a mix of queries per language: rare,
common, prefix (as typed), multi-word, without diacritics, no match; as a customer (public only,
one language) and as an agent (everything, all languages). Prints a table and JSON with p50/p95.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdesk.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

WORDS = {
    "en": (
        "account password invoice payment order delivery shipping refund return login email address settings profile "
        "subscription plan billing card bank transfer receipt download upload file attachment printer router network "
        "connection wifi error message update install version browser mobile app device battery screen reset restart "
        "backup restore export import report dashboard user admin permission group team notification reminder calendar "
        "schedule meeting phone support ticket request response answer question problem solution guide step option "
        "feature limit quota storage space security privacy verification code token session timeout language currency "
        "tax discount coupon price product warranty repair replacement cancel change confirm activate deactivate"
    ).split(),
    "de": (
        "Konto Passwort Rechnung Zahlung Bestellung Lieferung Versand Erstattung Rücksendung Anmeldung Adresse "
        "Einstellungen Profil Abonnement Tarif Abrechnung Karte Überweisung Beleg herunterladen hochladen Datei Anhang "
        "Drucker Netzwerk Verbindung Fehlermeldung Aktualisierung installieren Version Gerät Akku Bildschirm zurücksetzen "
        "Neustart Sicherung Wiederherstellung Bericht Übersicht Benutzer Berechtigung Gruppe Benachrichtigung Erinnerung "
        "Kalender Termin Telefon Anfrage Antwort Frage Problem Lösung Anleitung Schritt Funktion Speicherplatz Sicherheit "
        "Datenschutz Bestätigung Sitzung Sprache Währung Steuer Rabatt Gutschein Preis Produkt Garantie Reparatur Ersatz "
        "kündigen ändern bestätigen aktivieren Größe Gebühr Zugang Schlüssel Lieferschein Mahnung Kündigung Vertrag"
    ).split(),
    "hu": (
        "fiók jelszó számla fizetés rendelés szállítás visszatérítés visszaküldés bejelentkezés cím beállítások profil "
        "előfizetés csomag számlázás kártya átutalás nyugta letöltés feltöltés fájl melléklet nyomtató hálózat kapcsolat "
        "hibaüzenet frissítés telepítés verzió eszköz akkumulátor képernyő visszaállítás újraindítás mentés jelentés "
        "felhasználó jogosultság csoport értesítés emlékeztető naptár időpont telefon kérés válasz kérdés probléma "
        "megoldás útmutató lépés funkció tárhely biztonság adatvédelem megerősítés munkamenet nyelv pénznem adó "
        "kedvezmény kupon ár termék garancia javítás csere lemondás módosítás aktiválás őrző gyűrű tűzfal szűrő "
        "ügyfélszolgálat hűségpont díj hozzáférés kulcs szerződés felmondás"
    ).split(),
    "lv": (
        "konts parole rēķins maksājums pasūtījums piegāde sūtījums atmaksa atgriešana pieteikšanās adrese iestatījumi "
        "profils abonements plāns norēķini karte pārskaitījums čeks lejupielāde augšupielāde fails pielikums printeris "
        "tīkls savienojums kļūda ziņojums atjauninājums instalēšana versija ierīce akumulators ekrāns atiestatīšana "
        "restartēšana dublējums atjaunošana atskaite lietotājs atļauja grupa paziņojums atgādinājums kalendārs tikšanās "
        "tālrunis pieprasījums atbilde jautājums problēma risinājums ceļvedis solis funkcija krātuve drošība privātums "
        "apstiprinājums sesija valoda valūta nodoklis atlaide kupons cena produkts garantija remonts nomaiņa atcelšana "
        "maiņa aktivizēšana žurnāls šifrēšana ūdenszīme līgums piekļuve atslēga"
    ).split(),
}
SYLLABLES = "ka ro ti ven lux mar zen dor pi tra nex vo ly qua sil bren tor fa mi ko".split()
LANGUAGES = list(WORDS)


def fresh_database(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _cumulative(words: list[str]) -> list[float]:
    # Weight 1/rank: the first words of each list are in most documents, the last in few.
    total, cumulative = 0.0, []
    for rank in range(len(words)):
        total += 1 / (rank + 1)
        cumulative.append(total)
    return cumulative


CUMULATIVE = {lang: _cumulative(words) for lang, words in WORDS.items()}


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    lang = next(code for code, listed in WORDS.items() if listed is words)
    return " ".join(rng.choices(words, cum_weights=CUMULATIVE[lang], k=n))


def product_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize())
    return sorted(names)


def seed(articles: int, rng: random.Random) -> dict[str, object]:
    from django.utils import timezone
    from django.utils.text import slugify

    from supportdesk.kb.choices import ArticleState, Visibility
    from supportdesk.kb.models import Article, Category, Translation
    from supportdesk.kb.search import reindex_all

    started = time.perf_counter()
    categories: list[Category] = []
    for n in range(30):
        parent = categories[n % 5] if n >= 5 else None
        categories.append(
            Category.objects.create(
                slug=f"cat-{n}",
                parent=parent,
                names={lang: f"{WORDS[lang][n]} {n}" for lang in LANGUAGES},
                visibility=Visibility.INTERNAL if n % 13 == 12 else Visibility.PUBLIC,
            )
        )
    products = product_names(rng, 1500)
    rows = [
        Article(category=rng.choice(categories), visibility=Visibility.INTERNAL if rng.random() < 0.1 else Visibility.PUBLIC, position=n)
        for n in range(articles)
    ]
    Article.objects.bulk_create(rows, batch_size=2000)
    now = timezone.now()
    translations = []
    for article in rows:
        product = rng.choice(products)
        languages = [lang for lang in LANGUAGES if rng.random() < (0.9 if lang == "en" else 0.5)] or ["en"]
        for lang in languages:
            words = WORDS[lang]
            title = f"{sentence(rng, words, rng.randint(3, 7)).capitalize()} {product}"
            paragraphs = [sentence(rng, words, rng.randint(30, 80)) + "." for _ in range(rng.randint(2, 5))]
            body_text = "\n\n".join(paragraphs) + f" {product}."
            published = rng.random() < 0.9
            translations.append(
                Translation(
                    article=article,
                    language=lang,
                    title=title[:200],
                    slug=slugify(title)[:80] or "article",
                    body_html="".join(f"<p>{p}</p>" for p in paragraphs),
                    body_text=body_text,
                    state=ArticleState.PUBLISHED if published else ArticleState.DRAFT,
                    published_at=now if published else None,
                )
            )
    Translation.objects.bulk_create(translations, batch_size=2000)
    inserted = time.perf_counter() - started
    started = time.perf_counter()
    documents = reindex_all(batch_size=2000)
    indexed = time.perf_counter() - started
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE kb_searchdocument")
    return {
        "articles": articles,
        "translations": len(translations),
        "documents": documents,
        "products": products,
        "insert_s": round(inserted, 1),
        "reindex_s": round(indexed, 1),
        "reindex_per_s": round(documents / indexed),
    }


def strip_diacritics(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def queries(rng: random.Random, products: list[str]) -> list[tuple[str, str, str]]:
    """(kind, language, query) for each language."""
    mix: list[tuple[str, str, str]] = []
    for lang in LANGUAGES:
        words = WORDS[lang]
        mix += [
            ("common", lang, words[0]),
            ("common", lang, words[2]),
            ("rare", lang, rng.choice(products)),
            ("rare", lang, words[-1]),
            ("prefix", lang, words[1][:4]),
            ("prefix", lang, words[len(words) // 2][:3]),
            ("multi", lang, f"{words[0]} {words[5]}"),
            ("multi", lang, f"{words[3]} {words[10]} {words[20][:4]}"),
            ("no-match", lang, "zzqxv"),
        ]
        accented = [w for w in words if strip_diacritics(w) != w]
        if len(accented) >= 2:
            mix.append(("no-diacritics", lang, strip_diacritics(accented[0])))
            mix.append(("no-diacritics", lang, strip_diacritics(f"{accented[1]} {accented[-1]}")))
    return mix


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def run(mix: list[tuple[str, str, str]], repeat: int) -> dict[str, object]:
    from supportdesk.kb.search import search_articles

    timings: dict[str, list[float]] = {}
    per_query = []
    for kind, lang, query in mix:
        for role, kwargs in (("customer", {"language": lang, "public_only": True}), ("agent", {"public_only": False})):
            search_articles(query, limit=10, **kwargs)  # warm
            times = []
            hits = 0
            for _ in range(repeat):
                started = time.perf_counter()
                hits = len(search_articles(query, limit=10, **kwargs))
                times.append((time.perf_counter() - started) * 1000)
            timings.setdefault("all", []).extend(times)
            timings.setdefault(kind, []).extend(times)
            timings.setdefault(role, []).extend(times)
            per_query.append((kind, lang, role, query, statistics.median(times), max(times), hits))
    summary = {
        name: {"n": len(values), "p50_ms": round(percentile(values, 50), 2), "p95_ms": round(percentile(values, 95), 2)}
        for name, values in timings.items()
    }
    return {"summary": summary, "slowest": sorted(per_query, key=lambda row: -row[4])[:8]}


def isolate_urls() -> None:
    """Resolve URLs with the help centre's urlconf only: hits carry help-centre URLs, and the
    benchmark should not depend on every other app's URLs importing cleanly."""
    import types

    from django.conf import settings
    from django.urls import clear_url_caches, include, path

    module = types.ModuleType("bench_kb_urls")
    module.urlpatterns = [path("help/", include("supportdesk.kb.urls_public"))]  # type: ignore[attr-defined]
    sys.modules["bench_kb_urls"] = module
    settings.ROOT_URLCONF = "bench_kb_urls"
    clear_url_caches()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="sqlite:////tmp/sd_kb_bench.sqlite3")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20, help="Timed runs per query and role.")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--keep", action="store_true", help="Reuse a seeded database.")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    rng = random.Random(args.seed)
    if not args.keep:
        fresh_database(args.database_url)

    import django

    django.setup()
    isolate_urls()
    from django.core.management import call_command
    from django.db import connection

    from supportdesk.kb.models import Article

    call_command("migrate", verbosity=0)
    if args.keep and Article.objects.exists():
        seeded: dict[str, object] = {"reused": True}
        products = product_names(rng, 1500)
    else:
        seeded = seed(args.articles, rng)
        products = seeded.pop("products")  # type: ignore[assignment]
    mix = queries(random.Random(args.seed + 1), products)  # type: ignore[arg-type]
    result = run(mix, args.repeat)
    info = {
        "engine": connection.vendor,
        "database": connection.settings_dict["NAME"],
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
        "seed": seeded,
        **result,
    }
    print(f"{'group':16} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}")
    for name, row in result["summary"].items():  # type: ignore[attr-defined]
        print(f"{name:16} {row['n']:5} {row['p50_ms']:8.2f} {row['p95_ms']:8.2f}")
    print("slowest queries (kind, language, role, query, median ms, max ms, hits):")
    for row in result["slowest"]:  # type: ignore[attr-defined]
        print("  ", row[:4], f"{row[4]:.2f}", f"{row[5]:.2f}", row[6])
    print(json.dumps(info, default=str))


if __name__ == "__main__":
    main()
