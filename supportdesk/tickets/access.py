"""The only gate to tickets.

`visible_tickets(user)` scopes every list; `access_ticket(user, id, need=...)` fetches one ticket;
`ticket_permissions(user, ticket)` tells the UI what to offer and actions what to allow.
Missing and forbidden raise the same NotFound so no caller can probe other tenants' ticket ids.

Rules (docs/permissions.md):
- admin: every ticket, full access.
- supervisor: full access to tickets of every group they belong to.
- agent: tickets of their groups at the membership's level (read < write < full).
- customer (and any user, for tickets where they are the customer): their own tickets, plus their
  organizations' tickets where the organization is shared; they see public articles only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import ACCESS_RANK, GroupAccess, Role
from supportdesk.accounts.models import Group, GroupMembership, User
from supportdesk.core.errors import NotFound, PermissionDenied
from supportdesk.tickets.models import Attachment, Ticket

READ = GroupAccess.READ
WRITE = GroupAccess.WRITE
FULL = GroupAccess.FULL


class TicketNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(_("Ticket not found."))


@dataclass(frozen=True)
class UserScope:
    """A user's group access, loaded once per request (one query)."""

    user: User

    @cached_property
    def group_access(self) -> dict[int, str]:
        """Group id -> access level for the groups this user works in."""
        if not self.user.is_active or self.user.role == Role.CUSTOMER:
            return {}
        rows = GroupMembership.objects.filter(user=self.user, group__is_active=True).values_list("group_id", "access")
        if self.user.role == Role.SUPERVISOR:
            return {group_id: FULL for group_id, _access in rows}
        return dict(rows)

    def groups_with(self, need: str) -> list[int]:
        return [gid for gid, access in self.group_access.items() if ACCESS_RANK[access] >= ACCESS_RANK[need]]  # type: ignore[index]


def scope_for(user: User) -> UserScope:
    """Cache the scope on the user object so one request computes group access once."""
    scope = getattr(user, "_supportdesk_scope", None)
    if scope is None:
        scope = UserScope(user)
        user._supportdesk_scope = scope  # type: ignore[attr-defined]
    return scope


def _customer_q(user: User) -> Q:
    org_ids = list(user.organizations.filter(shared=True).values_list("id", flat=True))
    q = Q(customer=user)
    if org_ids:
        q |= Q(organization_id__in=org_ids)
    return q


def visible_tickets(user: User, *, need: str = READ) -> QuerySet[Ticket]:
    """Every ticket this user may see (or act on at level `need`); the base of all ticket lists."""
    if not user.is_authenticated or not user.is_active:
        return Ticket.objects.none()
    if user.role == Role.ADMIN:
        return Ticket.objects.all()
    condition = Q(group_id__in=scope_for(user).groups_with(need)) if user.is_helpdesk_staff else Q(pk__in=[])
    if need == READ:
        condition |= _customer_q(user)
    elif need == WRITE:
        condition |= Q(customer=user)
    return Ticket.objects.filter(condition)


def staff_access_level(user: User, ticket: Ticket) -> str | None:
    """The user's agent-side access to this ticket's group, or None if they have none."""
    if not user.is_active:
        return None
    if user.role == Role.ADMIN:
        return FULL
    return scope_for(user).group_access.get(ticket.group_id)


@dataclass(frozen=True)
class TicketPermissions:
    """What one user may do to one ticket; the UI offers exactly these, actions enforce them."""

    can_read: bool
    is_staff_view: bool  # sees internal notes and the agent workspace
    can_reply: bool
    can_note: bool
    can_edit: bool  # state, priority, owner, tags, custom fields, links, watchers
    can_move: bool  # change group, merge, split
    can_delete: bool


NO_PERMISSIONS = TicketPermissions(False, False, False, False, False, False, False)


def ticket_permissions(user: User, ticket: Ticket) -> TicketPermissions:
    level = staff_access_level(user, ticket)
    if level is not None:
        rank = ACCESS_RANK[level]  # type: ignore[index]
        return TicketPermissions(
            can_read=True,
            is_staff_view=True,
            can_reply=rank >= 2,
            can_note=rank >= 2,
            can_edit=rank >= 2,
            can_move=rank >= 3,
            can_delete=user.role == Role.ADMIN,
        )
    if not user.is_active:
        return NO_PERMISSIONS
    if ticket.customer_id == user.pk:
        return TicketPermissions(True, False, True, False, False, False, False)
    if ticket.organization_id and user.organizations.filter(pk=ticket.organization_id, shared=True).exists():
        return TicketPermissions(True, False, False, False, False, False, False)
    return NO_PERMISSIONS


def access_ticket(user: User, ticket_id: int, *, for_write: bool = False, lock: bool = False) -> Ticket:
    """Fetch a ticket the user may read (or, with for_write, change); else TicketNotFound.

    With for_write, a user who may read but not write gets PermissionDenied (they already know the
    ticket exists); a user who may not even read gets the same 404 as for a missing id.
    """
    queryset = Ticket.objects.select_related("group", "owner", "customer", "organization")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    ticket = queryset.filter(pk=ticket_id).first() if isinstance(ticket_id, int) else None
    if ticket is None:
        raise TicketNotFound()
    perms = ticket_permissions(user, ticket)
    if not perms.can_read:
        raise TicketNotFound()
    if for_write and not (perms.can_edit or perms.can_reply):
        raise PermissionDenied(_("You have read-only access to this ticket."))
    return ticket


def require(perms: TicketPermissions, flag: str) -> None:
    """Raise PermissionDenied unless the named permission flag is set."""
    if not getattr(perms, flag):
        raise PermissionDenied(_("You are not allowed to do this on this ticket."))


def access_attachment(user: User, attachment_id: int) -> Attachment:
    """An attachment the user may download: its article's ticket must be readable, and customers
    never reach attachments of internal notes. Unattached uploads belong to their uploader only."""
    attachment = Attachment.objects.select_related("article__ticket", "blob").filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound(_("Attachment not found."))
    article = attachment.article
    if article is None:
        if attachment.uploaded_by_id != user.pk:
            raise NotFound(_("Attachment not found."))
        return attachment
    perms = ticket_permissions(user, article.ticket)
    if not perms.can_read or (article.is_internal and not perms.is_staff_view):
        raise NotFound(_("Attachment not found."))
    return attachment


def writable_group(user: User, group_id: object) -> Group:
    """An active group the user may put tickets into (write access or more); else NotFound,
    so a user cannot learn which group ids exist beyond their own."""
    group = Group.objects.filter(pk=group_id, is_active=True).first() if isinstance(group_id, int) else None
    if group is None:
        raise NotFound(_("Group not found."))
    if user.role != Role.ADMIN:
        access = scope_for(user).group_access.get(group.pk)
        if access is None or ACCESS_RANK[access] < ACCESS_RANK[WRITE]:  # type: ignore[index]
            raise NotFound(_("Group not found."))
    return group
