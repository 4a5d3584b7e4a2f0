"""Fixtures for API tests: a token-authenticated client per user."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.accounts.tokens import create_token


class ApiClient:
    """A Django test client that sends `Authorization: Token <key>` and JSON bodies."""

    def __init__(self, user: User | None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if user is not None:
            _token, key = create_token(user)
            self.headers["Authorization"] = f"Token {key}"

    def _call(self, method: str, path: str, data: Any = None, headers: dict[str, str] | None = None, **extra: Any) -> Any:
        kwargs: dict[str, Any] = {"headers": {**self.headers, **(headers or {})}, **extra}
        if data is not None:
            kwargs["data"] = data if isinstance(data, str | bytes) else json.dumps(data)
            kwargs.setdefault("content_type", "application/json")
        return getattr(self.client, method)(path, **kwargs)

    def get(self, path: str, data: dict[str, Any] | None = None, **extra: Any) -> Any:
        return self.client.get(path, data=data, headers=self.headers, **extra)

    def post(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self._call("post", path, data, **extra)

    def patch(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self._call("patch", path, data, **extra)

    def put(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self._call("put", path, data, **extra)

    def delete(self, path: str, **extra: Any) -> Any:
        return self._call("delete", path, None, **extra)

    def upload(self, content: bytes, filename: str, content_type: str = "application/octet-stream") -> Any:
        from django.core.files.uploadedfile import SimpleUploadedFile

        file = SimpleUploadedFile(filename, content, content_type=content_type)
        return self.client.post("/api/v1/attachments", data={"file": file}, headers=self.headers)


@pytest.fixture
def api_as(db: None) -> Callable[[User | None], ApiClient]:
    """api_as(user) -> a client authenticated as that user (None: anonymous)."""
    return ApiClient
