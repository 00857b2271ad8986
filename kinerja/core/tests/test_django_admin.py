"""The Django admin: superusers only; organisation data read-only there; account changes audited."""

from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.org.models import Pegawai, UnitKerja


def test_only_superusers_open_the_django_admin(cast):
    assert cast.client("superuser").get(reverse("admin:index")).status_code == 200
    for role in ["admin_bkpsdm", "auditor", "pegawai"]:
        assert cast.client(role).get(reverse("admin:index")).status_code == 302


def test_organisation_data_cannot_be_changed_in_the_django_admin(cast):
    client = cast.client("superuser")
    unit = UnitKerja.objects.first()
    response = client.post(reverse("admin:org_unitkerja_change", args=[unit.pk]), {"nama": "Diubah"})
    assert response.status_code == 403
    assert UnitKerja.objects.get(pk=unit.pk).nama == unit.nama
    assert client.get(reverse("admin:org_pegawai_add")).status_code == 403
    pegawai = Pegawai.objects.first()
    assert (
        client.post(reverse("admin:org_pegawai_delete", args=[pegawai.pk]), {"post": "yes"}).status_code
        == 403
    )


def test_changing_an_account_in_the_django_admin_is_audited(cast):
    client = cast.client("superuser")
    user = cast.auditor
    url = reverse("admin:accounts_user_change", args=[user.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update({"nama": "Auditor Baru", "is_active": "on", "instansi": user.instansi_id, "pegawai": ""})
    data.update(
        {
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
        }
    )
    before = AuditEvent.objects.count()
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(action="admin.user.update").latest("seq")
    assert AuditEvent.objects.count() > before
    assert event.changes["nama"] == [user.nama, "Auditor Baru"]
    assert event.actor == cast.superuser
