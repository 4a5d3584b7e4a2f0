"""Storage the API layer needs for itself."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from supportdesk.accounts.models import User


class IdempotencyRecord(models.Model):
    """The stored answer to a POST carrying an Idempotency-Key, replayed on retries."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="uniq_idempotency_key")]
