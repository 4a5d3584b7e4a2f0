"""The demo knowledge base is built with the KB actions and holds what the docs promise."""

from __future__ import annotations

from supportdesk.accounts.models import User
from supportdesk.demo.knowledge_base import ARTICLES, load_knowledge_base
from supportdesk.kb.choices import ArticleState, CategoryKind, Visibility
from supportdesk.kb.models import Article, Category, Translation, Version


def test_load_knowledge_base(admin: User) -> None:
    counts = load_knowledge_base(admin)
    assert counts == {"categories": 5, "articles": len(ARTICLES), "translations": 50, "published": 45}
    assert Category.objects.filter(kind=CategoryKind.FAQ).count() == 1
    assert Category.objects.get(slug="scanners").parent == Category.objects.get(slug="troubleshooting")
    assert set(Category.objects.get(slug="faq").names) == {"en", "de", "hu", "lv"}
    languages = {code: Translation.objects.filter(language=code).count() for code in ("en", "de", "hu", "lv")}
    assert languages == {"en": 13, "de": 13, "hu": 12, "lv": 12}
    states = {state: Translation.objects.filter(state=state).count() for state in ArticleState.values}
    assert states == {"draft": 3, "in_review": 2, "published": 45, "archived": 0}
    internal = Article.objects.get(visibility=Visibility.INTERNAL)
    assert sorted(internal.translations.values_list("language", flat=True)) == ["de", "en"]
    # Real text in each language, with the reviewer and the version history set by the actions.
    hungarian = Translation.objects.get(language="hu", slug="a-szkenner-nem-olvassa-a-vonalkodokat")
    assert "Gyári visszaállítás" in hungarian.body_text and hungarian.reviewer == admin and hungarian.version == 3
    latvian = Translation.objects.get(language="lv", slug="ceku-printeris-druka-tuksus-cekus")
    assert latvian.state == ArticleState.PUBLISHED
    edited = Translation.objects.get(language="en", slug="set-up-your-aurora-pos-terminal")
    assert edited.version == 4 and "first sync" in edited.body_text
    assert Version.objects.get(translation=edited, number=4).note == "[edit] Mention the first sync"
    assert Article.objects.get(pk=edited.article_id).related.count() == 2
    assert load_knowledge_base(admin) == {"categories": 0, "articles": 0, "translations": 0, "published": 0}
    assert Article.objects.count() == len(ARTICLES)
