# ruff: noqa: S608 - SQL here interpolates only module constants; user text is always a bound parameter.
"""KB full-text search: SQLite FTS5 (bm25) and PostgreSQL tsvector + GIN (ts_rank), one SearchDocument per translation.

The approach is the ticket search's (supportdesk/search/engines.py): the query is cleaned and cut
into word tokens (letters and digits only); on FTS5 each token is quoted as a string (never an
operator), on PostgreSQL the words go to plainto_tsquery and a trailing word of MIN_PREFIX+
characters to to_tsquery as `word:*`, whose input is then letters and digits only. So `"`, `*`,
`NEAR(`, `) AND (`, `-` and SQL-ish input are words or nothing, never a syntax error (BAD-INPUTS 47).

A document is three lines: the title, then category names and tags ("meta"), then the body text.
Both engines weight them: FTS5 has one column per part (bm25 weights TITLE_WEIGHT, META_WEIGHT,
1), PostgreSQL's stored tsvector marks title lexemes A and meta lexemes B (ts_rank gives A 1.0,
B 0.4, the rest 0.1). Both fold diacritics, so "szamla" finds "számla" and "rekins" "rēķins".

Contract (callers: kb actions, agent pages, the portal's deflection, the help centre, the composer):
- `index_translation(translation)`: bring the translation's SearchDocument in step; called by kb
  actions in their transaction after every change of text, state, visibility, tags or category.
- `search_articles(query, *, language=None, user=None, public_only=True, limit=10) -> list[KbHit]`:
  best matches first; `public_only` restricts to published public articles in a public category
  chain (customers, the portal form, anonymous visitors); agents pass public_only=False to also get
  internal articles and every state. A `user` who is not helpdesk staff always gets public hits only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse

from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Article, Category, SearchDocument, Translation
from supportdesk.kb.public_selectors import public_category_ids
from supportdesk.search.engines import MIN_PREFIX, WORD, clean_query, query_terms
from supportdesk.search.snippets import snippet

FTS_TABLE = "kb_article_fts"
FTS_SOURCE = "kb_article_fts_source"  # a view splitting content into the FTS columns (for 'rebuild')
DOC_TABLE = "kb_searchdocument"
PG_CONFIG = "supportdesk_search"  # created by search/0002 (simple + unaccent)
PG_TSV = "tsv"
TITLE_WEIGHT = 10.0
META_WEIGHT = 3.0
MAX_QUERY_CHARS = 200
MAX_LIMIT = 50
MAX_DOCUMENT_CHARS = 200_000
# Both engines rank at most HEAD_CANDIDATES title/meta matches and a pool of RERANK_CANDIDATES
# (title matches first, then body matches), so common words cost no more than rare ones
# (_sqlite_ids, _postgres_ids).
HEAD_CANDIDATES = 1000
RERANK_CANDIDATES = 200
SNIPPET_CHARS = 160
# Filter tokens of the FTS5 `scope` column (see _scope_sql); letters only, so the tokenizer keeps them whole.
SCOPE_LANG = "zzkblang"
SCOPE_PUBLIC = "zzkbpublic"
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?")


def _split_sql(column: str) -> tuple[str, str]:
    """SQLite expressions for the first and second line of `column` (empty when missing)."""
    nl = "char(10)"
    title = f"substr({column}, 1, instr({column} || {nl}, {nl}) - 1)"
    rest = f"substr({column}, instr({column} || {nl}, {nl}) + 1)"
    meta = f"substr({rest}, 1, instr({rest} || {nl}, {nl}) - 1)"
    return title, meta


def _scope_sql(alias: str) -> str:
    """SQLite expression of a document's filter tokens: its language and whether it is public.

    Indexed in their own FTS column, so the language and public filters are part of the MATCH
    (a posting-list intersection) instead of a join and a test on every matching row."""
    return f"'{SCOPE_LANG}' || replace(lower({alias}.language), '-', '') || CASE WHEN {alias}.public THEN ' {SCOPE_PUBLIC}' ELSE '' END"


def _fts_values(alias: str) -> str:
    title, meta = _split_sql(f"{alias}.content")
    return f"{alias}.translation_id, {title}, {meta}, {alias}.content, {_scope_sql(alias)}"


COLUMNS = "title, meta, content, scope"
SQLITE_INSTALL = [
    f"CREATE VIEW {FTS_SOURCE} AS SELECT translation_id, "
    f"{_split_sql('content')[0]} AS title, {_split_sql('content')[1]} AS meta, content, {_scope_sql(DOC_TABLE)} AS scope FROM {DOC_TABLE}",
    # External content: the text is not stored twice; bm25 needs only the index.
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({COLUMNS}, content='{FTS_SOURCE}', content_rowid='translation_id', "
    "tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER kb_searchdoc_ai AFTER INSERT ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, {COLUMNS}) VALUES ({_fts_values('new')}); END",
    f"CREATE TRIGGER kb_searchdoc_ad AFTER DELETE ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {COLUMNS}) VALUES ('delete', {_fts_values('old')}); END",
    f"CREATE TRIGGER kb_searchdoc_au AFTER UPDATE ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {COLUMNS}) VALUES ('delete', {_fts_values('old')}); "
    f"INSERT INTO {FTS_TABLE}(rowid, {COLUMNS}) VALUES ({_fts_values('new')}); END",
    # Index rows that existed before the migration (an upgrade of a populated database).
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS kb_searchdoc_ai",
    "DROP TRIGGER IF EXISTS kb_searchdoc_ad",
    "DROP TRIGGER IF EXISTS kb_searchdoc_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"DROP VIEW IF EXISTS {FTS_SOURCE}",
]


@dataclass(frozen=True)
class KbHit:
    translation_id: int
    article_id: int
    language: str
    title: str
    snippet: str  # plain text: render escaped, never as HTML
    url: str  # public URL for public articles, the agent page otherwise
    public: bool = True
    state: str = ArticleState.PUBLISHED
    visibility: str = Visibility.PUBLIC


# -- indexing ------------------------------------------------------------------------------------


def category_chain(category: Category) -> list[Category]:
    """The category and its ancestors, nearest first (a guard stops at a cycle)."""
    chain: list[Category] = []
    seen: set[int] = set()
    node: Category | None = category
    while node is not None and node.pk not in seen:
        chain.append(node)
        seen.add(node.pk)
        node = node.parent
    return chain


def _is_public(translation: Translation, article: Article, chain: list[Category]) -> bool:
    """Published AND article public AND every category up the tree public."""
    return (
        translation.state == ArticleState.PUBLISHED
        and article.visibility == Visibility.PUBLIC
        and all(node.visibility == Visibility.PUBLIC for node in chain)
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def document_content(translation: Translation, *, chain: list[Category] | None = None, tags: Iterable[str] | None = None) -> str:
    """Title line, meta line (category names in the translation's language and tags), body text."""
    article = translation.article
    chain = chain if chain is not None else category_chain(article.category)
    tag_names = list(tags) if tags is not None else list(article.tags.values_list("name", flat=True))
    meta = [node.name_in(translation.language) for node in chain] + tag_names
    lines = [_one_line(translation.title), _one_line(" ".join(meta)), translation.body_text or ""]
    return "\n".join(lines)[:MAX_DOCUMENT_CHARS]


def index_translation(translation: Translation) -> None:
    """Write the translation's SearchDocument (public flag over the whole category chain).

    Call inside the action's transaction, after the change is saved. A translation that is gone
    from the database (deleted) loses its document with it (CASCADE)."""
    translation = Translation.objects.select_related("article__category").get(pk=translation.pk)
    chain = category_chain(translation.article.category)
    public = _is_public(translation, translation.article, chain)
    SearchDocument.objects.update_or_create(
        translation=translation,
        defaults={"language": translation.language, "public": public, "content": document_content(translation, chain=chain)},
    )


def index_article(article: Article) -> int:
    """Re-index every translation of an article (after visibility, tags or category changes)."""
    translations = list(Translation.objects.filter(article=article))
    for translation in translations:
        index_translation(translation)
    return len(translations)


def _descendant_ids(category: Category) -> list[int]:
    ids, frontier = [category.pk], [category.pk]
    while frontier:
        frontier = [pk for pk in Category.objects.filter(parent_id__in=frontier).values_list("pk", flat=True) if pk not in ids]
        ids.extend(frontier)
    return ids


def index_category(category: Category) -> int:
    """Re-index all translations in a category and its subcategories (after a visibility, name or parent change)."""
    ids = list(Translation.objects.filter(article__category_id__in=_descendant_ids(category)).values_list("pk", flat=True))
    return reindex_translations(ids)


def reindex_translations(translation_ids: list[int]) -> int:
    """Rewrite the documents of these translations in a few queries; returns the count."""
    categories = {c.pk: c for c in Category.objects.all()}
    for node in categories.values():  # link parents in memory: no query per chain
        if node.parent_id is not None:
            node.parent = categories.get(node.parent_id)
    translations = list(Translation.objects.filter(pk__in=translation_ids).select_related("article"))
    tags: dict[int, list[str]] = {}
    through = Article.tags.through
    rows = through.objects.filter(article_id__in={t.article_id for t in translations}).values_list("article_id", "tag__name")
    for article_id, name in rows.order_by("tag__name"):
        tags.setdefault(article_id, []).append(name)
    documents = []
    for translation in translations:
        article = translation.article
        article.category = categories[article.category_id]
        chain = category_chain(article.category)
        public = _is_public(translation, article, chain)
        content = document_content(translation, chain=chain, tags=tags.get(article.pk, []))
        documents.append(SearchDocument(translation_id=translation.pk, language=translation.language, public=public, content=content))
    with transaction.atomic():
        SearchDocument.objects.filter(translation_id__in=[t.pk for t in translations]).delete()
        SearchDocument.objects.bulk_create(documents, batch_size=1000)
    return len(documents)


def reindex_all(*, batch_size: int = 2000, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild every translation's document (after an upgrade that changes what is indexed)."""
    ids = list(Translation.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), batch_size):
        done += reindex_translations(ids[start : start + batch_size])
        if progress is not None:
            progress(done, len(ids))
    # Documents of translations that no longer exist are gone by CASCADE; nothing else to sweep.
    return done


# -- searching -----------------------------------------------------------------------------------


def _sqlite_match(query: str) -> str | None:
    """FTS5 MATCH text: every token quoted (a string, never an operator), all required; the last
    one as a prefix when it is at least MIN_PREFIX long and the query ends with it (as-you-type)."""
    terms = query_terms(query)
    if not terms:
        return None
    parts = [f'"{term}"' for term in terms]
    if len(terms[-1]) >= MIN_PREFIX and query.rstrip().endswith(terms[-1]):
        parts[-1] += "*"
    return " ".join(parts)


def _sqlite_ids(query: str, *, language: str | None, public_only: bool, limit: int) -> list[int]:
    """Rank a bounded pool of candidates with bm25, so a word in most documents stays cheap.

    bm25 over every match costs ~2-4 us a row and phrase: 40+ ms for two common words in 9,000 of
    24,000 translations. An FTS5 query without ORDER BY stops at its LIMIT and computes bm25 only
    for the rows it returns, so:
    1. title/meta matches (the words anywhere AND in the title or meta columns): at most
       HEAD_CANDIDATES, ranked by bm25 over both (the second, column-filtered phrase set adds a
       title boost), the best RERANK_CANDIDATES kept;
    2. if they leave room, up to RERANK_CANDIDATES other matches, ranked by bm25;
    title matches first, then the others. Exact (per group) when there are at most
    HEAD_CANDIDATES title matches; the very commonest words rank among a bounded sample.
    """
    words = _sqlite_match(query)
    if words is None:
        return []
    # The user's words are quoted strings; the filters are column-restricted constant tokens, so
    # no word in a document's text can pass a filter (a body saying "zzkbpublic" stays internal).
    filters = ""
    if language:
        filters += f' AND scope : "{SCOPE_LANG}{language.replace("-", "")}"'
    if public_only:
        filters += f' AND scope : "{SCOPE_PUBLIC}"'
    pool = max(RERANK_CANDIDATES, limit)
    sql = f"SELECT rowid, bm25({FTS_TABLE}, {TITLE_WEIGHT}, {META_WEIGHT}, 1.0, 0.0) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [f"({words}) AND {{title meta}} : ({words}){filters}", HEAD_CANDIDATES])
        head = sorted(cursor.fetchall(), key=lambda row: (row[1], row[0]))
        ranked = [row[0] for row in head[:pool]]
        if len(ranked) < pool:
            seen = {row[0] for row in head}
            cursor.execute(sql, [f"({words}){filters}", pool + len(seen)])
            body = sorted((row for row in cursor.fetchall() if row[0] not in seen), key=lambda row: (row[1], row[0]))
            ranked += [row[0] for row in body[: pool - len(ranked)]]
    return ranked[:limit]


def _postgres_tsquery(query: str) -> tuple[str, list[str]] | None:
    """plainto_tsquery for the words; a trailing plain word of MIN_PREFIX+ characters as `word:*`."""
    if not query_terms(query):
        return None
    words = query.split()
    last = words[-1]
    plain = f"plainto_tsquery('{PG_CONFIG}'::regconfig, %s)"
    if WORD.fullmatch(last) and len(last) >= MIN_PREFIX:
        prefix = f"to_tsquery('{PG_CONFIG}'::regconfig, %s)"
        return f"({plain} && {prefix})", [" ".join(words[:-1]), f"{last}:*"]
    return plain, [query]


def _postgres_ids(query: str, *, language: str | None, public_only: bool, limit: int) -> list[int]:
    """Rank a bounded pool of candidates, so a word in most documents costs no more than a rare one.

    ts_rank over a whole document vector reads (often de-TOASTs) each matching row, ~10 us a row:
    80+ ms for a word in 9,000 of 24,000 translations (docs/benchmarks.md). So:
    1. title/meta matches, through the small `tsv_head` vector and its GIN index: at most
       HEAD_CANDIDATES of them, ranked by ts_rank(tsv_head), the best RERANK_CANDIDATES kept;
    2. if that leaves room, up to RERANK_CANDIDATES documents matching in the body join the pool;
    3. the pool is ranked by ts_rank over the whole vector (title weight A, meta B, body D).
    Exact when a query has at most RERANK_CANDIDATES matches in all; beyond that, a document
    matching only in its body can lose its place to one matching in the title, which is the
    order we want anyway, and the very commonest words rank among a bounded sample.
    """
    built = _postgres_tsquery(query)
    if built is None:
        return []
    tsquery, params = built
    conditions, filters = "", []
    if language:
        conditions += " AND d.language = %s"
        filters.append(language)
    if public_only:
        conditions += " AND d.public"
    pool = max(RERANK_CANDIDATES, limit)
    # The tsquery is written out in each step (not shared through a CTE) so the planner sees the
    # words and estimates from the column statistics: a CTE's value is unknown to it, and a guess
    # of "a few matches" under a LIMIT made it scan the whole table for a word nobody used.
    sql = (
        f"WITH head AS MATERIALIZED (SELECT d.translation_id, d.tsv_head FROM {DOC_TABLE} d "
        f"WHERE d.tsv_head @@ {tsquery}{conditions} LIMIT %s), "
        f"head_best AS MATERIALIZED (SELECT h.translation_id FROM head h "
        f"ORDER BY ts_rank(h.tsv_head, {tsquery}, 1) DESC, h.translation_id LIMIT %s), "
        f"body AS MATERIALIZED (SELECT d.translation_id FROM {DOC_TABLE} d WHERE d.{PG_TSV} @@ {tsquery}{conditions} "
        "AND d.translation_id NOT IN (SELECT translation_id FROM head_best) "
        # Runs only when the title matches leave room. A constant LIMIT: a computed one looked
        # small to the planner, which then chose to scan the table for the few rows it expected.
        "AND (SELECT count(*) FROM head_best) < %s LIMIT %s), "
        "candidates AS (SELECT translation_id FROM head_best UNION ALL SELECT translation_id FROM body) "
        f"SELECT d.translation_id FROM {DOC_TABLE} d JOIN candidates USING (translation_id) "
        f"ORDER BY ts_rank(d.{PG_TSV}, {tsquery}, 1) DESC, d.translation_id LIMIT %s"
    )
    args: list[str | int] = [*params, *filters, HEAD_CANDIDATES, *params, pool, *params, *filters, pool, pool, *params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return [row[0] for row in cursor.fetchall()]


def public_url(article_id: int, language: str, slug: str) -> str:
    """The help-centre URL of a translation."""
    return reverse("help-article", kwargs={"language": language, "article_id": article_id, "slug": slug})


def agent_url(article_id: int, language: str) -> str:
    """The agent page of a translation (kb authoring's `kb-translation`), else of the article."""
    for name, args in (("kb-translation", [article_id, language]), ("kb-article", [article_id])):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return "/kb/"


def _is_staff(user: object) -> bool:
    flags = ("is_authenticated", "is_active", "is_helpdesk_staff")
    return all(getattr(user, flag, False) for flag in flags)


def search_articles(
    query: str, *, language: str | None = None, user: object = None, public_only: bool = True, limit: int = 10
) -> list[KbHit]:
    """Best matches first, at most `limit` (1..MAX_LIMIT). Query text of any shape is safe."""
    if not public_only and user is not None and not _is_staff(user):
        public_only = True
    text = clean_query(query, max_chars=MAX_QUERY_CHARS)
    limit = max(1, min(int(limit), MAX_LIMIT))
    language = (language or "").strip().lower() or None
    if language is not None and not LANGUAGE_CODE.fullmatch(language):
        return []
    run = _postgres_ids if connection.vendor == "postgresql" else _sqlite_ids
    ids = run(text, language=language, public_only=public_only, limit=limit)
    if not ids:
        return []
    rows = (
        SearchDocument.objects.filter(translation_id__in=ids)
        .select_related("translation__article")
        .only(
            "translation_id",
            "public",
            "translation__title",
            "translation__slug",
            "translation__language",
            "translation__state",
            "translation__body_text",
            "translation__article__visibility",
            "translation__article__category_id",
        )
    )
    by_id = {row.translation_id: row for row in rows}
    # Defence in depth: a document whose public flag went stale (a change that forgot to
    # re-index) still never shows a non-public article to the public.
    public_ids = public_category_ids() if public_only else set()
    hits = []
    for pk in ids:
        row = by_id.get(pk)
        if row is None:
            continue
        tr = row.translation
        article = tr.article
        if public_only and not (
            tr.state == ArticleState.PUBLISHED and article.visibility == Visibility.PUBLIC and article.category_id in public_ids
        ):
            continue
        url = public_url(article.pk, tr.language, tr.slug) if row.public else agent_url(article.pk, tr.language)
        hits.append(
            KbHit(
                translation_id=tr.pk,
                article_id=article.pk,
                language=tr.language,
                title=tr.title,
                snippet=snippet(tr.body_text or "", text, width=SNIPPET_CHARS),
                url=url,
                public=row.public,
                state=tr.state,
                visibility=article.visibility,
            )
        )
    return hits
