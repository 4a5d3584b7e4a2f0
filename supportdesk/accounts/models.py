"""Users, organizations, groups, agent profiles and API tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.choices import STAFF_ROLES, GroupAccess, Role
from supportdesk.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    """Users are identified by e-mail address, stored lower-cased so lookups are exact."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("role", Role.ADMIN)
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class Organization(TimeStampedModel):
    """A customer company. `shared` lets its members see each other's tickets in the portal."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    notes = models.TextField(_("notes"), blank=True)
    shared = models.BooleanField(_("members see each other's tickets"), default=False)
    tier = models.CharField(_("service tier"), max_length=32, blank=True, help_text=_("e.g. gold; SLA policies can match it."))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganizationDomain(models.Model):
    """A mail domain whose new customers join the organization automatically."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    def __str__(self) -> str:
        return self.domain


class User(AbstractBaseUser, PermissionsMixin, TimeStampedModel):
    """Anyone who signs in or is a ticket's customer.

    `role` says what they are to the helpdesk. Agents can also be customers of tickets (an employee
    asking IT for help), so 'customer' is a relation on the ticket, not only a role.
    `is_staff` only opens Django's admin, which stays for superusers.
    """

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.CUSTOMER, db_index=True)
    organizations = models.ManyToManyField(Organization, related_name="members", blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("Django admin access"), default=False)
    password_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the customer proved they read this address (a portal sign-in or verification link);
    # the portal shows tickets only to verified customers.
    email_verified_at = models.DateTimeField(_("address verified"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    def set_password(self, raw_password: str | None) -> None:
        """Stamp the change so API tokens issued before it stop working (every path sets passwords here)."""
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    @property
    def is_helpdesk_staff(self) -> bool:
        """Admins, supervisors and agents work tickets; customers only see their own."""
        return self.role in STAFF_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class AgentProfile(models.Model):
    """What routing and templates need to know about an agent; grows with the routing issue."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="agent_profile")
    languages = models.JSONField(_("languages"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    signature = models.TextField(_("signature"), blank=True)
    manager = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports", verbose_name=_("manager"))

    def __str__(self) -> str:
        return f"profile of {self.user}"


class Group(TimeStampedModel):
    """A team and its queue. Agents reach tickets only through membership of the ticket's group."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    email_address = models.EmailField(_("reply address"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    members = models.ManyToManyField(User, through="GroupMembership", related_name="support_groups")  # type: ignore[var-annotated]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    """An agent's access level in one group."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="group_memberships")
    access = models.CharField(max_length=8, choices=GroupAccess.choices, default=GroupAccess.FULL)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="uniq_group_membership")]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.access})"


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash is stored; the key is shown once at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
