"""Models of the routing app: who can take tickets (skills, status, capacity, schedule, absences)
and how each group hands them out (ordered rules: filters, then a chooser)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group, User
from supportdesk.automation.routing.choices import AbsenceHandling, AbsenceKind, AgentStatus, Chooser, SkillKind


class AgentSkill(models.Model):
    """One skill of an agent, e.g. (language, de, 5) or (product, printers, 3). Values are lower-case."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="routing_skills")
    kind = models.CharField(_("kind"), max_length=16, choices=SkillKind.choices)
    value = models.CharField(_("value"), max_length=64)
    level = models.PositiveSmallIntegerField(_("level"), default=3)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "value"], name="routing_skill_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="routing_skill_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value} ({self.level})"


class AgentRouting(models.Model):
    """An agent's routing settings. Routing locks these rows (in id order) while it counts open
    tickets, so two workers never assign beyond an agent's capacity. Created on first use."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="routing")
    status = models.CharField(_("status"), max_length=8, choices=AgentStatus.choices, default=AgentStatus.ONLINE)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    max_open_tickets = models.PositiveIntegerField(_("max open tickets"), default=20)
    max_chats = models.PositiveIntegerField(_("max chats"), default=3)
    calendar = models.ForeignKey(
        "sla.Calendar",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("working schedule"),
        help_text=_("Empty: always on shift."),
    )
    absence_handling = models.CharField(_("when absent"), max_length=8, choices=AbsenceHandling.choices, default=AbsenceHandling.REROUTE)

    def __str__(self) -> str:
        return f"routing of {self.user_id}"


class Absence(models.Model):
    """A period an agent is away. `handed_over_at` is set once the sweep (or the creating action)
    has handed their open tickets over, so it happens once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="absences")
    kind = models.CharField(_("kind"), max_length=8, choices=AbsenceKind.choices, default=AbsenceKind.VACATION)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    delegate = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="delegated_absences", verbose_name=_("delegate")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["user", "ends_at"], name="routing_absence_user_end")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="routing_absence_ends_after_start"),
            models.CheckConstraint(condition=~Q(delegate=F("user")), name="routing_absence_delegate_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.user_id} {self.starts_at:%Y-%m-%d}..{self.ends_at:%Y-%m-%d}"


class RoutingRule(models.Model):
    """One rule of a group: keep the candidates every filter accepts, then let the chooser pick.

    `filters` is validated data (see routing.rules_data); the first rule, by position, that leaves
    someone to choose assigns the ticket. Only rules with `auto_assign` act on their own (new
    tickets, freed capacity, the sweep); the others answer explicit requests ("route" action, API).
    """

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="routing_rules")
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)
    filters = models.JSONField(_("filters"), default=list, blank=True)
    chooser = models.CharField(_("chooser"), max_length=16, choices=Chooser.choices, default=Chooser.ROUND_ROBIN)
    fallback_chooser = models.CharField(_("fallback chooser"), max_length=16, choices=Chooser.choices, default=Chooser.LEAST_LOADED)
    auto_assign = models.BooleanField(_("assign automatically"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group", "position", "id"]
        indexes = [models.Index(fields=["group", "is_active", "position"], name="routing_rule_group_pos")]

    def __str__(self) -> str:
        return self.name


class RoundRobinCursor(models.Model):
    """The last agent a round-robin rule picked; the next pick is the next candidate by id."""

    rule = models.OneToOneField(RoutingRule, on_delete=models.CASCADE, related_name="cursor")
    last_user_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"cursor of rule {self.rule_id} at {self.last_user_id}"
