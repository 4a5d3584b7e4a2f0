"""Users, the caller (`me`), organizations and groups. Reads are scoped; writes are for admins."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from supportdesk.accounts.actions import (
    admin_create_user,
    admin_update_user,
    save_group,
    save_organization,
    set_group_membership,
    update_own_profile,
)
from supportdesk.accounts.choices import GroupAccess, Role
from supportdesk.accounts.models import GroupMembership, Organization, User
from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Id, Input, Limit, PageOut, PathId, admin_actor, paginate_list, staff_actor
from supportdesk.api.schemas import OrganizationRef, UserRef, organization_ref, user_ref
from supportdesk.api.scoping import get_group, get_organization, get_user, visible_groups, visible_organizations, visible_users
from supportdesk.tickets.access import scope_for

router = Router(tags=["users"])


class MembershipOut(Schema):
    group_id: int
    group_name: str
    access: str


class UserOut(Schema):
    id: int
    email: str
    full_name: str
    role: str
    language: str
    time_zone: str
    phone: str
    is_active: bool
    organizations: list[OrganizationRef]


class MeOut(UserOut):
    groups: list[MembershipOut]


class ProfileIn(Input):
    full_name: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=8, description="en, de, hu, lv, or empty to follow the browser.")
    time_zone: str | None = Field(None, max_length=64)


class ProfileOut(Schema):
    full_name: str
    language: str
    time_zone: str


class UserCreateIn(Input):
    email: str = Field(max_length=254)
    full_name: str = Field("", max_length=200)
    role: Role = Role.CUSTOMER
    language: str = Field("", max_length=8)
    time_zone: str = Field("UTC", max_length=64)
    phone: str = Field("", max_length=64)
    organization_ids: list[Id] = Field(default_factory=list, max_length=50)


class UserUpdateIn(Input):
    full_name: str | None = Field(None, max_length=200)
    role: Role | None = None
    language: str | None = Field(None, max_length=8)
    time_zone: str | None = Field(None, max_length=64)
    phone: str | None = Field(None, max_length=64)
    is_active: bool | None = None
    organization_ids: list[Id] | None = Field(None, max_length=50)


class OrganizationOut(Schema):
    id: int
    name: str
    notes: str
    shared: bool
    domains: list[str]


class OrganizationIn(Input):
    name: str = Field(max_length=200)
    notes: str = Field("", max_length=10_000)
    shared: bool = False
    domains: list[str] = Field(default_factory=list, max_length=50)


class OrganizationUpdateIn(Input):
    name: str | None = Field(None, max_length=200)
    notes: str | None = Field(None, max_length=10_000)
    shared: bool | None = None
    domains: list[str] | None = Field(None, max_length=50)


class GroupOut(Schema):
    id: int
    name: str
    description: str
    email_address: str
    is_active: bool


class GroupIn(Input):
    name: str = Field(max_length=120)
    description: str = Field("", max_length=10_000)
    email_address: str = Field("", max_length=254)
    is_active: bool = True


class GroupUpdateIn(Input):
    name: str | None = Field(None, max_length=120)
    description: str | None = Field(None, max_length=10_000)
    email_address: str | None = Field(None, max_length=254)
    is_active: bool | None = None


class MemberOut(Schema):
    user: UserRef
    access: str


class MembershipIn(Input):
    access: GroupAccess


def user_out(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "language": user.language,
        "time_zone": user.time_zone,
        "phone": user.phone,
        "is_active": user.is_active,
        "organizations": [organization_ref(o) for o in user.organizations.all()],
    }


def organization_out(organization: Organization) -> dict[str, Any]:
    domains = sorted(d.domain for d in organization.domains.all())
    return {
        "id": organization.pk,
        "name": organization.name,
        "notes": organization.notes,
        "shared": organization.shared,
        "domains": domains,
    }


def _set(payload: Input) -> dict[str, Any]:
    """Fields the client sent with a value; null means 'leave unchanged' for these resources."""
    return {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}


@router.get("/me", response=MeOut, summary="The authenticated user")
def me(request: HttpRequest) -> dict[str, Any]:
    user = actor(request)
    access = scope_for(user).group_access
    memberships = GroupMembership.objects.filter(user=user, group_id__in=list(access)).select_related("group").order_by("group__name")
    data = user_out(user)
    data["groups"] = [{"group_id": m.group_id, "group_name": m.group.name, "access": access[m.group_id]} for m in memberships]
    return data


@router.patch("/me", response=ProfileOut, summary="Change my name, language or time zone")
def update_me(request: HttpRequest, payload: ProfileIn) -> Any:
    user = actor(request)
    update_own_profile(user, payload.model_dump(exclude_unset=True, exclude_none=True))
    return user


@router.get("/users", response=PageOut[UserOut], summary="List users")
def list_users(request: HttpRequest, q: str = Query("", max_length=200), cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    user = staff_actor(request)
    qs = visible_users(user).prefetch_related(Prefetch("organizations", queryset=Organization.objects.only("id", "name")))
    if q:
        qs = qs.filter(email__icontains=q.strip().lower()) | qs.filter(full_name__icontains=q.strip())
    page = paginate_list(qs, order=["id"], cursor=cursor, limit=limit)
    return {"items": [user_out(u) for u in page.items], "next_cursor": page.next_cursor}


@router.get("/users/{user_id}", response=UserOut, summary="Read a user")
def read_user(request: HttpRequest, user_id: PathId) -> dict[str, Any]:
    return user_out(get_user(actor(request), user_id))


@router.post("/users", response={201: UserOut}, summary="Create a user (admins)")
def create_user(request: HttpRequest, payload: UserCreateIn) -> Status[dict[str, Any]]:
    data = payload.model_dump()
    return Status(201, user_out(admin_create_user(admin_actor(request), data.pop("email"), **data)))


@router.patch("/users/{user_id}", response=UserOut, summary="Update a user (admins)")
def update_user(request: HttpRequest, payload: UserUpdateIn, user_id: PathId) -> dict[str, Any]:
    admin = admin_actor(request)
    user = get_user(admin, user_id)
    admin_update_user(admin, user, _set(payload))
    return user_out(get_user(admin, user_id))


@router.get("/organizations", response=PageOut[OrganizationOut], summary="List organizations")
def list_organizations(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    qs = visible_organizations(actor(request)).prefetch_related("domains")
    page = paginate_list(qs, order=["id"], cursor=cursor, limit=limit)
    return {"items": [organization_out(o) for o in page.items], "next_cursor": page.next_cursor}


@router.get("/organizations/{organization_id}", response=OrganizationOut, summary="Read an organization")
def read_organization(request: HttpRequest, organization_id: PathId) -> dict[str, Any]:
    return organization_out(get_organization(actor(request), organization_id))


@router.post("/organizations", response={201: OrganizationOut}, summary="Create an organization (admins)")
def create_organization(request: HttpRequest, payload: OrganizationIn) -> Status[dict[str, Any]]:
    return Status(201, organization_out(save_organization(admin_actor(request), None, payload.model_dump())))


@router.patch("/organizations/{organization_id}", response=OrganizationOut, summary="Update an organization (admins)")
def update_organization(request: HttpRequest, payload: OrganizationUpdateIn, organization_id: PathId) -> dict[str, Any]:
    admin = admin_actor(request)
    return organization_out(save_organization(admin, get_organization(admin, organization_id), _set(payload)))


@router.get("/groups", response=PageOut[GroupOut], summary="List groups (staff)")
def list_groups(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    page = paginate_list(visible_groups(staff_actor(request)), order=["id"], cursor=cursor, limit=limit)
    return {"items": list(page.items), "next_cursor": page.next_cursor}


@router.get("/groups/{group_id}", response=GroupOut, summary="Read a group")
def read_group(request: HttpRequest, group_id: PathId) -> Any:
    return get_group(actor(request), group_id)


@router.post("/groups", response={201: GroupOut}, summary="Create a group (admins)")
def create_group(request: HttpRequest, payload: GroupIn) -> Status[Any]:
    return Status(201, save_group(admin_actor(request), None, payload.model_dump()))


@router.patch("/groups/{group_id}", response=GroupOut, summary="Update a group (admins)")
def update_group(request: HttpRequest, payload: GroupUpdateIn, group_id: PathId) -> Any:
    admin = admin_actor(request)
    return save_group(admin, get_group(admin, group_id), _set(payload))


@router.get("/groups/{group_id}/members", response=list[MemberOut], summary="Members of a group (staff)")
def list_members(request: HttpRequest, group_id: PathId) -> list[dict[str, Any]]:
    group = get_group(staff_actor(request), group_id)
    rows = group.memberships.select_related("user").order_by("user__email")[:500]
    return [{"user": user_ref(m.user), "access": m.access} for m in rows]


@router.put("/groups/{group_id}/members/{user_id}", response={204: None}, summary="Set a member's access (admins)")
def set_member(request: HttpRequest, payload: MembershipIn, group_id: PathId, user_id: PathId) -> Status[None]:
    admin = admin_actor(request)
    set_group_membership(admin, get_group(admin, group_id), get_user(admin, user_id), payload.access)
    return Status(204, None)


@router.delete("/groups/{group_id}/members/{user_id}", response={204: None}, summary="Remove a member (admins)")
def remove_member(request: HttpRequest, group_id: PathId, user_id: PathId) -> Status[None]:
    admin = admin_actor(request)
    set_group_membership(admin, get_group(admin, group_id), get_user(admin, user_id), None)
    return Status(204, None)
