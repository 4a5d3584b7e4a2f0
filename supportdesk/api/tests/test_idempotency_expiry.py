"""Idempotency records expire, and an abandoned claim stops blocking its key."""

from datetime import timedelta

from django.utils import timezone

from supportdesk.api.idempotency import IN_PROGRESS
from supportdesk.api.models import IdempotencyRecord
from supportdesk.api.sweeps import expire_idempotency_records


def _record(user, key, *, status, age):
    return IdempotencyRecord.objects.create(
        user=user,
        key=key,
        method="POST",
        path="/api/v1/tickets",
        request_hash="h",
        status_code=status,
        response_body="{}",
        created_at=timezone.now() - age,
    )


def test_expiry_removes_old_answers_and_stale_claims(agent):
    _record(agent, "old-answer", status=201, age=timedelta(hours=25))
    _record(agent, "fresh-answer", status=201, age=timedelta(hours=1))
    _record(agent, "stale-claim", status=IN_PROGRESS, age=timedelta(minutes=11))
    _record(agent, "running-claim", status=IN_PROGRESS, age=timedelta(minutes=1))
    assert expire_idempotency_records() == 2
    assert sorted(IdempotencyRecord.objects.values_list("key", flat=True)) == ["fresh-answer", "running-claim"]
