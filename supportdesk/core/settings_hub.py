"""The settings page: one entry in the top bar for every admin and supervisor page.

Each app keeps its own pages; this only lists them, grouped, with the roles that may open each
(the pages check permissions themselves; the list only avoids showing links that would answer
403). Adding a page means adding one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User

ADMINS = frozenset({Role.ADMIN})
MANAGERS = frozenset({Role.ADMIN, Role.SUPERVISOR})


@dataclass(frozen=True)
class SettingsPage:
    url_name: str
    title: Promise
    description: Promise
    roles: frozenset[str]


SECTIONS: tuple[tuple[Promise, tuple[SettingsPage, ...]], ...] = (
    (
        _("E-mail"),
        (
            SettingsPage("mail-mailboxes", _("Mailboxes"), _("IMAP mailboxes, reply addresses, acknowledgements."), ADMINS),
            SettingsPage("mail-quarantine", _("Held mail"), _("Mail that could not be read, to reprocess after a fix."), ADMINS),
        ),
    ),
    (
        _("Service levels"),
        (
            SettingsPage("sla-policies", _("SLA policies"), _("Targets, warnings and escalations per kind of ticket."), ADMINS),
            SettingsPage("sla-calendars", _("Calendars"), _("Business hours, public holidays and closed days."), ADMINS),
        ),
    ),
    (
        _("Work distribution"),
        (SettingsPage("routing-groups", _("Routing"), _("Who gets which ticket: skills, capacity, absences, rules per group."), MANAGERS),),
    ),
    (
        _("Self-service"),
        (
            SettingsPage("portal-settings", _("Customer portal"), _("Branding, self-registration, public form, sign-in links."), ADMINS),
            SettingsPage("portal-topics", _("Ticket form topics"), _("What customers choose on the new-ticket form."), ADMINS),
            SettingsPage("survey-settings", _("Surveys"), _("CSAT, NPS and CES: when they are sent, scales, links."), ADMINS),
            SettingsPage("survey-results", _("Survey results"), _("CSAT, NPS and CES per agent and group, with comments."), MANAGERS),
            SettingsPage("kb-categories", _("Knowledge base categories"), _("The help centre's category tree and FAQs."), ADMINS),
        ),
    ),
    (
        _("Automation"),
        (
            SettingsPage("rules-triggers", _("Triggers"), _("Act on ticket events when conditions hold."), ADMINS),
            SettingsPage("rules-schedulers", _("Schedulers"), _("Act on tickets on a schedule, e.g. close after a week solved."), ADMINS),
            SettingsPage("rules-macros", _("Macros"), _("Bundles of actions agents apply in one click."), ADMINS),
            SettingsPage("reply-templates", _("Reply templates"), _("Canned replies with variables, per language and group."), ADMINS),
            SettingsPage("process-templates", _("Processes"), _("Multi-step processes with groups, dependencies and approvals."), ADMINS),
            SettingsPage("webhooks", _("Webhooks"), _("Signed ticket events for other systems, with a delivery log."), ADMINS),
        ),
    ),
    (
        _("AI"),
        (
            SettingsPage("ai-settings", _("AI settings"), _("Triage: thresholds, what is applied, retraining, LLM."), ADMINS),
            SettingsPage("ai-rules", _("AI keyword rules"), _("Cold-start rules that predict a field from words."), ADMINS),
        ),
    ),
)


def pages_for(role: str) -> list[tuple[Promise, list[tuple[SettingsPage, str]]]]:
    """The sections with the pages this role may open, each with its URL; empty sections left out."""
    result = []
    for title, pages in SECTIONS:
        allowed = [(page, reverse(page.url_name)) for page in pages if role in page.roles]
        if allowed:
            result.append((title, allowed))
    return result


def can_see_settings(role: str) -> bool:
    return any(role in page.roles for _title, pages in SECTIONS for page in pages)


@login_required
def settings_hub(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    sections = pages_for(user.role) if user.is_active else []
    if not sections:
        return render(request, "403.html", {"message": _("Only admins and supervisors have settings.")}, status=403)
    return render(request, "settings_hub.html", {"sections": sections})


urlpatterns = [path("settings/", settings_hub, name="settings")]
