"""Knowledge base for agents: categories, articles, translations, states, versions, attachments.

Everything the /kb/ pages do, for helpdesk staff (admins, supervisors, agents); for anyone else
these resources do not exist (404). Who may do what (docs/knowledge-base.md): every staff user
reads everything and writes drafts; supervisors and admins review, publish, archive and restore;
admins manage categories. A refused write on something the caller can read is a 403.

Editing is optimistic: PUT a translation with the `base_version` you read; if someone saved since,
the answer is 409 and nothing is overwritten. Every save, state change and restore appends a
version (`GET .../versions`); history is never rewritten. Bodies are sanitized HTML.
The public help centre (published, public articles only) is in kb_public.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Id, Input, Limit, PageOut, PathId, paginate_list
from supportdesk.api.schemas import UserRef, user_ref
from supportdesk.core.errors import ValidationFailed
from supportdesk.kb import actions, selectors
from supportdesk.kb.access import (
    TRANSITIONS,
    AttachmentNotFound,
    access_article,
    access_attachment,
    access_category,
    access_translation,
    require_kb_staff,
    translation_permissions,
    visible_categories,
)
from supportdesk.kb.downloads import attachment_response
from supportdesk.kb.models import MAX_BODY, MAX_SLUG, MAX_TITLE, Article, ArticleAttachment, Category, Translation, Version
from supportdesk.kb.versions import decode_note

router = Router(tags=["kb"])

SINGLE_LINE = r"^[^\r\n\x00]*$"
Language = Annotated[str, Path(max_length=8, description="Language code, e.g. en, de, hu, lv.")]
Texts = Annotated[dict[str, str], Field(max_length=20, description="Language code -> text.")]
Tags = Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=actions.MAX_TAGS)]
RelatedIds = Annotated[list[Id], Field(max_length=actions.MAX_RELATED, description="Related articles (the relation is symmetrical).")]
Note = Annotated[str, Field("", max_length=actions.MAX_NOTE, pattern=SINGLE_LINE)]
Version_ = Annotated[int, Field(ge=1, le=2**31 - 1, description="The version the change is based on (from GET).")]
VersionNumber = Annotated[int, Path(ge=1, le=2**31 - 1)]


# -- schemas ----------------------------------------------------------------------------------------


class KbCategoryOut(Schema):
    id: int
    slug: str
    parent_id: int | None
    kind: str = Field(description="articles or faq (questions and answers).")
    visibility: str = Field(description="public or internal.")
    names: dict[str, str]
    descriptions: dict[str, str]
    position: int
    created_at: dt.datetime


class KbCategoryIn(Input):
    names: Texts = Field(description="Language code -> name; at least one.")
    descriptions: Texts = Field(default_factory=dict)
    kind: str = Field("articles", max_length=10)
    visibility: str = Field("public", max_length=10)
    parent_id: Id | None = Field(None, description="null: a top-level category.")
    position: int = Field(0, ge=0, le=actions.MAX_POSITION)
    slug: str | None = Field(None, max_length=MAX_SLUG, description="Empty: made from the name.")


class KbCategoryUpdateIn(Input):
    """Only the fields sent change; `parent_id: null` moves the category to the top level."""

    names: Texts | None = None
    descriptions: Texts | None = None
    kind: str | None = Field(None, max_length=10)
    visibility: str | None = Field(None, max_length=10)
    parent_id: Id | None = None
    position: int | None = Field(None, ge=0, le=actions.MAX_POSITION)
    slug: str | None = Field(None, max_length=MAX_SLUG)


class KbCategoryRef(Schema):
    id: int
    slug: str
    kind: str
    names: dict[str, str]


class KbTranslationSummaryOut(Schema):
    language: str
    title: str
    slug: str
    state: str = Field(description="draft, in_review, published or archived.")
    version: int
    author: UserRef | None
    reviewer: UserRef | None
    published_at: dt.datetime | None
    updated_at: dt.datetime
    view_count: int
    helpful_yes: int
    helpful_no: int
    detected_language: str = Field(description='Language the worker detected in the text ("" when too short or not yet detected).')
    detected_language_confidence: float | None = Field(description="0..1; null until the worker has looked at the current text.")


class KbArticleOut(Schema):
    id: int
    category: KbCategoryRef
    visibility: str
    tags: list[str]
    related_ids: list[int]
    source_ticket_id: int | None
    created_by: UserRef | None
    created_at: dt.datetime
    translations: list[KbTranslationSummaryOut]


class KbPermissionsOut(Schema):
    can_edit: bool
    transitions: list[str] = Field(description="State changes the caller may make now.")
    can_restore: bool


class KbTranslationOut(KbTranslationSummaryOut):
    article_id: int
    body_html: str = Field(description="Sanitized HTML.")
    body_text: str
    created_at: dt.datetime
    permissions: KbPermissionsOut


class KbArticleIn(Input):
    category_id: Id
    language: str = Field(max_length=8, examples=["en"])
    title: str = Field(min_length=1, max_length=MAX_TITLE, pattern=SINGLE_LINE)
    body_html: str = Field("", max_length=MAX_BODY, description="HTML; sanitized when saved.")
    visibility: str = Field("public", max_length=10, description="public or internal (agents only).")
    tags: Tags = Field(default_factory=list)
    related_ids: RelatedIds = Field(default_factory=list)


class KbArticleUpdateIn(Input):
    """Only the fields sent change. Agents may change an article only while none of its translations is published."""

    visibility: str | None = Field(None, max_length=10)
    category_id: Id | None = None
    tags: Tags | None = None
    related_ids: RelatedIds | None = None


class KbTranslationPutIn(Input):
    title: str = Field(min_length=1, max_length=MAX_TITLE, pattern=SINGLE_LINE)
    body_html: str = Field("", max_length=MAX_BODY)
    base_version: Version_ | None = Field(None, description="Required when the translation exists: the version you edited.")
    note: Note = ""


class KbTransitionIn(Input):
    action: str = Field(max_length=20, description=f"One of: {', '.join(TRANSITIONS)}.")
    note: Note = Field("", description="Required for send_back.")
    base_version: Version_ | None = None


class KbVersionOut(Schema):
    number: int
    title: str
    event: str = Field(description="create, translate, edit, restore, or the state change (submit, approve, ...).")
    note: str
    restored: int | None = Field(description="For restore: the version whose text came back.")
    author: UserRef | None
    created_at: dt.datetime


class KbVersionDetailOut(KbVersionOut):
    body_html: str


class KbDiffOut(Schema):
    old_number: int
    new_number: int
    added: int
    removed: int
    html: str = Field(description="A table of the changed lines with context; all article text escaped.")
    unified: str = Field(description="The same as a unified diff.")


class KbRestoreIn(Input):
    base_version: Version_ | None = None


class KbAttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    url: str = Field(description="Where the file is served (staff; everyone once the article is public and published).")
    created_at: dt.datetime


class KbFromTicketIn(Input):
    ticket_id: Id
    category_id: Id | None = Field(None, description="Default: the first top-level article category.")
    language: str | None = Field(None, max_length=8, description="Default: the ticket's language, else yours.")


# -- builders -----------------------------------------------------------------------------------------


def category_out(category: Category) -> dict[str, Any]:
    fields = ("id", "slug", "parent_id", "kind", "visibility", "names", "descriptions", "position", "created_at")
    return {name: getattr(category, name) for name in fields}


def summary_out(row: Translation) -> dict[str, Any]:
    fields = (
        "language",
        "title",
        "slug",
        "state",
        "version",
        "published_at",
        "updated_at",
        "view_count",
        "helpful_yes",
        "helpful_no",
        "detected_language",
        "detected_language_confidence",
    )
    return {**{name: getattr(row, name) for name in fields}, "author": user_ref(row.author), "reviewer": user_ref(row.reviewer)}


def article_out(article: Article) -> dict[str, Any]:
    """Reads what selectors.with_details prefetched: no query per article."""
    category = article.category
    return {
        "id": article.pk,
        "category": {"id": category.pk, "slug": category.slug, "kind": category.kind, "names": category.names},
        "visibility": article.visibility,
        "tags": sorted(tag.name for tag in article.tags.all()),
        "related_ids": sorted(other.pk for other in article.related.all()),
        "source_ticket_id": article.source_ticket_id,
        "created_by": user_ref(article.created_by),
        "created_at": article.created_at,
        "translations": [summary_out(row) for row in article.translations.all()],
    }


def translation_out(request: HttpRequest, row: Translation) -> dict[str, Any]:
    perms = translation_permissions(actor(request), row)
    return {
        **summary_out(row),
        "article_id": row.article_id,
        "body_html": row.body_html,
        "body_text": row.body_text,
        "created_at": row.created_at,
        "permissions": {"can_edit": perms.can_edit, "transitions": list(perms.transitions), "can_restore": perms.can_restore},
    }


def version_out(version: Version) -> dict[str, Any]:
    note = decode_note(version.note)
    return {
        "number": version.number,
        "title": version.title,
        "event": note.code,
        "note": note.text,
        "restored": note.restored,
        "author": user_ref(version.author),
        "created_at": version.created_at,
    }


def attachment_out(attachment: ArticleAttachment) -> dict[str, Any]:
    fields = ("id", "filename", "content_type", "size", "created_at")
    return {**{name: getattr(attachment, name) for name in fields}, "url": actions.attachment_url(attachment)}


def _article(request: HttpRequest, article_id: int) -> dict[str, Any]:
    article = access_article(actor(request), article_id)
    return article_out(selectors.with_details(Article.objects.filter(pk=article.pk)).get())


def _translation(request: HttpRequest, article_id: int, language: str) -> Translation:
    return access_translation(actor(request), article_id, language)


# -- categories ---------------------------------------------------------------------------------------


@router.get("/kb/categories", response=PageOut[KbCategoryOut], summary="List KB categories (staff)")
def list_categories(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    user = actor(request)
    require_kb_staff(user)
    page = paginate_list(visible_categories(user), order=["id"], cursor=cursor, limit=limit)
    return {"items": [category_out(c) for c in page.items], "next_cursor": page.next_cursor}


@router.post("/kb/categories", response={201: KbCategoryOut}, summary="Create a KB category (admins)")
def create_category(request: HttpRequest, payload: KbCategoryIn) -> Status[dict[str, Any]]:
    values = {k: v for k, v in payload.model_dump().items() if v is not None or k == "parent_id"}
    return Status(201, category_out(actions.create_category(actor(request), values)))


@router.get("/kb/categories/{category_id}", response=KbCategoryOut, summary="Read a KB category (staff)")
def read_category(request: HttpRequest, category_id: PathId) -> dict[str, Any]:
    return category_out(access_category(actor(request), category_id))


@router.patch("/kb/categories/{category_id}", response=KbCategoryOut, summary="Change or move a KB category (admins)")
def update_category(request: HttpRequest, payload: KbCategoryUpdateIn, category_id: PathId) -> dict[str, Any]:
    user = actor(request)
    category = access_category(user, category_id)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None or k == "parent_id"}
    return category_out(actions.update_category(user, category, changes))


@router.delete("/kb/categories/{category_id}", response={204: None}, summary="Delete an empty KB category (admins)")
def delete_category(request: HttpRequest, category_id: PathId) -> Status[None]:
    user = actor(request)
    actions.delete_category(user, access_category(user, category_id))
    return Status(204, None)


# -- articles --------------------------------------------------------------------------------------------


@router.get("/kb/articles", response=PageOut[KbArticleOut], summary="List KB articles with their translations (staff)")
def list_articles(
    request: HttpRequest,
    state: Annotated[str, Query("", max_length=12, description="A translation in this state.")] = "",
    language: Annotated[str, Query("", max_length=8, description="A translation in this language (with `state`: the same one).")] = "",
    category_id: Annotated[int | None, Query(None, ge=1, le=2**63 - 1)] = None,
    visibility: Annotated[str, Query("", max_length=10)] = "",
    q: Annotated[str, Query("", max_length=selectors.MAX_QUERY, description="Words; the best 50 matches, any state.")] = "",
    cursor: Cursor = None,
    limit: Limit = 25,
) -> dict[str, Any]:
    user = actor(request)
    require_kb_staff(user)
    filters = selectors.ArticleFilters.parse(
        {"state": state, "language": language, "category_id": category_id, "visibility": visibility, "q": q}
    )
    page = paginate_list(selectors.articles_for_api(user, filters), order=["-id"], cursor=cursor, limit=limit)
    return {"items": [article_out(a) for a in page.items], "next_cursor": page.next_cursor}


@router.post("/kb/articles", response={201: KbArticleOut}, summary="Create a KB article: its first translation, a draft (staff)")
def create_article(request: HttpRequest, payload: KbArticleIn) -> Status[dict[str, Any]]:
    row = actions.create_article(actor(request), **payload.model_dump())
    return Status(201, _article(request, row.article_id))


# Before /kb/articles/{article_id}: its URL pattern would take "from-ticket" as an id (405).
@router.post(
    "/kb/articles/from-ticket", response={201: KbTranslationOut}, summary="Draft a KB article from a ticket (never its internal notes)"
)
def from_ticket(request: HttpRequest, payload: KbFromTicketIn) -> Status[dict[str, Any]]:
    row = actions.draft_from_ticket(actor(request), payload.ticket_id, category_id=payload.category_id, language=payload.language)
    return Status(201, translation_out(request, _translation(request, row.article_id, row.language)))


@router.get("/kb/articles/{article_id}", response=KbArticleOut, summary="Read a KB article with its translations (staff)")
def read_article(request: HttpRequest, article_id: PathId) -> dict[str, Any]:
    return _article(request, article_id)


@router.patch("/kb/articles/{article_id}", response=KbArticleOut, summary="Change visibility, category, tags or related articles")
def update_article(request: HttpRequest, payload: KbArticleUpdateIn, article_id: PathId) -> dict[str, Any]:
    user = actor(request)
    article = access_article(user, article_id)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    actions.update_article(user, article, changes)
    return _article(request, article_id)


# -- translations ---------------------------------------------------------------------------------------


@router.get("/kb/articles/{article_id}/translations/{language}", response=KbTranslationOut, summary="Read a translation (staff)")
def read_translation(request: HttpRequest, article_id: PathId, language: Language) -> dict[str, Any]:
    return translation_out(request, _translation(request, article_id, language))


@router.put(
    "/kb/articles/{article_id}/translations/{language}",
    response={200: KbTranslationOut, 201: KbTranslationOut},
    summary="Add a translation (201) or save new text (200; send base_version, 409 when stale)",
)
def put_translation(request: HttpRequest, payload: KbTranslationPutIn, article_id: PathId, language: Language) -> Status[dict[str, Any]]:
    user = actor(request)
    article = access_article(user, article_id)
    row = Translation.objects.filter(article=article, language=language).first()
    if row is None:
        created = actions.add_translation(user, article, language=language, title=payload.title, body_html=payload.body_html)
        return Status(201, translation_out(request, _translation(request, article_id, created.language)))
    if payload.base_version is None:
        raise ValidationFailed(_("Send the version you edited."), field_errors={"base_version": _("Required to change a translation.")})
    actions.edit_translation(
        user, row, title=payload.title, body_html=payload.body_html, base_version=payload.base_version, note=payload.note
    )
    return Status(200, translation_out(request, _translation(request, article_id, language)))


@router.post(
    "/kb/articles/{article_id}/translations/{language}/transitions",
    response=KbTranslationOut,
    summary="Change the editorial state: submit, withdraw, approve, send_back, publish, unpublish, archive, unarchive",
)
def transition(request: HttpRequest, payload: KbTransitionIn, article_id: PathId, language: Language) -> dict[str, Any]:
    user = actor(request)
    row = _translation(request, article_id, language)
    actions.change_state(user, row, payload.action, note=payload.note, base_version=payload.base_version)
    return translation_out(request, _translation(request, article_id, language))


@router.get("/kb/articles/{article_id}/translations/{language}/versions", response=PageOut[KbVersionOut], summary="Versions, newest first")
def list_versions(request: HttpRequest, article_id: PathId, language: Language, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    row = _translation(request, article_id, language)
    rows = Version.objects.filter(translation=row).select_related("author")
    page = paginate_list(rows, order=["-number"], cursor=cursor, limit=limit)
    return {"items": [version_out(v) for v in page.items], "next_cursor": page.next_cursor}


@router.get(
    "/kb/articles/{article_id}/translations/{language}/versions/{number}", response=KbVersionDetailOut, summary="One version with its text"
)
def read_version(request: HttpRequest, article_id: PathId, language: Language, number: VersionNumber) -> dict[str, Any]:
    version = selectors.get_version(_translation(request, article_id, language), number)
    return {**version_out(version), "body_html": version.body_html}


@router.get(
    "/kb/articles/{article_id}/translations/{language}/versions/{number}/diff",
    response=KbDiffOut,
    summary="What changed from another version (default: the one before) to this one",
)
def diff(
    request: HttpRequest,
    article_id: PathId,
    language: Language,
    number: VersionNumber,
    against: Annotated[int | None, Query(None, ge=1, le=2**31 - 1)] = None,
    source: Annotated[bool, Query(False, description="Compare the HTML instead of the readable text.")] = False,
) -> dict[str, Any]:
    result = selectors.diff_of(_translation(request, article_id, language), number, against=against, source=source)
    return {
        "old_number": result.old_number,
        "new_number": result.new_number,
        "added": result.added,
        "removed": result.removed,
        "html": result.html,
        "unified": result.unified,
    }


@router.post(
    "/kb/articles/{article_id}/translations/{language}/versions/{number}/restore",
    response=KbTranslationOut,
    summary="Make an old version's text current again, as a new version (supervisors and admins)",
)
def restore(request: HttpRequest, payload: KbRestoreIn, article_id: PathId, language: Language, number: VersionNumber) -> dict[str, Any]:
    user = actor(request)
    row = _translation(request, article_id, language)
    actions.restore_version(user, row, number, base_version=payload.base_version)
    return translation_out(request, _translation(request, article_id, language))


# -- attachments ------------------------------------------------------------------------------------------


@router.get("/kb/articles/{article_id}/attachments", response=list[KbAttachmentOut], summary="An article's files and images (at most 100)")
def list_attachments(request: HttpRequest, article_id: PathId) -> list[dict[str, Any]]:
    article = access_article(actor(request), article_id)
    return [attachment_out(a) for a in ArticleAttachment.objects.filter(article=article).order_by("pk")[: actions.MAX_ATTACHMENTS]]


@router.post(
    "/kb/articles/{article_id}/attachments",
    response={201: KbAttachmentOut},
    summary="Upload a file or image (multipart field `file`; `image=true` refuses anything but PNG, JPEG, GIF, WebP)",
)
def upload_attachment(
    request: HttpRequest, article_id: PathId, file: File[UploadedFile], image: Form[bool] = False
) -> Status[dict[str, Any]]:
    user = actor(request)
    article = access_article(user, article_id)
    attachment = actions.add_attachment(
        user, article, chunks=file.chunks(), filename=file.name or "file", content_type=file.content_type, image_only=image
    )
    return Status(201, attachment_out(attachment))


@router.delete("/kb/articles/{article_id}/attachments/{attachment_id}", response={204: None}, summary="Remove a file from an article")
def delete_attachment(request: HttpRequest, article_id: PathId, attachment_id: PathId) -> Status[None]:
    user = actor(request)
    article = access_article(user, article_id)
    attachment = ArticleAttachment.objects.filter(pk=attachment_id, article=article).select_related("article").first()
    if attachment is None:
        raise AttachmentNotFound()
    actions.delete_attachment(user, attachment)
    return Status(204, None)


@router.get(
    "/kb/attachments/{attachment_id}/content",
    url_name="kb_attachment_content",
    summary="Download a KB file (staff; everyone for public, published articles)",
)
def kb_attachment_content(request: HttpRequest, attachment_id: PathId) -> FileResponse:
    return attachment_response(access_attachment(actor(request), attachment_id))
