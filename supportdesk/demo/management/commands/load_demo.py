"""`supportdesk load_demo`: fill an empty database with the demo helpdesk (run by `supportdesk demo`)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from supportdesk.demo.loader import DEFAULT_SEED, DEFAULT_TICKETS, load_demo


class Command(BaseCommand):
    help = "Load demo organizations, customers, agents and about 200 tickets; does nothing if the demo admin exists."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tickets", type=int, default=DEFAULT_TICKETS, help="number of tickets (default %(default)s)")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")

    def handle(self, *args: Any, tickets: int, seed: int, **options: Any) -> None:
        started = time.monotonic()
        summary = load_demo(tickets=max(tickets, 1), seed=seed)
        if summary is None:
            self.stdout.write(_("Demo data is already loaded (admin@example.com exists); nothing to do."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Loaded demo data in %(seconds).1f s: %(organizations)d organizations, %(customers)d customers, "
                    "%(staff)d staff, %(tickets)d tickets with %(articles)d articles (%(notes)d internal notes), "
                    "%(merges)d merges, %(links)d links."
                )
                % {
                    "seconds": time.monotonic() - started,
                    "organizations": summary.organizations,
                    "customers": summary.customers,
                    "staff": summary.staff,
                    "tickets": summary.tickets,
                    "articles": summary.articles,
                    "notes": summary.internal_notes,
                    "merges": summary.merges,
                    "links": summary.links,
                }
            )
        )
        automation = summary.automation
        self.stdout.write(
            _(
                "Also: %(policies)d SLA policies, %(templates)d reply templates, a trigger, a scheduler, a macro, "
                "a multi-step process and %(rules)d routing rules (not assigning by themselves)."
            )
            % {
                "policies": summary.sla_policies,
                "templates": automation.get("reply_templates", 0),
                "rules": automation.get("routing_rules", 0),
            }
        )
        self.stdout.write(
            _(
                "Knowledge base: %(articles)d articles in %(translations)d translations; portal: %(topics)d topics; "
                "%(answers)d survey answers."
            )
            % {
                "articles": summary.knowledge_base.get("articles", 0),
                "translations": summary.knowledge_base.get("translations", 0),
                "topics": summary.portal.get("topics", 0),
                "answers": summary.surveys.get("answers", 0),
            }
        )
        self.stdout.write(_("Demo logins (demo only; change or delete them before real use):"))
        for email, password, role in summary.logins:
            self.stdout.write(f"  {email} / {password}  ({role})")
        self.stdout.write(_('Other demo agents (e.g. greta.vogel@example.com, read-only) use the password "agent".'))
