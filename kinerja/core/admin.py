from django.contrib import admin

from kinerja.core import audit
from kinerja.core.models import AuditEvent, DokumenResmi


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown to superusers for inspection; changes go through the app's screens and services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Every change made in the Django admin lands in the audit trail too, with the changed fields."""

    def _record(self, request, obj, action: str, changes: dict) -> None:
        audit.record(
            actor=request.user,
            action=f"admin.{obj._meta.model_name}.{action}",
            obj=obj,
            instansi=getattr(obj, "instansi", None),
            pegawai=getattr(obj, "pegawai", None),
            changes=changes,
            reason="Django admin",
        )

    def save_model(self, request, obj, form, change):
        fields = [f for f in form.changed_data if f not in {"password", "password1", "password2"}]
        changes = {f: [form.initial.get(f) if change else None, form.cleaned_data.get(f)] for f in fields}
        if {"password", "password1"} & set(form.changed_data):
            changes["password"] = ["***", "***"]
        super().save_model(request, obj, form, change)
        self._record(request, obj, "update" if change else "create", changes)

    def delete_model(self, request, obj):
        self._record(request, obj, "delete", {})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._record(request, obj, "delete", {})
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            self._record(request, obj, "delete", {})
            obj.delete()
        for obj in instances:
            created = obj.pk is None
            obj.save()
            self._record(request, obj, "create" if created else "update", {"value": [None, str(obj)]})
        formset.save_m2m()


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "created_at", "actor_label", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_label"]


@admin.register(DokumenResmi)
class DokumenResmiAdmin(ReadOnlyAdmin):
    """The issued official documents: never changed, also not here (docs/decisions/0015)."""

    list_display = ["nomor", "jenis", "versi", "pemilik", "disetujui_pada", "tanda_tangan"]
    list_filter = ["jenis", "tanda_tangan"]
    search_fields = ["nomor", "pemilik"]
