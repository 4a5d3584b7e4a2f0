"""The demo's portal: topics in four languages on the demo groups, the brand, verified customers."""

from __future__ import annotations

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.demo import people
from supportdesk.demo.loader import load_demo
from supportdesk.portal.branding import get_portal_settings
from supportdesk.portal.models import Topic
from supportdesk.tickets.choices import OPEN_STATES
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def test_load_portal_on_the_demo() -> None:
    summary = load_demo(tickets=20, seed=5)  # the demo loader calls load_portal
    assert summary is not None
    assert summary.portal == {"topics": 3, "verified_customers": User.objects.filter(role="customer").count()}
    topics = list(Topic.objects.order_by("position"))
    assert [(t.names["en"], t.group.name, t.fields, t.required_fields) for t in topics] == [
        ("Billing and invoices", "Billing", ["contract_number"], ["contract_number"]),
        ("Technical problem", "Technical", ["product", "callback_requested"], ["product"]),
        ("My account", "First Level", [], []),
    ]
    assert all(set(t.names) == {"en", "de", "hu", "lv"} for t in topics)
    assert get_portal_settings().brand_name == people.COMPANY
    assert not User.objects.filter(role="customer", email_verified_at__isnull=True).exists()
    # The demo customer sees their tickets in the portal at once, and the topics on the form.
    demo_customer = User.objects.get(email=people.CUSTOMER_LOGIN[0])
    client = Client()
    client.force_login(demo_customer)
    newest = Ticket.objects.filter(customer=demo_customer).order_by("-updated_at", "-id").first()
    assert newest is not None
    status = "open" if newest.state in OPEN_STATES else "closed"
    page = client.get("/portal/", {"status": status})
    assert page.status_code == 200 and newest.display_number.encode() in page.content
    assert b"Billing and invoices" in client.get("/portal/new/").content
