"""Read-mostly admin views: ticket changes must go through actions, so tickets are not editable here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from supportdesk.tickets.models import CustomFieldDefinition, Tag, Ticket, TicketEvent


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ("number", "subject", "state", "priority", "group", "owner", "updated_at")
    list_filter = ("state", "priority", "group")
    search_fields = ("=number", "subject")
    list_select_related = ("group", "owner")
    show_full_result_count = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(TicketEvent)
class TicketEventAdmin(admin.ModelAdmin):
    list_display = ("ticket", "kind", "field", "actor", "created_at")
    raw_id_fields = ("ticket", "actor")
    show_full_result_count = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


admin.site.register(Tag)
admin.site.register(CustomFieldDefinition)
