from django.contrib import admin

from supportdesk.accounts.models import AgentProfile, ApiToken, Group, GroupMembership, Organization, OrganizationDomain, User


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "full_name", "role", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("email", "full_name")
    exclude = ("password", "user_permissions", "groups")
    readonly_fields = ("last_login", "password_changed_at")
    inlines = [GroupMembershipInline]


class OrganizationDomainInline(admin.TabularInline):
    model = OrganizationDomain
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "shared")
    search_fields = ("name",)
    inlines = [OrganizationDomainInline]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active")
    inlines = [GroupMembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")


admin.site.register(AgentProfile)
