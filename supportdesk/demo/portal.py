"""The demo's customer portal: new-ticket topics in four languages mapped to the demo groups, the
portal's brand name, and verified addresses for the demo customers (so `customer@example.com` sees
their tickets at /portal/ right away).

`load_portal(groups)` runs after the demo helpdesk is built (it needs the demo admin, the groups and
the custom fields); the lead wires it into demo.loader.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import Group, User
from supportdesk.demo import people
from supportdesk.portal.branding import update_portal_settings
from supportdesk.portal.topics import create_topic
from supportdesk.tickets.custom_fields import active_definitions

# (names per language, demo group, fields asked, required fields)
TOPICS: tuple[tuple[dict[str, str], str, list[str], list[str]], ...] = (
    (
        {"en": "Billing and invoices", "de": "Rechnungen und Zahlungen", "hu": "Számlázás és fizetés", "lv": "Rēķini un maksājumi"},
        "Billing",
        ["contract_number"],
        ["contract_number"],
    ),
    (
        {"en": "Technical problem", "de": "Technisches Problem", "hu": "Műszaki probléma", "lv": "Tehniska problēma"},
        "Technical",
        ["product", "callback_requested"],
        ["product"],
    ),
    (
        {"en": "My account", "de": "Mein Konto", "hu": "Fiókom", "lv": "Mans konts"},
        "First Level",
        [],
        [],
    ),
)


def load_portal(groups: dict[str, Group]) -> dict[str, int]:
    """Create the demo topics (skipping a group or field the demo does not have), set the brand
    name and mark every demo customer's address verified; returns what was created."""
    admin = User.objects.filter(email=people.ADMIN_LOGIN[0], role=Role.ADMIN).first()
    if admin is None:
        admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("id").first()
    if admin is None:
        raise RuntimeError("load_portal needs an admin; load the demo helpdesk first")
    definitions = active_definitions()
    created = 0
    with transaction.atomic():
        for position, (names, group_name, fields, required) in enumerate(TOPICS):
            group = groups.get(group_name)
            if group is None:
                continue
            asked = [key for key in fields if key in definitions]
            create_topic(
                admin,
                {
                    "names": names,
                    "group_id": group.pk,
                    "fields": asked,
                    "required_fields": [key for key in required if key in asked],
                    "position": position,
                },
            )
            created += 1
        update_portal_settings(admin, {"brand_name": people.COMPANY})
        verified = User.objects.filter(role=Role.CUSTOMER, email_verified_at__isnull=True).update(email_verified_at=timezone.now())
    return {"topics": created, "verified_customers": verified}
