"""Who may see and change routing settings.

- Rules of a group: admins, and supervisors who are members of the group.
- An agent's settings, skills and absences: admins; supervisors for agents who share a group with
  them; agents may change their own status and absences only (and read their own settings).
Missing and forbidden look the same (NotFound) where an id is probed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from supportdesk.accounts.choices import STAFF_ROLES, Role
from supportdesk.accounts.models import Group, GroupMembership, User
from supportdesk.core.errors import NotFound, PermissionDenied


def manageable_groups(user: User) -> list[Group]:
    """Groups whose routing rules the user may manage (empty for agents and customers)."""
    if not user.is_active:
        return []
    if user.role == Role.ADMIN:
        return list(Group.objects.filter(is_active=True).order_by("name"))
    if user.role == Role.SUPERVISOR:
        return list(Group.objects.filter(is_active=True, memberships__user=user).order_by("name"))
    return []


def get_managed_group(user: User, group_id: int) -> Group:
    if user.is_active and user.role not in (Role.ADMIN, Role.SUPERVISOR):
        raise PermissionDenied(_("Only admins and supervisors manage routing rules."))
    for group in manageable_groups(user):
        if group.pk == group_id:
            return group
    raise NotFound(_("Group not found."))


def can_manage_agent(user: User, agent: User) -> bool:
    """Admins manage anyone; supervisors the staff of their groups."""
    if not user.is_active:
        return False
    if user.role == Role.ADMIN:
        return True
    if user.role == Role.SUPERVISOR:
        mine = GroupMembership.objects.filter(user=user).values("group_id")
        return agent.pk == user.pk or GroupMembership.objects.filter(user=agent, group_id__in=mine).exists()
    return False


def get_agent(user: User, agent_id: int, *, manage: bool = False) -> User:
    """The staff user whose routing settings `user` may read (their own, or anyone they manage);
    with `manage`, refuse (403) an agent reading their own settings but asking to change them."""
    agent = User.objects.filter(pk=agent_id, is_active=True, role__in=STAFF_ROLES).first()
    if agent is None or not user.is_helpdesk_staff:
        raise NotFound(_("Agent not found."))
    if can_manage_agent(user, agent):
        return agent
    if agent.pk == user.pk:
        if manage:
            raise PermissionDenied(_("Only admins and supervisors change skills, capacity and schedules."))
        return agent
    raise NotFound(_("Agent not found."))
