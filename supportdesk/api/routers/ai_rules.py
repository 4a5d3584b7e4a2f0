"""REST API of the AI keyword rules (supportdesk.ai.keyword_rules): the classifier's cold start.

Staff read rules; admins create, change and delete them. For customers rules do not exist (404).
A value is checked against its field: an active group's id, a priority, a type or a tag.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from supportdesk.ai import keyword_rules
from supportdesk.ai.choices import Target
from supportdesk.ai.models import KeywordRule
from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Input, Limit, PageOut, PathId, paginate_list

router = Router(tags=["ai"])

Keyword = Annotated[str, Field(min_length=1, max_length=keyword_rules.MAX_KEYWORD)]
Keywords = Annotated[list[Keyword], Field(min_length=1, max_length=keyword_rules.MAX_KEYWORDS)]
Language = Annotated[str, Field(max_length=8, description='Language code such as "en"; "" for every language.')]
Value = Annotated[str, Field(min_length=1, max_length=keyword_rules.MAX_VALUE, description="Group id, priority, type or tag.")]


class KeywordRuleOut(Schema):
    id: int
    target: Target
    value: str
    keywords: list[str]
    language: str
    weight: float
    is_active: bool
    position: int


class KeywordRuleIn(Input):
    target: Target
    value: Value
    keywords: Keywords
    language: Language = ""
    weight: float = Field(0.6, ge=0.0, le=1.0, description="Confidence given to a match.")
    is_active: bool = True
    position: int = Field(0, ge=0, le=keyword_rules.MAX_POSITION)


class KeywordRuleUpdateIn(Input):
    target: Target | None = None
    value: Value | None = None
    keywords: Keywords | None = None
    language: Language | None = None
    weight: float | None = Field(None, ge=0.0, le=1.0)
    is_active: bool | None = None
    position: int | None = Field(None, ge=0, le=keyword_rules.MAX_POSITION)


def rule_out(rule: KeywordRule) -> dict[str, Any]:
    return {name: getattr(rule, name) for name in ("id", "target", "value", "keywords", "language", "weight", "is_active", "position")}


@router.get("/ai/rules", response=PageOut[KeywordRuleOut], summary="List AI keyword rules (staff)")
def list_rules(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    page = paginate_list(keyword_rules.visible_rules(actor(request)), order=["id"], cursor=cursor, limit=limit)
    return {"items": [rule_out(rule) for rule in page.items], "next_cursor": page.next_cursor}


@router.post("/ai/rules", response={201: KeywordRuleOut}, summary="Create an AI keyword rule (admins)")
def create_rule(request: HttpRequest, payload: KeywordRuleIn) -> Status[dict[str, Any]]:
    rule = keyword_rules.create_rule(actor(request), payload.model_dump())
    return Status(201, rule_out(rule))


@router.get("/ai/rules/{rule_id}", response=KeywordRuleOut, summary="Read an AI keyword rule (staff)")
def read_rule(request: HttpRequest, rule_id: PathId) -> dict[str, Any]:
    return rule_out(keyword_rules.get_rule(actor(request), rule_id))


@router.patch("/ai/rules/{rule_id}", response=KeywordRuleOut, summary="Change an AI keyword rule (admins)")
def update_rule(request: HttpRequest, payload: KeywordRuleUpdateIn, rule_id: PathId) -> dict[str, Any]:
    user = actor(request)
    rule = keyword_rules.get_rule(user, rule_id)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    keyword_rules.update_rule(user, rule, changes)
    return rule_out(rule)


@router.delete("/ai/rules/{rule_id}", response={204: None}, summary="Delete an AI keyword rule (admins)")
def delete_rule(request: HttpRequest, rule_id: PathId) -> Status[None]:
    user = actor(request)
    keyword_rules.delete_rule(user, keyword_rules.get_rule(user, rule_id))
    return Status(204, None)
