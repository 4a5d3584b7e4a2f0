"""Which users, organizations and groups a caller may list or read through the API.

The rule is deliberately simple and never widens: admins see everything; other staff see members of
their groups and the customers (and organizations) of tickets they can see; customers see only
themselves and their own organizations. Missing and out-of-scope ids both become NotFound.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from supportdesk.accounts.models import Group, Organization, User
from supportdesk.core.errors import NotFound
from supportdesk.tickets.access import scope_for, visible_tickets


def visible_users(user: User) -> QuerySet[User]:
    if user.is_admin:
        return User.objects.all()
    if not user.is_helpdesk_staff:
        return User.objects.filter(pk=user.pk)
    group_ids = list(scope_for(user).group_access)
    tickets = visible_tickets(user)
    return User.objects.filter(
        Q(pk=user.pk) | Q(group_memberships__group_id__in=group_ids) | Q(pk__in=tickets.values("customer_id"))
    ).distinct()


def visible_organizations(user: User) -> QuerySet[Organization]:
    if user.is_admin:
        return Organization.objects.all()
    if not user.is_helpdesk_staff:
        return user.organizations.all()
    return Organization.objects.filter(pk__in=visible_tickets(user).exclude(organization=None).values("organization_id"))


def visible_groups(user: User) -> QuerySet[Group]:
    if user.is_admin:
        return Group.objects.all()
    if not user.is_helpdesk_staff:
        return Group.objects.none()
    return Group.objects.filter(pk__in=list(scope_for(user).group_access))


def get_user(viewer: User, user_id: int) -> User:
    found = visible_users(viewer).filter(pk=user_id).first()
    if found is None:
        raise NotFound(_("User not found."))
    return found


def get_organization(viewer: User, organization_id: int) -> Organization:
    found = visible_organizations(viewer).filter(pk=organization_id).first()
    if found is None:
        raise NotFound(_("Organization not found."))
    return found


def get_group(viewer: User, group_id: int) -> Group:
    found = visible_groups(viewer).filter(pk=group_id).first()
    if found is None:
        raise NotFound(_("Group not found."))
    return found
