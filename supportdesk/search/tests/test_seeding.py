"""The benchmark seeder (search.seeding, `supportdesk seed_bench`) still writes valid rows: it inserts
with raw SQL, so a NOT NULL column added by a later migration must be filled from the model."""

from __future__ import annotations

import random

import pytest

from supportdesk.accounts.models import Organization
from supportdesk.search import seeding
from supportdesk.tickets.models import Article, Ticket

pytestmark = pytest.mark.django_db


def test_seeder_writes_tickets_articles_and_organizations_with_model_defaults() -> None:
    rng = random.Random(7)
    world = seeding.build_world(rng, customers=12)
    big_id = seeding.seed_tickets(rng, world, tickets=15, articles_per_ticket=2, batch_size=6, progress=lambda line: None)

    assert Ticket.objects.count() == 15
    assert Article.objects.filter(ticket_id=big_id).count() == seeding.BIG_TICKET_ARTICLES
    assert Organization.objects.exists() and not Organization.objects.exclude(tier="").exists()  # "" from the model
    assert not Ticket.objects.filter(sla_at_risk=True).exists()  # the model's default, not NULL
