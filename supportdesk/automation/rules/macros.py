"""Applying macros: an agent runs a named bundle of actions on one ticket or many.

A macro's actions run as the agent, through the normal ticket actions and their permission
checks, all in one transaction per ticket (a refused action undoes the macro on that ticket).
A macro limited to groups is offered, and applies, only to tickets of those groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.automation.registry import ActionContext, run_action
from supportdesk.automation.rules.models import Macro
from supportdesk.core.errors import DomainError, NotFound, ValidationFailed
from supportdesk.tickets.access import access_ticket, scope_for
from supportdesk.tickets.models import Ticket

MAX_BULK = 500


def macros_for_user(user: User) -> QuerySet[Macro]:
    """Active macros for any group the agent belongs to (or for every group); none for customers."""
    if not user.is_helpdesk_staff:
        return Macro.objects.none()
    rows = Macro.objects.filter(is_active=True)
    if not user.is_admin:
        rows = rows.filter(Q(groups__isnull=True) | Q(groups__in=list(scope_for(user).group_access))).distinct()
    return rows.order_by("position", "name", "id")


def macros_for_ticket(user: User, ticket: Ticket) -> QuerySet[Macro]:
    """Active macros the agent may apply to this ticket: unrestricted ones and those of its group."""
    if not user.is_helpdesk_staff:
        return Macro.objects.none()
    rows = Macro.objects.filter(Q(groups__isnull=True) | Q(groups=ticket.group_id), is_active=True)
    return rows.distinct().order_by("position", "name", "id")


def _usable(user: User, macro_id: int, ticket: Ticket) -> Macro:
    macro = macros_for_ticket(user, ticket).filter(pk=macro_id).first()
    if macro is None:
        raise NotFound(_("No such macro for this ticket."))
    return macro


def apply_macro(actor: User, ticket_id: int, macro_id: int) -> list[str]:
    """Run the macro on one ticket the agent can write to; return what each action did."""
    with transaction.atomic():
        ticket = access_ticket(actor, ticket_id, for_write=True, lock=True)
        macro = _usable(actor, macro_id, ticket)
        context = ActionContext(ticket=ticket, actor=actor, source=f"macro:{macro.pk}")
        for action in macro.actions:
            run_action(context, action)
    return context.notes


@dataclass
class BulkMacroResult:
    applied: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


def apply_macro_bulk(actor: User, ticket_ids: list[int], macro_id: int) -> BulkMacroResult:
    """Apply to each ticket in its own transaction; invisible tickets fail as 'not found', like missing ones."""
    ids = list(dict.fromkeys(ticket_ids))
    if not ids:
        raise ValidationFailed(_("Select at least one ticket."), field_errors={"ticket_ids": _("Select at least one ticket.")})
    if len(ids) > MAX_BULK:
        raise ValidationFailed(_("Too many tickets."), field_errors={"ticket_ids": _("At most %(n)s at once.") % {"n": MAX_BULK}})
    if not macros_for_user(actor).filter(pk=macro_id).exists():
        raise NotFound(_("No such macro."))
    result = BulkMacroResult()
    for ticket_id in ids:
        try:
            apply_macro(actor, ticket_id, macro_id)
        except DomainError as exc:
            result.failed[ticket_id] = exc.message
        else:
            result.applied.append(ticket_id)
    return result
