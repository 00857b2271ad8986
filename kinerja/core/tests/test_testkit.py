"""The test kit itself: the named cast finds the demo's objects, and the factories build a fresh organisation
through the services, apart from the demo."""

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.accounts.permissions import is_admin_bkpsdm
from kinerja.core.models import AuditEvent
from kinerja.core.testing.harness import ROLES
from kinerja.org import demo
from kinerja.org import selectors as org_selectors
from kinerja.org import services as org_services
from kinerja.org.models import UnitKerja
from kinerja.planning.models import StatusSKP
from kinerja.testkit import cast as named
from kinerja.testkit import factories

pytestmark = pytest.mark.django_db


def test_the_cast_has_a_demo_user_for_every_role_the_harness_walks(cast):
    assert tuple(named.CAST_USERNAMES) == ROLES
    assert cast.atasan.pegawai.nip == demo.NIP_KASI_IMUNISASI
    assert cast.outsider.instansi == named.instansi(named.LEMBAH)
    with pytest.raises(AttributeError):
        cast.nobody  # noqa: B018


def test_the_cast_keeps_what_it_fetched_for_the_test_and_the_functions_read_fresh(cast):
    kept = cast.unit("DINKES")
    assert kept is cast.unit("DINKES") and kept.instansi.kode == named.SKM
    assert cast.skp("atasan").pegawai == cast.atasan.pegawai
    assert (
        cast.head_of("DINKES")
        == org_selectors.primary_assignment(named.person(demo.NIP_KEPALA_DINKES)).jabatan
    )
    UnitKerja.objects.filter(pk=kept.pk).update(nama="Dinas Kesehatan Baru")
    assert named.unit("DINKES").nama == "Dinas Kesehatan Baru" != cast.unit("DINKES").nama


def test_a_fresh_organisation_is_built_through_the_services_and_audited(cast):
    events = AuditEvent.objects.count()
    org = factories.organisation(zona_waktu="Asia/Jayapura")

    assert org.instansi.zona_waktu == "Asia/Jayapura"
    assert is_admin_bkpsdm(org.admin, org.instansi.pk)
    assert not is_admin_bkpsdm(org.admin, named.instansi().pk)
    assert org_selectors.primary_assignment(org.staf).jabatan.atasan == org.jabatan_kepala
    assert org.staf_user.instansi == org.instansi and org.kepala_user.pegawai == org.kepala
    assert org.tahun.instansi == org.instansi and org.tahun.periode.exists()
    actions = set(AuditEvent.objects.filter(seq__gt=events).values_list("action", flat=True))
    assert {"org.instansi.create", "org.unit.create", "org.pegawai.create", "planning.tahun.open"} <= actions


def test_a_fresh_organisations_pegawai_starts_an_skp_assessed_by_the_head(cast):
    org = factories.organisation()
    skp = factories.skp(org.staf_user)
    assert skp.status == StatusSKP.DRAFT and skp.instansi == org.instansi
    assert skp.penilai == org.kepala


def test_a_fresh_organisation_is_apart_from_the_demo(cast):
    org = factories.organisation(tahun=None)
    assert org.tahun is None
    with pytest.raises(PermissionDenied):
        org_services.pegawai_update(actor=cast.admin_bkpsdm, pegawai=org.staf, nama="Bukan Urusannya")
    with pytest.raises(PermissionDenied):
        org_services.pegawai_update(actor=org.admin, pegawai=cast.pegawai.pegawai, nama="Bukan Urusannya")
