from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from kinerja.accounts.models import ApiToken, RoleAssignment, User
from kinerja.core.admin import AuditedAdmin, ReadOnlyAdmin


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    list_display = ["username", "nama", "instansi", "is_active", "is_superuser"]
    list_filter = ["is_active", "is_superuser", "instansi"]
    search_fields = ["username", "nama", "email"]
    ordering = ["username"]
    raw_id_fields = ["pegawai"]
    inlines = [RoleInline]
    fieldsets = [
        (None, {"fields": ["username", "password", "nama", "email", "instansi", "pegawai"]}),
        ("Akses", {"fields": ["is_active", "is_staff", "is_superuser", "must_change_password"]}),
    ]
    add_fieldsets = [(None, {"fields": ["username", "nama", "password1", "password2"]})]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash"]
