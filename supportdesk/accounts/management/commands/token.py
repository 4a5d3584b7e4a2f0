"""`supportdesk token create EMAIL [--name NAME]` prints a new API key; `token revoke EMAIL` revokes all."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from supportdesk.accounts.models import User
from supportdesk.accounts.tokens import create_token, revoke_all_tokens


class Command(BaseCommand):
    help = "Create or revoke API tokens. The key is printed once and cannot be shown again."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["create", "revoke"])
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="A label for the token, e.g. the integration using it.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=str(options["email"]).strip().lower()).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {options['email']!r}.")
        if options["action"] == "revoke":
            count = revoke_all_tokens(user)
            self.stdout.write(f"Revoked {count} token(s) of {user.email}.")
            return
        if not user.is_active:
            raise CommandError(f"{user.email} is deactivated; a token would not work.")
        _token, key = create_token(user, name=options["name"])
        self.stdout.write(key)
