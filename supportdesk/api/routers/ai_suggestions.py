"""REST API of the AI suggestions (placeholder router; filled in by its capability)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["ai"])
