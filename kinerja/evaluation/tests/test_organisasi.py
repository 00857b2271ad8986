"""Organisation results: who records them, their refusals, and a unit head's rating hasil kerja taken from them."""

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.core import clock
from kinerja.core.models import Notifikasi
from kinerja.core.testing.helpers import refused
from kinerja.evaluation import permissions, selectors, services
from kinerja.evaluation.models import HasilOrganisasi, StatusEvaluasi
from kinerja.evaluation.tests.kit import World, everything, state
from kinerja.org.models import Jabatan, JenisPenugasan, Penugasan
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db


def record(actor, unit, periode, **overrides):
    values = {"capaian": "97,5", "predikat": "baik", "bukti": "LKj triwulan", **overrides}
    return services.hasil_organisasi_simpan(
        actor=actor, unit=unit, tahun=periode.tahun_kinerja.tahun, periode=periode, **values
    )


def test_the_head_of_a_unit_above_records_a_unit_s_result_and_may_correct_it(cast):
    w = World(cast)
    seksi = named.current_skp(cast.atasan).jabatan.unit
    hasil = record(cast.kepala_dinas, seksi, w.periode)
    assert (hasil.capaian, hasil.predikat) == (97.5, "baik")
    again = record(cast.kepala_dinas, seksi, w.periode, capaian="112", predikat="istimewa")
    assert again.pk == hasil.pk and HasilOrganisasi.objects.get(pk=hasil.pk).predikat == "istimewa"


@pytest.mark.parametrize("role", ["atasan", "pegawai", "sekda", "auditor", "tim_penilai", "outsider"])
def test_nobody_else_records_it(cast, role):
    w = World(cast)
    seksi = named.current_skp(cast.atasan).jabatan.unit
    assert not permissions.can_record_organisation(getattr(cast, role), seksi)
    before = state()
    with pytest.raises(PermissionDenied):
        record(getattr(cast, role), seksi, w.periode)
    assert state() == before


def test_a_result_out_of_range_or_of_an_unknown_predikat_is_refused_with_every_problem(cast):
    w = World(cast)
    seksi = named.current_skp(cast.atasan).jabatan.unit
    with refused("capaian", state=state) as problem:
        record(cast.admin_bkpsdm, seksi, w.periode, capaian="-3", predikat="luar_biasa")
    assert set(problem.value.message_dict) == {"capaian", "predikat"}


def test_a_unit_head_s_work_result_rating_is_the_organisation_result(cast):
    w = World(cast)
    skp = named.current_skp(cast.atasan)
    unit = skp.jabatan.unit
    HasilOrganisasi.objects.filter(unit=unit, periode=w.periode).delete()
    values = everything(skp, w.periode)
    with refused("rating_hasil_kerja", state=state):
        services.evaluasi_simpan(actor=w.kabid, skp=skp, periode=w.periode, finalkan=True, **values)
    record(cast.kepala_dinas, unit, w.periode, capaian="115", predikat="istimewa")
    page = selectors.evaluation_page(skp, w.periode, None)
    assert page.saran_hasil.rating == "di_atas"
    values = {**everything(skp, w.periode), "rating_hasil_kerja": "di_atas"}
    e = services.evaluasi_simpan(actor=w.kabid, skp=skp, periode=w.periode, finalkan=True, **values)
    assert e.status == StatusEvaluasi.FINAL and e.predikat_organisasi == "istimewa"
    # once the head's evaluation is final, the result it rests on no longer changes
    with refused(state=state):
        record(cast.kepala_dinas, unit, w.periode, capaian="80", predikat="kurang")


def test_a_head_acting_for_the_unit_above_does_not_record_their_own_unit(cast):
    w = World(cast)
    seksi = named.current_skp(cast.atasan).jabatan.unit
    kabid = Jabatan.objects.get(unit=seksi.parent, kepala_unit=True)
    today = clock.today(seksi.instansi)
    Penugasan.objects.create(
        pegawai=cast.atasan.pegawai, jabatan=kabid, jenis=JenisPenugasan.PLT, mulai=today
    )
    assert not permissions.can_record_organisation(cast.atasan, seksi)
    with pytest.raises(PermissionDenied):
        record(cast.atasan, seksi, w.periode)
    assert permissions.can_record_organisation(cast.kepala_dinas, seksi)


def test_a_head_s_rating_is_the_organisation_result_whatever_is_sent(cast):
    w = World(cast)
    skp = named.current_skp(cast.atasan)
    record(cast.kepala_dinas, skp.jabatan.unit, w.periode, capaian="85", predikat="butuh_perbaikan")
    values = {
        **everything(skp, w.periode),
        "rating_hasil_kerja": "di_atas",
        "alasan_hasil_kerja": "Saya suka",
    }
    e = services.evaluasi_simpan(actor=w.kabid, skp=skp, periode=w.periode, **values)
    assert e.rating_hasil_kerja == "di_bawah"


def test_organisation_results_are_read_by_their_leaders_and_the_readers_of_the_recap(cast):
    w = World(cast)
    seksi = named.current_skp(cast.atasan).jabatan.unit
    hasil = record(cast.kepala_dinas, seksi, w.periode)
    instansi_id = seksi.instansi_id
    for role in ("kepala_dinas", "atasan", "admin_bkpsdm", "auditor", "tim_penilai"):
        assert (
            permissions.results_visible_to(getattr(cast, role), instansi_id).filter(pk=hasil.pk).exists()
        ), role
    for role in ("pegawai", "admin_pd"):
        assert (
            not permissions.results_visible_to(getattr(cast, role), instansi_id).filter(pk=hasil.pk).exists()
        )


def test_the_head_of_the_unit_is_told_of_its_result(cast):
    w = World(cast)
    seksi = named.current_skp(cast.atasan).jabatan.unit
    record(cast.kepala_dinas, seksi, w.periode, predikat="istimewa", capaian="112")
    told = Notifikasi.objects.filter(penerima=cast.atasan).latest("pk")
    assert seksi.nama in told.judul and "Istimewa" in told.judul
