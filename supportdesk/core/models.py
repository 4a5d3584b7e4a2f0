"""Shared base models and the sequence counter."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F


class TimeStampedModel(models.Model):
    """Creation and last-change times, always aware UTC."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Sequence(models.Model):
    """A named counter, e.g. ticket numbers.

    Incremented with a row lock, so two processes never hand out the same number; a gap after a
    rolled-back transaction is accepted (numbers need to be unique and increasing, not dense).
    """

    name = models.CharField(max_length=64, unique=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


def next_sequence_value(name: str, *, start: int = 1) -> int:
    """Return the next value of the named sequence, creating it at `start` on first use."""
    with transaction.atomic():
        updated = Sequence.objects.filter(name=name).update(value=F("value") + 1)
        if not updated:
            Sequence.objects.get_or_create(name=name, defaults={"value": start - 1})
            Sequence.objects.filter(name=name).update(value=F("value") + 1)
        return Sequence.objects.filter(name=name).values_list("value", flat=True).get()


def reserve_sequence_values(name: str, count: int, *, start: int = 1) -> int:
    """Reserve `count` consecutive values of the named sequence in one step; return the first.

    For bulk writers (mail import) that need many numbers at once: two queries instead of three per value.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    with transaction.atomic():
        updated = Sequence.objects.filter(name=name).update(value=F("value") + count)
        if not updated:
            Sequence.objects.get_or_create(name=name, defaults={"value": start - 1})
            Sequence.objects.filter(name=name).update(value=F("value") + count)
        last = Sequence.objects.filter(name=name).values_list("value", flat=True).get()
    return last - count + 1


class RateLimitBucket(models.Model):
    """Hits of one rate-limit key in its current fixed window, shared by every process through the database.

    The key is a hash (keys contain e-mail and IP addresses, which need not sit in clear here).
    """

    key = models.CharField(max_length=64, unique=True)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.count} since {self.window_start:%H:%M}"
