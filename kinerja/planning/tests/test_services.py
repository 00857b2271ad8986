"""The SKP services with their refusals: every allowed and refused transition, cascading, versions, transfers.

The demo: `pegawai` has no SKP this year; `atasan` (Kepala Seksi Imunisasi, their penilai) has an approved one.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import YEAR
from kinerja.core import clock
from kinerja.core.errors import ConflictError
from kinerja.core.models import AuditEvent, Notifikasi
from kinerja.core.testing.clock import at, on_day
from kinerja.core.testing.harness import assert_unchanged
from kinerja.org import selectors as org_selectors
from kinerja.org import services as org_services
from kinerja.org.models import Instansi, Jabatan, Pegawai
from kinerja.planning import rules, selectors, services
from kinerja.planning.models import RHK, SKP, Periode, StatusSKP, TahunKinerja, VersiSKP
from kinerja.testkit import cast as named
from kinerja.testkit import factories

pytestmark = pytest.mark.django_db


def atasan_skp(cast) -> SKP:
    return named.current_skp(cast.atasan)


def atasan_rhk(cast) -> RHK:
    return atasan_skp(cast).rhk.filter(jenis="utama").order_by("urutan").first()


def epidemiolog_waiting() -> SKP:
    """The demo's submitted SKP of the Epidemiolog below the atasan, waiting for them."""
    return SKP.objects.get(
        status="diajukan", jabatan__nama__startswith="Epidemiolog", jabatan__unit__nama__contains="Imunisasi"
    )


def fresh(skp: SKP) -> SKP:
    return SKP.objects.get(pk=skp.pk)


def start(cast) -> SKP:
    return services.skp_start(actor=cast.pegawai, pegawai=cast.pegawai.pegawai, tahun=YEAR)


def ready(cast) -> SKP:
    """The pegawai's SKP with one Utama RHK supporting the atasan's RHK, with one indikator: ready to submit."""
    skp = start(cast)
    rhk = services.rhk_save(
        actor=cast.pegawai,
        skp=skp,
        kunci=skp.kunci,
        uraian="Data imunisasi mutakhir",
        rhk_atasan=atasan_rhk(cast),
    )
    skp = fresh(skp)
    services.indikator_save(
        actor=cast.pegawai, rhk=rhk, kunci=skp.kunci, uraian="Laporan bulanan", target="12", satuan="laporan"
    )
    return fresh(skp)


def submitted(cast) -> SKP:
    skp = ready(cast)
    return services.skp_submit(actor=cast.pegawai, skp=skp, kunci=skp.kunci)


def approved(cast) -> SKP:
    skp = submitted(cast)
    return services.skp_approve(actor=cast.atasan, skp=skp, kunci=skp.kunci)


def state(skp: SKP):
    s = fresh(skp)
    return (s.status, s.versi, s.kunci, s.rhk.count(), VersiSKP.objects.filter(skp=s).count())


# Starting ---------------------------------------------------------------------------------------------------


def test_start_snapshots_the_pegawai_the_penilai_and_their_superior(cast):
    skp = start(cast)
    assert skp.status == StatusSKP.DRAFT and skp.versi == 0
    assert skp.mulai <= clock.today() <= skp.selesai
    assert skp.selesai == datetime.date(YEAR, 12, 31)
    assert skp.identitas_pegawai["nip"] == cast.pegawai.pegawai.nip
    assert skp.identitas_pegawai["jabatan"] == "Pengelola Data Imunisasi"
    assert skp.identitas_penilai["nip"] == cast.atasan.pegawai.nip
    assert skp.penilai == cast.atasan.pegawai
    assert skp.atasan_penilai is not None and skp.identitas_atasan_penilai["jabatan"].startswith(
        "Kepala Bidang"
    )
    assert skp.pendekatan == "kuantitatif" and not skp.jpt
    assert [p.kode for p in skp.perilaku.all()] == list(rules_berakhlak())
    assert AuditEvent.objects.filter(action="planning.skp.start", object_id=str(skp.pk)).exists()


def rules_berakhlak():
    from kinerja.criteria.rules import BERAKHLAK

    return BERAKHLAK


def test_start_twice_in_a_year_is_refused(cast):
    start(cast)
    with pytest.raises(ValidationError, match="sudah memiliki SKP"):
        start(cast)
    assert SKP.objects.filter(pegawai=cast.pegawai.pegawai).count() == 1


def test_only_the_pegawai_starts_their_own_skp(cast):
    for actor in (cast.atasan, cast.admin_bkpsdm, cast.superuser):
        with pytest.raises(PermissionDenied):
            services.skp_start(actor=actor, pegawai=cast.pegawai.pegawai, tahun=YEAR)
    assert not SKP.objects.filter(pegawai=cast.pegawai.pegawai).exists()


def test_start_in_a_year_not_opened_is_refused(cast):
    with pytest.raises(ValidationError, match="belum dibuka"):
        services.skp_start(actor=cast.pegawai, pegawai=cast.pegawai.pegawai, tahun=YEAR + 1)


@pytest.mark.parametrize("tahun", [0, -5, 10000])
def test_start_in_a_year_that_cannot_exist_is_refused_like_one_not_opened(cast, tahun):
    with pytest.raises(ValidationError, match="belum dibuka"):
        services.skp_start(actor=cast.pegawai, pegawai=cast.pegawai.pegawai, tahun=tahun)


def test_start_copies_last_years_rhk_without_their_links(cast):
    skp = approved(cast)
    # Pretend it was last year's: move the year and the SKP back.
    factories.move_to_last_year(skp)
    new = services.skp_start(
        actor=cast.pegawai,
        pegawai=cast.pegawai.pegawai,
        tahun=YEAR,
        salin_dari=selectors.previous_skp(cast.pegawai.pegawai, YEAR),
    )
    copied = list(new.rhk.all())
    assert [r.uraian for r in copied] == ["Data imunisasi mutakhir"]
    assert copied[0].rhk_atasan is None
    assert [i.target_angka for i in copied[0].indikator.all()] == [Decimal("12.00")]


def test_someone_elses_skp_cannot_be_copied(cast):
    other = atasan_skp(cast)
    with pytest.raises(PermissionDenied):
        services.skp_start(actor=cast.pegawai, pegawai=cast.pegawai.pegawai, tahun=YEAR, salin_dari=other)
    assert not SKP.objects.filter(pegawai=cast.pegawai.pegawai).exists()


# Content and cascading ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("92,5", Decimal("92.50")),
        ("1.250", Decimal("1250.00")),
        ("85.5", Decimal("85.50")),
        ("100", Decimal(100)),
    ],
)
def test_numeric_targets_are_read_the_indonesian_way(cast, typed, stored):
    skp = start(cast)
    rhk = services.rhk_save(
        actor=cast.pegawai, skp=skp, kunci=skp.kunci, uraian="RHK", rhk_atasan=atasan_rhk(cast)
    )
    item = services.indikator_save(
        actor=cast.pegawai, rhk=rhk, kunci=fresh(skp).kunci, uraian="IKI", target=typed, satuan="%"
    )
    assert item.target_angka == stored


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"target": "sembilan puluh", "satuan": "%"}, "target"),
        ({"target": "", "satuan": "%"}, "target"),
        ({"target": "-5", "satuan": "%"}, "target"),
        ({"target": "90", "satuan": ""}, "satuan"),
        ({"jenis_target": "kualitatif", "target_teks": ""}, "target_teks"),
        ({"aspek": "keindahan", "target": "90", "satuan": "%"}, "aspek"),
    ],
)
def test_bad_indikator_is_refused_with_its_field_and_nothing_changes(cast, values, field):
    skp = start(cast)
    rhk = services.rhk_save(
        actor=cast.pegawai, skp=skp, kunci=skp.kunci, uraian="RHK", rhk_atasan=atasan_rhk(cast)
    )
    skp = fresh(skp)
    with assert_unchanged(lambda: (state(skp), rhk.indikator.count())), pytest.raises(ValidationError) as err:
        services.indikator_save(actor=cast.pegawai, rhk=rhk, kunci=skp.kunci, uraian="IKI", **values)
    assert field in err.value.message_dict


def test_qualitative_target_is_kept_as_a_statement(cast):
    skp = start(cast)
    rhk = services.rhk_save(
        actor=cast.pegawai, skp=skp, kunci=skp.kunci, uraian="RHK", rhk_atasan=atasan_rhk(cast)
    )
    item = services.indikator_save(
        actor=cast.pegawai,
        rhk=rhk,
        kunci=fresh(skp).kunci,
        uraian="Kualitas laporan",
        aspek="kualitas",
        jenis_target="kualitatif",
        target_teks="Laporan diterima tanpa revisi",
    )
    assert item.target_angka is None and selectors.target_text(item) == "Laporan diterima tanpa revisi"


def test_rhk_may_only_support_an_rhk_of_the_penilai(cast):
    skp = start(cast)
    foreign = SKP.objects.get(pegawai=cast.kepala_dinas.pegawai, tahun_kinerja__tahun=YEAR).rhk.first()
    with assert_unchanged(lambda: state(skp)), pytest.raises(ValidationError) as err:
        services.rhk_save(actor=cast.pegawai, skp=skp, kunci=skp.kunci, uraian="RHK", rhk_atasan=foreign)
    assert "rhk_atasan" in err.value.message_dict


def test_a_draft_rhk_of_the_penilai_cannot_be_supported(cast):
    skp = start(cast)
    target = atasan_skp(cast)
    SKP.objects.filter(pk=target.pk).update(status=StatusSKP.DRAFT, versi=0)
    with pytest.raises(ValidationError):
        services.rhk_save(
            actor=cast.pegawai, skp=skp, kunci=skp.kunci, uraian="RHK", rhk_atasan=target.rhk.first()
        )


def test_cascade_options_are_the_penilais_rhk_of_the_year(cast):
    skp = start(cast)
    options = selectors.cascade_options(skp, selectors.effective_penilai_id(skp))
    assert options and {r.skp.pegawai_id for r in options} == {cast.atasan.pegawai_id}


def test_only_the_pegawai_edits_and_only_while_editable(cast):
    skp = start(cast)
    for actor in (cast.atasan, cast.admin_bkpsdm, cast.kepala_dinas):
        with assert_unchanged(lambda: state(skp)), pytest.raises(PermissionDenied):
            services.rhk_save(actor=actor, skp=skp, kunci=skp.kunci, uraian="RHK")


def test_editing_after_submission_is_refused(cast):
    skp = submitted(cast)
    rhk = skp.rhk.first()
    with assert_unchanged(lambda: state(skp)), pytest.raises(ValidationError, match="Diajukan"):
        services.rhk_save(actor=cast.pegawai, skp=skp, kunci=skp.kunci, uraian="Ubah", rhk=rhk)
    with assert_unchanged(lambda: state(skp)), pytest.raises(ValidationError):
        services.rhk_delete(actor=cast.pegawai, rhk=rhk, kunci=skp.kunci)


def test_a_stale_kunci_is_a_conflict_and_nothing_is_overwritten(cast):
    skp = start(cast)
    seen = skp.kunci
    services.rhk_save(actor=cast.pegawai, skp=skp, kunci=seen, uraian="Pertama", rhk_atasan=atasan_rhk(cast))
    with assert_unchanged(lambda: state(skp)), pytest.raises(ConflictError, match="diubah oleh orang lain"):
        services.rhk_save(actor=cast.pegawai, skp=skp, kunci=seen, uraian="Kedua")
    assert [r.uraian for r in fresh(skp).rhk.all()] == ["Pertama"]


def test_a_supported_rhk_cannot_be_deleted(cast):
    mine = approved(cast)
    parent = atasan_skp(cast)
    services.skp_propose_revision(actor=cast.atasan, skp=parent, kunci=parent.kunci, reason="Ubah target")
    parent = fresh(parent)
    supported = RHK.objects.get(pk=mine.rhk.first().rhk_atasan_id)
    with assert_unchanged(lambda: state(parent)), pytest.raises(ValidationError, match="mendukung"):
        services.rhk_delete(actor=cast.atasan, rhk=supported, kunci=parent.kunci)


# Submission ---------------------------------------------------------------------------------------------------


def test_submit_without_utama_or_indikator_lists_every_problem(cast):
    skp = start(cast)
    services.rhk_save(actor=cast.pegawai, skp=skp, kunci=skp.kunci, uraian="Tambahan", jenis="tambahan")
    skp = fresh(skp)
    with assert_unchanged(lambda: state(skp)), pytest.raises(ValidationError) as err:
        services.skp_submit(actor=cast.pegawai, skp=skp, kunci=skp.kunci)
    text = " ".join(err.value.messages)
    assert "RHK) utama" in text and "T1 belum memiliki indikator" in text


def test_submit_requires_utama_rhk_to_name_the_supported_rhk(cast):
    skp = start(cast)
    rhk = services.rhk_save(actor=cast.pegawai, skp=skp, kunci=skp.kunci, uraian="Tanpa kaitan")
    services.indikator_save(
        actor=cast.pegawai, rhk=rhk, kunci=fresh(skp).kunci, uraian="IKI", target="1", satuan="x"
    )
    skp = fresh(skp)
    with assert_unchanged(lambda: state(skp)), pytest.raises(ValidationError, match="U1 belum menyebut"):
        services.skp_submit(actor=cast.pegawai, skp=skp, kunci=skp.kunci)


def test_submit_moves_to_diajukan_and_notifies_the_penilai(cast):
    skp = submitted(cast)
    assert skp.status == StatusSKP.DIAJUKAN and skp.diajukan_at is not None
    assert Notifikasi.objects.filter(penerima=cast.atasan, url__contains=f"/skp/{skp.pk}/").exists()
    event = AuditEvent.objects.filter(action="planning.skp.ajukan", object_id=str(skp.pk)).get()
    assert event.changes["status"] == ["draft", "diajukan"]


def test_submitting_after_the_deadline_is_refused_until_the_bkpsdm_extends_it(cast):
    skp = ready(cast)
    late = skp.selesai
    TahunKinerja.objects.filter(pk=skp.tahun_kinerja_id).update(
        tenggat_skp=skp.mulai, hari_tenggat_skp_baru=0
    )
    with on_day(late):
        with assert_unchanged(lambda: state(skp)), pytest.raises(ValidationError, match="Tenggat SKP ini"):
            services.skp_submit(actor=cast.pegawai, skp=skp, kunci=skp.kunci)
        services.skp_extend_deadline(actor=cast.admin_bkpsdm, skp=skp, tenggat=late, reason="Cuti sakit")
        done = services.skp_submit(actor=cast.pegawai, skp=skp, kunci=fresh(skp).kunci)
    assert done.status == StatusSKP.DIAJUKAN


@pytest.mark.parametrize("zone", ["Asia/Makassar", "Asia/Jayapura"])
def test_an_skp_deadline_closes_at_midnight_where_the_instansi_is(cast, zone):
    skp = ready(cast)
    Instansi.objects.filter(pk=skp.instansi_id).update(zona_waktu=zone)
    deadline = skp.mulai + datetime.timedelta(days=30)
    TahunKinerja.objects.filter(pk=skp.tahun_kinerja_id).update(tenggat_skp=deadline, hari_tenggat_skp_baru=0)
    midnight = datetime.datetime.combine(
        deadline + datetime.timedelta(days=1), datetime.time(), ZoneInfo(zone)
    )
    lampiran = {"dukungan_sumber_daya": "Laptop", "skema_pertanggungjawaban": "", "konsekuensi": ""}
    # A minute after midnight there, it is still the deadline's evening in Jakarta: the instansi's day counts.
    with at(midnight + datetime.timedelta(minutes=1)), assert_unchanged(lambda: state(skp)):
        for write in (services.lampiran_save, services.skp_submit):
            kwargs = lampiran if write is services.lampiran_save else {}
            with pytest.raises(ValidationError, match="Tenggat SKP ini"):
                write(actor=cast.pegawai, skp=fresh(skp), kunci=fresh(skp).kunci, **kwargs)
    with at(midnight - datetime.timedelta(minutes=1)):
        services.lampiran_save(actor=cast.pegawai, skp=skp, kunci=fresh(skp).kunci, **lampiran)
        done = services.skp_submit(actor=cast.pegawai, skp=skp, kunci=fresh(skp).kunci)
    assert done.status == StatusSKP.DIAJUKAN and done.dukungan_sumber_daya == "Laptop"


def test_withdraw_returns_a_submission_to_draft(cast):
    skp = submitted(cast)
    skp = services.skp_withdraw(actor=cast.pegawai, skp=skp, kunci=skp.kunci)
    assert skp.status == StatusSKP.DRAFT
    with pytest.raises(PermissionDenied):
        services.skp_withdraw(actor=cast.atasan, skp=skp, kunci=skp.kunci)


# Decisions ----------------------------------------------------------------------------------------------------


def test_approve_freezes_version_1_with_the_leaders_expectation(cast):
    skp = submitted(cast)
    done = services.skp_approve(
        actor=cast.atasan,
        skp=skp,
        kunci=skp.kunci,
        ekspektasi={"akuntabel": "Laporan tepat waktu setiap bulan"},
    )
    assert done.status == StatusSKP.DISETUJUI and done.versi == 1
    versi = VersiSKP.objects.get(skp=done)
    assert versi.nomor == 1 and versi.disetujui_oleh == cast.atasan.pegawai
    assert versi.konten["rhk"][0]["uraian"] == "Data imunisasi mutakhir"
    assert {p["kode"]: p["ekspektasi"] for p in versi.konten["perilaku"]}["akuntabel"] == (
        "Laporan tepat waktu setiap bulan"
    )
    assert Notifikasi.objects.filter(penerima=cast.pegawai, judul__icontains="disetujui").exists()


def test_one_cannot_approve_ones_own_skp(cast):
    skp = atasan_skp(cast)
    services.skp_propose_revision(actor=cast.atasan, skp=skp, kunci=skp.kunci, reason="Ubah")
    skp = services.skp_submit(actor=cast.atasan, skp=fresh(skp), kunci=fresh(skp).kunci)
    with assert_unchanged(lambda: state(skp)), pytest.raises(PermissionDenied, match="sendiri"):
        services.skp_approve(actor=cast.atasan, skp=skp, kunci=skp.kunci)


@pytest.mark.parametrize(
    "role", ["kepala_dinas", "sekda", "admin_bkpsdm", "tim_penilai", "outsider", "superuser"]
)
def test_only_the_penilai_in_force_approves_or_returns(cast, role):
    skp = submitted(cast)
    actor = getattr(cast, role)
    with assert_unchanged(lambda: state(skp)), pytest.raises(PermissionDenied):
        services.skp_approve(actor=actor, skp=skp, kunci=skp.kunci)
    with assert_unchanged(lambda: state(skp)), pytest.raises(PermissionDenied):
        services.skp_return(actor=actor, skp=skp, kunci=skp.kunci, reason="Tidak")


def test_return_needs_a_reason_then_the_pegawai_fixes_and_resubmits(cast):
    skp = submitted(cast)
    with assert_unchanged(lambda: state(skp)), pytest.raises(ValidationError):
        services.skp_return(actor=cast.atasan, skp=skp, kunci=skp.kunci, reason="  ")
    skp = services.skp_return(actor=cast.atasan, skp=skp, kunci=skp.kunci, reason="Tambah indikator waktu")
    assert skp.status == StatusSKP.DIKEMBALIKAN and skp.catatan_pengembalian == "Tambah indikator waktu"
    assert Notifikasi.objects.filter(penerima=cast.pegawai, isi="Tambah indikator waktu").exists()
    rhk = skp.rhk.first()
    services.indikator_save(
        actor=cast.pegawai,
        rhk=rhk,
        kunci=skp.kunci,
        uraian="Tepat waktu",
        aspek="waktu",
        target="10",
        satuan="hari",
        arah="turun",
    )
    skp = services.skp_submit(actor=cast.pegawai, skp=fresh(skp), kunci=fresh(skp).kunci)
    assert skp.status == StatusSKP.DIAJUKAN


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (StatusSKP.DRAFT, "approve"),
        (StatusSKP.DRAFT, "return"),
        (StatusSKP.DIKEMBALIKAN, "approve"),
        (StatusSKP.DISETUJUI, "approve"),
        (StatusSKP.DISETUJUI, "return"),
        (StatusSKP.REVISI, "approve"),
        (StatusSKP.DISETUJUI, "submit"),
        (StatusSKP.DIAJUKAN, "submit"),
        (StatusSKP.DRAFT, "withdraw"),
        (StatusSKP.DISETUJUI, "withdraw"),
        (StatusSKP.DRAFT, "revise"),
        (StatusSKP.DIAJUKAN, "revise"),
    ],
)
def test_every_transition_the_workflow_does_not_allow_is_refused(cast, status, action):
    skp = ready(cast)
    SKP.objects.filter(pk=skp.pk).update(status=status, versi=1 if status in ("disetujui", "revisi") else 0)
    skp = fresh(skp)
    calls = {
        "approve": lambda: services.skp_approve(actor=cast.atasan, skp=skp, kunci=skp.kunci),
        "return": lambda: services.skp_return(actor=cast.atasan, skp=skp, kunci=skp.kunci, reason="x"),
        "submit": lambda: services.skp_submit(actor=cast.pegawai, skp=skp, kunci=skp.kunci),
        "withdraw": lambda: services.skp_withdraw(actor=cast.pegawai, skp=skp, kunci=skp.kunci),
        "revise": lambda: services.skp_propose_revision(
            actor=cast.pegawai, skp=skp, kunci=skp.kunci, reason="x"
        ),
    }
    with assert_unchanged(lambda: state(skp)), pytest.raises((ValidationError, PermissionDenied)):
        calls[action]()


def test_the_bkpsdm_decides_for_the_top_official_on_behalf_of_the_ppk(cast):
    skp = SKP.objects.get(pegawai=cast.sekda.pegawai, tahun_kinerja__tahun=YEAR)
    assert skp.penilai is None and skp.identitas_penilai["jabatan"] == "Wali Kota Sukamaju"
    services.skp_propose_revision(actor=cast.sekda, skp=skp, kunci=skp.kunci, reason="Perubahan RPJMD")
    skp = services.skp_submit(actor=cast.sekda, skp=fresh(skp), kunci=fresh(skp).kunci)
    with pytest.raises(PermissionDenied):
        services.skp_approve(actor=cast.tim_penilai, skp=skp, kunci=skp.kunci)
    done = services.skp_approve(actor=cast.admin_bkpsdm, skp=skp, kunci=skp.kunci)
    assert done.versi == 2


# Revisions and versions -------------------------------------------------------------------------------------------


def test_revision_keeps_version_1_and_approval_adds_version_2_with_a_diff(cast):
    skp = approved(cast)
    with pytest.raises(ValidationError):
        services.skp_propose_revision(actor=cast.pegawai, skp=skp, kunci=skp.kunci, reason="")
    skp = services.skp_propose_revision(actor=cast.pegawai, skp=skp, kunci=skp.kunci, reason="Target naik")
    assert skp.status == StatusSKP.REVISI
    indikator = skp.rhk.first().indikator.first()
    services.indikator_save(
        actor=cast.pegawai,
        rhk=indikator.rhk,
        indikator=indikator,
        kunci=skp.kunci,
        uraian="Laporan bulanan",
        target="14",
        satuan="laporan",
    )
    skp = services.skp_submit(actor=cast.pegawai, skp=fresh(skp), kunci=fresh(skp).kunci)
    skp = services.skp_approve(actor=cast.atasan, skp=skp, kunci=skp.kunci)
    v1, v2 = selectors.versions(skp)
    assert (v1.nomor, v2.nomor, v2.alasan) == (1, 2, "Target naik")
    changes = rules.diff_versions(v1.konten, v2.konten)
    assert [(c.bagian, c.jenis) for c in changes] == [("indikator", "diubah")]
    assert "12 laporan" in changes[0].sebelum and "14 laporan" in changes[0].sesudah


def test_withdrawing_a_revision_goes_back_to_revision_not_draft(cast):
    skp = approved(cast)
    skp = services.skp_propose_revision(actor=cast.pegawai, skp=skp, kunci=skp.kunci, reason="x")
    skp = services.skp_submit(actor=cast.pegawai, skp=skp, kunci=skp.kunci)
    assert services.skp_withdraw(actor=cast.pegawai, skp=skp, kunci=skp.kunci).status == StatusSKP.REVISI


# Bulk approval ----------------------------------------------------------------------------------------------------


def test_bulk_approve_is_all_or_nothing(cast):
    mine = submitted(cast)
    waiting = epidemiolog_waiting()
    foreign = SKP.objects.filter(status="diajukan").exclude(penilai=cast.atasan.pegawai).first()
    with (
        assert_unchanged(lambda: (state(mine), state(waiting), state(foreign))),
        pytest.raises(PermissionDenied),
    ):
        services.skp_bulk_approve(
            actor=cast.atasan, items=[(mine, mine.kunci), (waiting, waiting.kunci), (foreign, foreign.kunci)]
        )
    done = services.skp_bulk_approve(actor=cast.atasan, items=[(mine, mine.kunci), (waiting, waiting.kunci)])
    assert {s.status for s in done} == {StatusSKP.DISETUJUI}


def test_bulk_approve_reports_a_stale_item_and_approves_none(cast):
    mine = submitted(cast)
    waiting = epidemiolog_waiting()
    with (
        assert_unchanged(lambda: (state(mine), state(waiting))),
        pytest.raises(ValidationError, match="Tidak ada yang disetujui"),
    ):
        services.skp_bulk_approve(actor=cast.atasan, items=[(waiting, waiting.kunci), (mine, mine.kunci - 1)])


def test_bulk_approve_without_the_kunci_of_one_skp_is_refused_and_approves_none(cast):
    mine = submitted(cast)
    waiting = epidemiolog_waiting()
    with (
        assert_unchanged(lambda: (state(mine), state(waiting))),
        pytest.raises(ValidationError, match="Muat ulang halaman"),
    ):
        services.skp_bulk_approve(actor=cast.atasan, items=[(waiting, waiting.kunci), (mine, None)])


# Administration -----------------------------------------------------------------------------------------------------


def test_reassigning_the_penilai_needs_the_bkpsdm_and_a_reason(cast):
    skp = submitted(cast)
    kabid = skp.atasan_penilai
    for actor in (cast.atasan, cast.admin_pd, cast.tim_penilai):
        with assert_unchanged(lambda: state(skp)), pytest.raises(PermissionDenied):
            services.skp_reassign_penilai(actor=actor, skp=skp, penilai=kabid, reason="x")
    with pytest.raises(ValidationError):
        services.skp_reassign_penilai(actor=cast.admin_bkpsdm, skp=skp, penilai=kabid, reason="")
    with pytest.raises(ValidationError):
        services.skp_reassign_penilai(actor=cast.admin_bkpsdm, skp=skp, penilai=skp.pegawai, reason="x")
    skp = services.skp_reassign_penilai(
        actor=cast.admin_bkpsdm, skp=skp, penilai=kabid, reason="Data atasan salah"
    )
    assert skp.penilai == kabid and skp.penilai_ditetapkan
    with pytest.raises(PermissionDenied):
        services.skp_approve(actor=cast.atasan, skp=skp, kunci=skp.kunci)


MID_YEAR = datetime.date(YEAR, 7, 1)


def vacant_post(skp: SKP) -> Jabatan:
    return org_selectors.vacant_positions(
        Jabatan.objects.filter(instansi=skp.instansi, jenis="fungsional")
    ).first()


@on_day(MID_YEAR)
def test_a_transfer_ends_the_skp_and_a_new_one_starts_for_the_new_position(cast):
    skp = approved(cast)
    target = vacant_post(skp)
    org_services.pegawai_transfer(
        actor=cast.admin_bkpsdm, pegawai=skp.pegawai, jabatan=target, tanggal=MID_YEAR, reason="Mutasi"
    )
    ended = fresh(skp)
    assert ended.berakhir and ended.selesai == datetime.date(YEAR, 6, 30) and ended.status == "disetujui"
    assert AuditEvent.objects.filter(
        action="planning.skp.end", object_id=str(skp.pk), reason="Mutasi"
    ).exists()
    with pytest.raises(ValidationError):
        services.rhk_save(actor=cast.pegawai, skp=ended, kunci=ended.kunci, uraian="x")
    # The year's deadline (end of January) has passed; a late start has 30 days from its first day.
    TahunKinerja.objects.filter(pk=skp.tahun_kinerja_id).update(tenggat_skp=datetime.date(YEAR, 1, 31))
    new = services.skp_start(actor=cast.pegawai, pegawai=skp.pegawai, tahun=YEAR)
    assert new.jabatan == target and new.mulai == MID_YEAR and new.status == StatusSKP.DRAFT
    assert selectors.deadline_of(new) == datetime.date(YEAR, 7, 31)


@on_day(MID_YEAR)
def test_a_transfer_dated_ahead_cuts_the_skp_which_stays_open_until_that_day(cast):
    skp = approved(cast)
    later = datetime.date(YEAR, 9, 1)
    org_services.pegawai_transfer(
        actor=cast.admin_bkpsdm, pegawai=skp.pegawai, jabatan=vacant_post(skp), tanggal=later, reason="Mutasi"
    )
    cut = fresh(skp)
    assert cut.selesai == datetime.date(YEAR, 8, 31) and not cut.berakhir
    with pytest.raises(ValidationError, match="sudah memiliki SKP"):
        services.skp_start(actor=cast.pegawai, pegawai=skp.pegawai, tahun=YEAR)
    with on_day(later):
        new = services.skp_start(actor=cast.pegawai, pegawai=skp.pegawai, tahun=YEAR)
    assert fresh(skp).berakhir and new.mulai == later


@on_day(MID_YEAR)
def test_the_end_of_an_assignment_ends_its_skp_and_no_other(cast):
    skp = approved(cast)
    other = atasan_skp(cast)
    penugasan = org_selectors.primary_assignment(skp.pegawai, MID_YEAR)
    org_services.penugasan_end(
        actor=cast.admin_bkpsdm, penugasan=penugasan, selesai=datetime.date(YEAR, 5, 31), reason="Pensiun"
    )
    ended = fresh(skp)
    assert (
        ended.berakhir and ended.selesai == datetime.date(YEAR, 5, 31) and ended.alasan_berakhir == "Pensiun"
    )
    assert not fresh(other).berakhir


# Years and periods --------------------------------------------------------------------------------------------------


def test_open_year_needs_a_published_framework_and_the_bkpsdm(cast):
    sukamaju = cast.admin_bkpsdm.instansi
    with pytest.raises(PermissionDenied):
        services.tahun_open(actor=cast.tim_penilai, instansi=sukamaju, tahun=YEAR + 1)
    with pytest.raises(ValidationError, match="Kriteria"):
        services.tahun_open(actor=cast.admin_bkpsdm, instansi=sukamaju, tahun=YEAR + 1)
    with pytest.raises(ValidationError, match="sudah dibuka"):
        services.tahun_open(actor=cast.admin_bkpsdm, instansi=sukamaju, tahun=YEAR)


def test_the_demo_year_has_quarterly_periods_with_input_deadlines(cast):
    tahun = named.year()
    periods = list(Periode.objects.filter(tahun_kinerja=tahun))
    assert [p.nama for p in periods] == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV (Akhir)"]
    assert all(p.tenggat_input == p.selesai + datetime.timedelta(days=10) for p in periods)


def test_period_deadline_changes_need_a_reason_and_cannot_precede_the_period(cast):
    periode = Periode.objects.filter(tahun_kinerja__instansi__kode="KOTA-SKM").first()
    with pytest.raises(ValidationError):
        services.periode_update(
            actor=cast.admin_bkpsdm, periode=periode, tenggat_input=periode.selesai, reason=""
        )
    with pytest.raises(ValidationError):
        services.periode_update(
            actor=cast.admin_bkpsdm, periode=periode, tenggat_input=periode.mulai, reason="Salah ketik"
        )
    with pytest.raises(PermissionDenied):
        services.periode_update(
            actor=cast.outsider, periode=periode, tenggat_input=periode.selesai, reason="x"
        )
    done = services.periode_update(
        actor=cast.admin_bkpsdm, periode=periode, tenggat_input=periode.selesai, reason="Libur nasional"
    )
    assert done.tenggat_input == periode.selesai


def test_the_demo_has_skp_in_every_state_cascaded_from_the_heads(cast):
    skp = SKP.objects.filter(tahun_kinerja__tahun=YEAR, instansi__kode="KOTA-SKM")
    assert set(skp.values_list("status", flat=True)) == set(StatusSKP.values)
    assert skp.filter(berakhir=True).exists()
    utama_below = RHK.objects.filter(skp__in=skp.exclude(penilai=None), jenis="utama")
    assert utama_below.exists() and not utama_below.filter(rhk_atasan=None).exists()
    assert not SKP.objects.filter(pegawai=Pegawai.objects.get(nip=cast.pegawai.pegawai.nip)).exists()
