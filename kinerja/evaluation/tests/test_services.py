"""Evaluation's services with their refusals: a draft saved as the penilai works, finalising (complete, a departure
explained), acknowledgement, an objection within the framework's days and the atasan penilai's decision; each
refusal leaves nothing written."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.core import clock
from kinerja.core.errors import ApplicationError, ConflictError
from kinerja.core.models import AuditEvent, Notifikasi
from kinerja.core.testing.helpers import refused
from kinerja.evaluation import permissions, services
from kinerja.evaluation.models import Evaluasi, StatusEvaluasi
from kinerja.evaluation.tests.kit import World, days_after, everything, running_period, state
from kinerja.portal.permissions import audit_events_visible_to

pytestmark = pytest.mark.django_db


def test_the_penilai_saves_a_draft_that_the_pegawai_does_not_see_yet(cast):
    w = World(cast)
    before = AuditEvent.objects.count()
    e = w.draft(catatan="Baru setengah jalan")
    assert e.status == StatusEvaluasi.DRAF and e.penilai == w.penilai.pegawai
    assert e.atasan_penilai == w.kabid.pegawai
    assert AuditEvent.objects.count() == before + 1
    assert not permissions.evaluasi_visible_to(w.pegawai).filter(pk=e.pk).exists()
    assert permissions.evaluasi_visible_to(cast.atasan).filter(pk=e.pk).exists()
    again = w.draft(kunci=e.kunci, catatan="Lanjut")
    assert again.pk == e.pk and again.catatan == "Lanjut"


def test_finalising_gives_the_predikat_of_the_matrix_and_tells_the_pegawai(cast):
    w = World(cast)
    e = w.final("di_atas", rating_hasil_kerja="di_atas", alasan_hasil_kerja="Bukti dukung lengkap")
    assert e.status == StatusEvaluasi.FINAL
    assert (e.rating_hasil_kerja, e.rating_perilaku, e.predikat) == ("di_atas", "di_atas", "sangat_baik")
    assert e.batas_keberatan == days_after(clock.today(e.instansi), 14)
    assert e.identitas["penilai"]["nama"] == w.penilai.pegawai.nama_lengkap
    assert Notifikasi.objects.filter(penerima=w.pegawai, url__contains=f"/evaluasi/{e.pk}/").exists()
    assert permissions.evaluasi_visible_to(w.pegawai).filter(pk=e.pk).exists()


def test_finalising_with_a_value_unrated_is_refused_and_writes_nothing(cast):
    w = World(cast)
    values = everything(w.skp, w.periode)
    values["rating_nilai"].popitem()
    with refused("rating_nilai", state=state):
        w.final(**values)


def test_finalising_with_a_work_result_unrated_is_refused(cast):
    w = World(cast)
    values = everything(w.skp, w.periode)
    values["rating_rhk"].popitem()
    with refused("rating_rhk", state=state):
        w.final(**values)


def test_a_departure_from_the_suggestion_needs_a_reason(cast):
    w = World(cast)
    values = everything(w.skp, w.periode)
    other = "di_bawah" if values["rating_hasil_kerja"] != "di_bawah" else "di_atas"
    with refused("alasan_hasil_kerja", state=state):
        w.final(**{**values, "rating_hasil_kerja": other, "alasan_hasil_kerja": "  "})
    e = w.final(**{**values, "rating_hasil_kerja": other, "alasan_hasil_kerja": "Target tidak realistis"})
    assert e.rating_hasil_kerja == other and e.saran_hasil_kerja != other


@pytest.mark.parametrize(
    "role", ["pegawai", "kepala_dinas", "admin_bkpsdm", "sekda"]
)  # `pegawai`: not theirs
def test_only_the_penilai_at_the_period_s_end_evaluates(cast, role):
    w = World(cast)
    with pytest.raises(PermissionDenied):
        services.evaluasi_simpan(actor=getattr(cast, role), skp=w.skp, periode=w.periode)
    assert not Evaluasi.objects.filter(skp=w.skp).exists()


def test_a_period_that_has_not_ended_cannot_be_evaluated(cast):
    w = World(cast)
    periode = running_period(w.skp)
    if periode is None:
        pytest.skip("the demo year has no running period today")
    with refused(state=state):
        services.evaluasi_simpan(actor=w.penilai, skp=w.skp, periode=periode, **everything(w.skp, w.periode))


def test_a_finalised_evaluation_cannot_be_changed(cast):
    w = World(cast)
    e = w.final()
    with refused(state=state):
        w.draft(kunci=e.kunci, catatan="Ubah setelah final")


def test_two_people_saving_one_evaluation_the_second_is_told_and_nothing_is_lost(cast):
    w = World(cast)
    e = w.draft(catatan="Versi pertama")
    stale = e.kunci
    w.draft(kunci=stale, catatan="Versi kedua")
    with pytest.raises(ConflictError):
        w.draft(kunci=stale, catatan="Versi ketiga dari tab lama")
    assert Evaluasi.objects.get(pk=e.pk).catatan == "Versi kedua"


def test_the_pegawai_acknowledges_and_the_evaluation_is_locked(cast):
    w = World(cast)
    e = services.evaluasi_terima(actor=w.pegawai, evaluasi=w.final())
    assert e.status == StatusEvaluasi.DITERIMA and e.diterima_at
    with pytest.raises(ApplicationError):
        services.evaluasi_keberatan(actor=w.pegawai, evaluasi=e, reason="Terlambat berubah pikiran")


def test_an_objection_is_filed_with_reasons_and_the_atasan_penilai_changes_the_result(cast):
    w = World(cast)
    e = w.final("sesuai", rating_hasil_kerja="sesuai", alasan_hasil_kerja="Kendala di luar kendalinya")
    with refused("reason", state=state):
        services.evaluasi_keberatan(actor=w.pegawai, evaluasi=e, reason=" ")
    e = services.evaluasi_keberatan(actor=w.pegawai, evaluasi=e, reason="Capaian saya 120%, bukti lengkap.")
    assert e.status == StatusEvaluasi.KEBERATAN
    assert Notifikasi.objects.filter(penerima=w.kabid).exists()
    with pytest.raises(PermissionDenied):
        services.evaluasi_putus(
            actor=cast.atasan,
            evaluasi=e,
            reason="Saya sendiri",
            rating_hasil_kerja="sesuai",
            rating_perilaku="sesuai",
        )
    e = services.evaluasi_putus(
        actor=w.kabid,
        evaluasi=e,
        reason="Bukti dukung menunjukkan capaian di atas target.",
        rating_hasil_kerja="di_atas",
        rating_perilaku="di_atas",
    )
    assert e.status == StatusEvaluasi.DIPUTUS and e.predikat == "sangat_baik"
    assert e.hasil_awal == {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai", "predikat": "baik"}
    event = AuditEvent.objects.filter(action="evaluation.evaluasi.putus").latest("seq")
    assert event.changes["predikat"] == ["baik", "sangat_baik"] and event.reason


@pytest.mark.parametrize("role", ["atasan", "kepala_dinas", "admin_bkpsdm"])
def test_an_objection_by_someone_else_is_refused(cast, role):
    w = World(cast)
    e = w.final()
    with pytest.raises(PermissionDenied):
        services.evaluasi_keberatan(actor=getattr(cast, role), evaluasi=e, reason="Bukan milik saya")
    assert Evaluasi.objects.get(pk=e.pk).status == StatusEvaluasi.FINAL


def test_an_objection_after_the_deadline_is_refused(cast):
    w = World(cast)
    e = w.final()
    late = days_after(e.batas_keberatan, 1)
    with mock.patch("kinerja.evaluation.services.clock.today", return_value=late), refused(state=state):
        services.evaluasi_keberatan(actor=w.pegawai, evaluasi=e, reason="Saya baru membaca")
    with mock.patch("kinerja.evaluation.services.clock.today", return_value=e.batas_keberatan):
        assert services.evaluasi_keberatan(actor=w.pegawai, evaluasi=e, reason="Hari terakhir").status == (
            StatusEvaluasi.KEBERATAN
        )


def test_a_draft_leaves_nothing_in_the_pegawai_s_audit_trail_until_it_is_final(cast):
    w = World(cast)
    e = w.draft(catatan="Belum final: kurang teliti")
    mine = audit_events_visible_to(w.pegawai)
    assert not mine.filter(object_id=str(e.pk), object_type="evaluation.evaluasi").exists()
    w.final(kunci=e.kunci)
    assert mine.filter(action="evaluation.evaluasi.finalkan", object_id=str(e.pk)).exists()
    assert not mine.filter(action="evaluation.evaluasi.simpan").exists()


def test_a_second_form_opened_before_the_evaluation_existed_cannot_overwrite_it(cast):
    w = World(cast)
    w.draft(catatan="Dari tab pertama")
    with pytest.raises(ConflictError):
        w.draft(catatan="Dari tab kedua, dibuka sebelum yang pertama menyimpan")
    assert Evaluasi.objects.get(skp=w.skp, periode=w.periode).catatan == "Dari tab pertama"


def test_once_the_days_to_object_have_passed_the_pegawai_is_offered_no_objection(cast):
    w = World(cast)
    e = w.final()
    assert "keberatan" in permissions.actions_of(w.pegawai, e)
    with mock.patch(
        "kinerja.evaluation.permissions.clock.today", return_value=days_after(e.batas_keberatan, 1)
    ):
        assert permissions.actions_of(w.pegawai, e) == ["terima"]
