"""Agent pages of the knowledge base under /kb/: the list, the review queue, an article with its
translations, versions and feedback, the editor, and the category tree.

Thin: each view parses input and calls one action or selector. Pages are guarded (signed-out ->
sign-in; customers -> 404, the authoring side does not exist for them; PermissionDenied -> 403);
POSTs redirect with 303. Domain errors of a form are shown on the form; those of a button (a
state change, a restore) come back as a message on the article page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict, DomainError, NotFound, ValidationFailed
from supportdesk.core.html import sanitize_html
from supportdesk.core.pages import guarded_page, see_other
from supportdesk.kb import actions, selectors
from supportdesk.kb.access import (
    TRANSITIONS,
    access_article,
    access_attachment,
    access_category,
    access_translation,
    article_permissions,
    category_chain_is_public,
    is_reviewer,
    require_category_admin,
    require_kb_staff,
    translation_permissions,
)
from supportdesk.kb.choices import ArticleState, CategoryKind, Visibility
from supportdesk.kb.downloads import attachment_response
from supportdesk.kb.forms import (
    ArticleSettingsForm,
    CategoryForm,
    EditorForm,
    NewArticleForm,
    NewTranslationForm,
    RestoreForm,
    TransitionForm,
)
from supportdesk.kb.models import MAX_BODY, ArticleAttachment, Translation
from supportdesk.tickets.access import visible_tickets

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
PAGE_SIZE = 50
kb_page = guarded_page(require_kb_staff)
TRANSITION_LABELS = {
    "submit": gettext_lazy("Submit for review"),
    "withdraw": gettext_lazy("Withdraw from review"),
    "approve": gettext_lazy("Approve and publish"),
    "send_back": gettext_lazy("Send back"),
    "publish": gettext_lazy("Publish"),
    "unpublish": gettext_lazy("Unpublish"),
    "archive": gettext_lazy("Archive"),
    "unarchive": gettext_lazy("Unarchive"),
}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _flash(request: HttpRequest, exc: DomainError) -> None:
    details = "; ".join(exc.field_errors.values())
    messages.error(request, f"{exc.message} {details}".strip() if details and details not in exc.message else exc.message)


def _translation_url(row: Translation) -> str:
    return reverse("kb-translation", args=[row.article_id, row.language])


def _safe_body(form_data: Any) -> Any:
    """After a failed POST the editor shows the submitted text again: sanitized, so the page never
    puts raw input into the editable area (CSP would still stop script; this keeps markup sane)."""
    data = form_data.copy()
    raw = data.get("body_html", "")
    data["body_html"] = sanitize_html(raw) if len(raw) <= MAX_BODY else ""
    return data


# -- lists ------------------------------------------------------------------------------------------


@require_GET
@kb_page
def article_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    errors: list[str] = []
    try:
        filters = selectors.ArticleFilters.parse(request.GET.dict())
    except ValidationFailed as exc:
        errors.append(exc.message)
        filters = selectors.ArticleFilters()
    try:
        result = selectors.list_translations(user, filters, cursor=request.GET.get("cursor") or None, limit=PAGE_SIZE)
    except ValidationFailed as exc:  # a tampered cursor: first page, and say why
        errors.append(exc.message)
        result = selectors.list_translations(user, filters, cursor=None, limit=PAGE_SIZE)
    next_query = request.GET.copy()
    next_query["cursor"] = result.next_cursor or ""
    context = {
        "rows": result.rows,
        "searched": result.searched,
        "filters": filters,
        "errors": errors,
        "next_cursor": result.next_cursor,
        "next_query": next_query.urlencode(),
        "states": ArticleState.choices,
        "languages": selectors.language_choices_list(),
        "visibilities": Visibility.choices,
        "categories": selectors.category_tree(user),
    }
    return render(request, "kb/agent/list.html", context)


@require_GET
@kb_page
def review_queue(request: HttpRequest) -> HttpResponse:
    rows = selectors.label_categories(list(selectors.review_queue(_user(request))[:PAGE_SIZE]))
    return render(request, "kb/agent/review.html", {"rows": rows})


# -- one article ---------------------------------------------------------------------------------------


@require_GET
@kb_page
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    """An article: its translation in the reader's language, else English, else the first."""
    article = access_article(_user(request), article_id)
    rows = list(Translation.objects.filter(article=article).only("pk", "article_id", "language"))
    best = selectors.best_translation(rows, get_language() or "en")
    if best is None:
        raise Http404(_("Article not found."))
    return see_other(_translation_url(best))


@require_GET
@kb_page
def translation_detail(request: HttpRequest, article_id: int, language: str) -> HttpResponse:
    user = _user(request)
    row = access_translation(user, article_id, language)
    page = selectors.article_page(row.article, row)
    has_published = any(t.state == ArticleState.PUBLISHED for t in page.translations)
    perms = translation_permissions(user, row)
    article_perms = article_permissions(user, row.article, has_published=has_published)
    source_ticket = None
    if row.article.source_ticket_id:
        source_ticket = visible_tickets(user).filter(pk=row.article.source_ticket_id).first()
    nodes = selectors.category_tree(user)
    settings_form = ArticleSettingsForm(
        initial=ArticleSettingsForm.initial_for(row.article, page.tags, [a.pk for a, _t in page.related]), nodes=nodes
    )
    existing = {t.language for t in page.translations}
    context = {
        "public_url": _public_url(row),
        "page": page,
        "translation": row,
        "article": row.article,
        "perms": perms,
        "article_perms": article_perms,
        "is_reviewer": is_reviewer(user),
        "transitions": [(name, TRANSITION_LABELS[name], TRANSITIONS[name].note_required) for name in perms.transitions],
        "source_ticket": source_ticket,
        "settings_form": settings_form,
        "missing_languages": [code for code in selectors.language_codes() if code not in existing],
        "is_faq": row.article.category.kind == CategoryKind.FAQ,
        "category_name": row.article.category.name_in(get_language() or "en"),
        "detected_language": _language_name(selectors.language_mismatch(row)),
    }
    return render(request, "kb/agent/article.html", context)


def _language_name(code: str) -> str:
    """The language's name in the reader's language (the code itself when Django does not know it)."""
    if not code:
        return ""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _public_url(row: Translation) -> str:
    """The help-centre page of a published, public translation ("" otherwise)."""
    if (
        row.state != ArticleState.PUBLISHED
        or row.article.visibility != Visibility.PUBLIC
        or not category_chain_is_public(row.article.category)
    ):
        return ""
    try:
        return reverse("help-article", kwargs={"language": row.language, "article_id": row.article_id, "slug": row.slug})
    except NoReverseMatch:  # the help centre is not installed
        return ""


def _render_editor(request: HttpRequest, template_context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "kb/agent/edit.html", template_context, status=status)


@require_http_methods(["GET", "POST"])
@kb_page
def article_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    nodes = selectors.category_tree(user)
    initial = {"language": get_language() if get_language() in selectors.language_codes() else "en", "visibility": Visibility.PUBLIC}
    if request.GET.get("category", "").isdigit():
        initial["category"] = request.GET["category"]
    form = NewArticleForm(request.POST or None, initial=initial, nodes=nodes)
    if request.method == "POST" and form.is_valid():
        try:
            row = actions.create_article(user, **form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Draft saved."))
            return see_other(_translation_url(row))
    if request.method == "POST":
        form.data = _safe_body(form.data)
    return _render_editor(request, {"form": form, "mode": "create", "no_categories": not nodes})


@require_http_methods(["GET", "POST"])
@kb_page
def translation_edit(request: HttpRequest, article_id: int, language: str) -> HttpResponse:
    user = _user(request)
    row = access_translation(user, article_id, language)
    perms = translation_permissions(user, row)
    initial = {"title": row.title, "body_html": row.body_html, "base_version": row.version}
    form = EditorForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = actions.edit_translation(
                user, row, title=data["title"], body_html=data["body_html"], base_version=data["base_version"], note=data["note"]
            )
        except DomainError as exc:
            conflict = "base_version" in exc.field_errors
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Saved as version %(n)d.") % {"n": saved.version})
            return see_other(_translation_url(saved))
    if request.method == "POST":
        form.data = _safe_body(form.data)
    context = {
        "form": form,
        "mode": "edit",
        "translation": row,
        "article": row.article,
        "perms": perms,
        "conflict": conflict,
        "can_upload": article_permissions(user, row.article).can_change,
        "upload_url": reverse("kb-attachment-upload", args=[row.article_id]),
    }
    return _render_editor(request, context, status=409 if conflict else 200)


@require_http_methods(["GET", "POST"])
@kb_page
def translation_add(request: HttpRequest, article_id: int) -> HttpResponse:
    user = _user(request)
    article = access_article(user, article_id)
    existing = set(Translation.objects.filter(article=article).values_list("language", flat=True))
    missing = [code for code in selectors.language_codes() if code not in existing]
    initial = {"language": request.GET.get("language", "")}
    form = NewTranslationForm(request.POST or None, initial=initial, missing=missing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = actions.add_translation(user, article, language=data["language"], title=data["title"], body_html=data["body_html"])
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Translation saved as a draft."))
            return see_other(_translation_url(row))
    if request.method == "POST":
        form.data = _safe_body(form.data)
    return _render_editor(request, {"form": form, "mode": "translate", "article": article, "missing": missing})


@require_POST
@kb_page
def translation_state(request: HttpRequest, article_id: int, language: str) -> HttpResponse:
    user = _user(request)
    row = access_translation(user, article_id, language)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the note."))
        return see_other(_translation_url(row))
    data = form.cleaned_data
    try:
        row = actions.change_state(user, row, data["action"], note=data["note"], base_version=data["base_version"])
    except (ValidationFailed, Conflict) as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The article is now: %(state)s.") % {"state": row.get_state_display()})
    return see_other(_translation_url(row))


@require_GET
@kb_page
def version_diff(request: HttpRequest, article_id: int, language: str, number: int) -> HttpResponse:
    user = _user(request)
    row = access_translation(user, article_id, language)
    against_raw = request.GET.get("against", "")
    against = int(against_raw) if against_raw.isdigit() and len(against_raw) < 10 else None
    source = request.GET.get("source") == "1"
    diff = selectors.diff_of(row, number, against=against, source=source)
    version = selectors.describe(selectors.get_version(row, number))
    context = {
        "translation": row,
        "article": row.article,
        "diff": diff,
        "version": version,
        "source": source,
        "can_restore": translation_permissions(user, row).can_restore
        and (version.version.title, version.version.body_html) != (row.title, row.body_html),
    }
    return render(request, "kb/agent/diff.html", context)


@require_POST
@kb_page
def version_restore(request: HttpRequest, article_id: int, language: str, number: int) -> HttpResponse:
    user = _user(request)
    row = access_translation(user, article_id, language)
    form = RestoreForm(request.POST)
    base = form.cleaned_data["base_version"] if form.is_valid() else None
    try:
        row = actions.restore_version(user, row, number, base_version=base)
    except (ValidationFailed, Conflict) as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Version %(old)d restored as version %(new)d.") % {"old": number, "new": row.version})
    return see_other(_translation_url(row))


@require_POST
@kb_page
def article_settings(request: HttpRequest, article_id: int) -> HttpResponse:
    user = _user(request)
    article = access_article(user, article_id)
    form = ArticleSettingsForm(request.POST, nodes=selectors.category_tree(user))
    back = request.POST.get("language", "")
    target = (
        reverse("kb-translation", args=[article.pk, back])
        if back in selectors.language_codes()
        else reverse("kb-article", args=[article.pk])
    )
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return see_other(target)
    try:
        actions.update_article(user, article, form.values())
    except (ValidationFailed, Conflict) as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Article settings saved."))
    return see_other(target)


# -- attachments ------------------------------------------------------------------------------------------


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@kb_page
def attachment_upload(request: HttpRequest, article_id: int) -> HttpResponse:
    """Multipart field `file`. The editor's image button sends `image=1` and Accept: application/json
    and gets {id, url, filename}; the article page's form gets a redirect back."""
    user = _user(request)
    article = access_article(user, article_id)
    upload = request.FILES.get("file")
    image_only = request.POST.get("image") == "1"
    try:
        if upload is None:
            raise ValidationFailed(_("Choose a file."), field_errors={"file": _("Required.")})
        attachment = actions.add_attachment(
            user, article, chunks=upload.chunks(), filename=upload.name or "file", content_type=upload.content_type, image_only=image_only
        )
    except ValidationFailed as exc:
        if _wants_json(request):
            return JsonResponse({"error": exc.message, "errors": exc.field_errors}, status=422)
        _flash(request, exc)
        return see_other(reverse("kb-article", args=[article.pk]))
    if _wants_json(request):
        return JsonResponse({"id": attachment.pk, "url": actions.attachment_url(attachment), "filename": attachment.filename}, status=201)
    messages.success(request, _("File added."))
    back = request.POST.get("next", "")
    return see_other(back if _same_site_kb(back) else reverse("kb-article", args=[article.pk]))


def _same_site_kb(url: str) -> bool:
    return url.startswith("/kb/") and "//" not in url and "\\" not in url


@require_POST
@kb_page
def attachment_delete(request: HttpRequest, article_id: int, attachment_id: int) -> HttpResponse:
    user = _user(request)
    article = access_article(user, article_id)
    attachment = ArticleAttachment.objects.filter(pk=attachment_id, article=article).select_related("article").first()
    if attachment is None:
        raise Http404(_("Attachment not found."))
    actions.delete_attachment(user, attachment)
    messages.success(request, _("File removed."))
    back = request.POST.get("next", "")
    return see_other(back if _same_site_kb(back) else reverse("kb-article", args=[article.pk]))


@require_GET
def attachment_download(request: HttpRequest, attachment_id: int, filename: str) -> FileResponse:
    """The file, for staff always and for everyone once its article is publicly visible (the help
    centre's images). A download unless a raster image; nosniff and a sandbox CSP (BAD-INPUTS 26/27)."""
    try:
        attachment = access_attachment(request.user, attachment_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return attachment_response(attachment)


# -- categories -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@kb_page
def category_list(request: HttpRequest) -> HttpResponse:
    """The tree for every agent; admins also get the form to add a category."""
    user = _user(request)
    nodes = selectors.category_tree(user)
    form = CategoryForm(request.POST or None, initial=CategoryForm.initial_for(None), nodes=nodes)
    if request.method == "POST":
        require_category_admin(user)
        if form.is_valid():
            try:
                category = actions.create_category(user, form.values())
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("Category created."))
                return see_other(reverse("kb-category-edit", args=[category.pk]))
    can_manage = user.is_admin
    return render(request, "kb/agent/categories.html", {"nodes": nodes, "form": form, "can_manage": can_manage})


@require_http_methods(["GET", "POST"])
@guarded_page(require_category_admin)
def category_edit(request: HttpRequest, category_id: int) -> HttpResponse:
    user = _user(request)
    category = access_category(user, category_id)
    nodes = selectors.category_tree(user)
    below = selectors.subtree_ids(nodes, category.pk)
    form = CategoryForm(request.POST or None, initial=CategoryForm.initial_for(category), nodes=nodes, exclude=below)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_category(user, category, form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Category saved."))
            return see_other(reverse("kb-categories"))
    return render(request, "kb/agent/category_form.html", {"form": form, "category": category})


@require_POST
@guarded_page(require_category_admin)
def category_delete(request: HttpRequest, category_id: int) -> HttpResponse:
    user = _user(request)
    category = access_category(user, category_id)
    try:
        actions.delete_category(user, category)
    except Conflict as exc:
        _flash(request, exc)
        return see_other(reverse("kb-category-edit", args=[category.pk]))
    messages.success(request, _("Category deleted."))
    return see_other(reverse("kb-categories"))


# -- tickets ------------------------------------------------------------------------------------------------


@require_POST
@kb_page
def draft_from_ticket(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """The ticket page's "Turn into KB draft" button: a draft, then its editor."""
    user = _user(request)
    try:
        row = actions.draft_from_ticket(user, ticket_id)
    except ValidationFailed as exc:
        _flash(request, exc)
        return see_other(reverse("ticket", args=[ticket_id]))
    messages.success(
        request, _("Draft created from the ticket. Check the text before you submit it: it is internal until you change that.")
    )
    return see_other(reverse("kb-translation-edit", args=[row.article_id, row.language]))
