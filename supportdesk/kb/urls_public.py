"""The public help centre, mounted at /help/ (no sign-in needed). URL names start with "help-"."""

from django.urls import URLPattern, path, register_converter

from supportdesk.kb import views_public
from supportdesk.kb.sitemap import sitemap_view


class LanguageConverter:
    """Two to eight lowercase letters (optionally with a region); unknown languages 404 in the view."""

    regex = "[a-z]{2,3}(?:-[a-z0-9]{2,8})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "lang")

urlpatterns: list[URLPattern] = [
    path("", views_public.help_root, name="help-root"),
    path("sitemap.xml", sitemap_view, name="help-sitemap"),
    path("<lang:language>/", views_public.home, name="help-home"),
    path("<lang:language>/search/", views_public.search, name="help-search"),
    path("<lang:language>/c/<slug:slug>/", views_public.category, name="help-category"),
    path("<lang:language>/a/<int:article_id>-<str:slug>/", views_public.article, name="help-article"),
    path("<lang:language>/a/<int:article_id>/", views_public.article, name="help-article-noslug"),
    path("<lang:language>/a/<int:article_id>-<str:slug>/feedback/", views_public.feedback, name="help-feedback"),
    path("attachments/<int:attachment_id>/<str:filename>", views_public.attachment, name="help-attachment"),
]
