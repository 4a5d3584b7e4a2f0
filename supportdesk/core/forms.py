"""Form plumbing shared by the settings pages."""

from __future__ import annotations

from django import forms

from supportdesk.core.errors import DomainError


class DomainErrorForm(forms.Form):
    """A form that shows an action's DomainError: each field error on the field of that name (or
    above the form when no field has it), the message alone above the form."""

    def add_domain_error(self, exc: DomainError) -> None:
        if not exc.field_errors:
            self.add_error(None, exc.message)
        for name, message in exc.field_errors.items():
            self.add_error(name if name in self.fields else None, message)
