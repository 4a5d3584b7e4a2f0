"""The demo's automation: reply templates in four languages, a trigger, a scheduler, a macro, a
multi-step process, and routing rules with language skills.

Loaded in its own transaction after the demo tickets are committed, so the trigger does not
re-judge the demo's history (the tickets' creation events were delivered before it existed).
Routing rules are created without auto-assignment: the unassigned queue stays as the demo wrote
it, and "Route" on a ticket (or turning auto-assign on) shows the rules at work.
"""

from __future__ import annotations

from django.db import transaction

from supportdesk.accounts.models import Group, User
from supportdesk.automation.processes import definitions
from supportdesk.automation.processes.validation import StepSpec
from supportdesk.automation.replies import actions as replies
from supportdesk.automation.routing import actions as routing
from supportdesk.automation.rules import manage as rules

THANKS = {
    "en": (
        "Thanks, we are on it",
        "Hello {{ customer.first_name }},\n\nthank you for your message about "
        "{{ ticket.subject }}. We are looking into it and will get back to you soon.\n\n"
        "Best regards,\n{{ agent.name }}",
    ),
    "de": (
        "Danke, wir kümmern uns",
        "Hallo {{ customer.first_name }},\n\nvielen Dank für Ihre Nachricht zu "
        "{{ ticket.subject }}. Wir sehen uns das an und melden uns bald.\n\n"
        "Viele Grüße\n{{ agent.name }}",
    ),
    "hu": (
        "Köszönjük, dolgozunk rajta",
        "Kedves {{ customer.first_name }}!\n\nKöszönjük üzenetét "
        "({{ ticket.subject }}). Utánanézünk, és hamarosan jelentkezünk.\n\n"
        "Üdvözlettel:\n{{ agent.name }}",
    ),
    "lv": (
        "Paldies, mēs strādājam pie tā",
        "Labdien, {{ customer.first_name }}!\n\nPaldies par jūsu ziņu "
        "({{ ticket.subject }}). Mēs to izskatām un drīz sazināsimies.\n\n"
        "Ar cieņu\n{{ agent.name }}",
    ),
}


def load_automation(admin: User, groups: dict[str, Group]) -> dict[str, int]:
    """Create the demo's automation content; return counts for the summary."""
    with transaction.atomic():
        for language, (name, body) in THANKS.items():
            replies.create_template(admin, {"name": name, "language": language, "body": body})
        replies.create_template(
            admin,
            {
                "name": "Ask for the order number",
                "language": "en",
                "body": "Hello {{ customer.first_name }},\n\ncould you send us the order number (SO-...) "
                "so that we can find your delivery?\n\nThanks,\n{{ agent.name }}",
            },
        )
        rules.create_trigger(
            admin,
            {
                "name": "Outages are urgent",
                "events": ["ticket.created"],
                "conditions": {"any": [{"field": "subject", "op": "contains", "value": word} for word in ("outage", "down", "Ausfall")]},
                "actions": [{"action": "set_field", "field": "priority", "value": "urgent"}, {"action": "add_tag", "value": "outage"}],
            },
        )
        rules.create_scheduler(
            admin,
            {
                "name": "Close solved tickets after a week",
                "conditions": {
                    "all": [{"field": "state", "op": "is", "value": "solved"}, {"field": "updated_at", "op": "older_than", "value": 168}]
                },
                "actions": [{"action": "set_field", "field": "state", "value": "closed"}],
                "every_minutes": 60,
                "max_per_run": 100,
            },
        )
        rules.create_macro(
            admin,
            {
                "name": "Solved, thank you",
                "actions": [{"action": "set_field", "field": "state", "value": "solved"}, {"action": "add_tag", "value": "answered"}],
            },
        )
        first, billing, technical = groups["First Level"], groups["Billing"], groups["Technical"]
        definitions.create_template(
            admin,
            {
                "name": "Hardware replacement",
                "description": "A device under warranty is replaced: check, order and back up in parallel, swap, sign off.",
                "steps": [
                    StepSpec("check_warranty", "Check warranty", first.pk, "Look up the serial number in the contract.", 240),
                    StepSpec("order_part", "Order part", billing.pk, "Order the replacement from the supplier.", 480, ("check_warranty",)),
                    StepSpec("backup", "Back up data", technical.pk, "Back up the customer's data remotely.", 480, ("check_warranty",)),
                    StepSpec("replace", "Replace device", technical.pk, "Swap the device on site.", 960, ("order_part", "backup")),
                    StepSpec("sign_off", "Customer sign-off", first.pk, "Confirm with the customer.", None, ("replace",), True),
                ],
            },
        )
        for group in groups.values():
            routing.create_rule(
                admin,
                group.pk,
                {
                    "name": "Speaks the customer's language",
                    "filters": [{"filter": "online"}, {"filter": "not_absent"}, {"filter": "under_capacity"}, {"filter": "language"}],
                    "chooser": "least_loaded",
                    "auto_assign": False,
                },
            )
            routing.create_rule(
                admin,
                group.pk,
                {
                    "name": "Anyone available",
                    "filters": [{"filter": "online"}, {"filter": "not_absent"}, {"filter": "under_capacity"}],
                    "chooser": "round_robin",
                    "auto_assign": False,
                },
            )
        skills = 0
        for agent in User.objects.filter(agent_profile__isnull=False).select_related("agent_profile"):
            languages = agent.agent_profile.languages or []
            if languages:
                routing.set_skills(
                    admin, agent, [{"kind": "language", "value": code, "level": 5 if i == 0 else 3} for i, code in enumerate(languages)]
                )
                skills += len(languages)
    return {
        "reply_templates": len(THANKS) + 1,
        "triggers": 1,
        "schedulers": 1,
        "macros": 1,
        "processes": 1,
        "routing_rules": 2 * len(groups),
        "skills": skills,
    }
