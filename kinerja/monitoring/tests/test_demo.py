"""The monitoring demo: realisations up to today for every approved SKP, evidence files that are really stored,
feedback, dialogs and one reopened period, and a picture for the named cast.

The session's demo was loaded on the real day; `reloaded(day, seed)` clears monitoring's rows and loads its part
again as on another day (the rows go back at the end of the test; the files it wrote are deleted)."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage

from kinerja.core import clock
from kinerja.core.models import AuditEvent
from kinerja.core.testing.clock import on_day
from kinerja.monitoring import demo, demo_words, rules, selectors
from kinerja.monitoring.models import (
    BuktiDukung,
    DialogKinerja,
    JenisBukti,
    Pembukaan,
    PeranUmpanBalik,
    Realisasi,
    RencanaAksi,
    RiwayatRealisasi,
    TindakLanjut,
    UmpanBalik,
)
from kinerja.org import demo as org_demo
from kinerja.planning.models import SKP, StatusSKP
from kinerja.testkit.cast import YEAR, current_skp, instansi, person, year

pytestmark = pytest.mark.django_db


def _clear() -> None:
    for model in (
        Pembukaan,
        TindakLanjut,
        DialogKinerja,
        UmpanBalik,
        BuktiDukung,
        RiwayatRealisasi,
        Realisasi,
        RencanaAksi,
    ):
        model.objects.all().delete()


@pytest.fixture
def reloaded():
    written: list[str] = []

    def load(day: datetime.date, seed: int = 2026) -> dict:
        _clear()
        before = set(_stored_names())
        with on_day(day):
            counts = demo.load_monitoring(
                instansi=instansi(), admin=None, year=YEAR, seed=seed, today=clock.today(instansi())
            )
        written.extend(set(_stored_names()) - before)
        return counts

    yield load
    for name in written:
        default_storage.delete(name)


def _stored_names() -> list[str]:
    folder = f"bukti/{YEAR}"
    if not default_storage.exists(folder):
        return []
    return [f"{folder}/{name}" for name in default_storage.listdir(folder)[1]]


def _approved():
    return SKP.objects.filter(
        tahun_kinerja=year(), versi__gt=0, status__in=[StatusSKP.DISETUJUI, StatusSKP.REVISI]
    ).select_related("instansi")


def _check_coverage(today: datetime.date) -> int:
    """Every ended period of every approved SKP has a realisation of every indikator of the version in force
    (but the one left open in the reopened period), none exists for a period not started, and each names its
    version. Returns how many SKP have something recorded in the current period."""
    reopened = {(p.pegawai_id, p.periode_id) for p in Pembukaan.objects.all()}
    recorded_now = 0
    for skp in _approved():
        mine = {(r.periode_id, r.indikator_id): r.versi_skp for r in Realisasi.objects.filter(skp=skp)}
        for plan in selectors.plans(skp):
            expected = {i["id"] for r in plan.rhk() for i in r["indikator"]}
            found = {ind for (periode, ind) in mine if periode == plan.periode.pk}
            assert all(mine[(plan.periode.pk, ind)] == plan.versi.nomor for ind in found)
            assert found <= expected
            if plan.periode.mulai > today:
                assert not found, (skp, plan.periode)
            elif plan.periode.selesai < today:
                missing = len(expected - found)
                assert missing == (1 if (skp.pegawai_id, plan.periode.pk) in reopened else 0), (
                    skp,
                    plan.periode,
                )
            elif found:
                recorded_now += 1
        covered = {p.pk for p in selectors.covered_periods(skp)}
        assert {periode for periode, _ind in mine} <= covered
    return recorded_now


def test_the_session_demo_records_up_to_today():
    today = clock.today(instansi())
    recorded_now = _check_coverage(today)
    assert recorded_now > 0
    event = AuditEvent.objects.get(action="demo.monitoring")
    counts = event.changes["counts"][1]
    assert counts["realisasi"] == Realisasi.objects.count()
    assert counts["bukti_dukung"] == BuktiDukung.objects.count()
    loaded = AuditEvent.objects.get(action="demo.load").changes["counts"][1]
    assert loaded["realisasi"] == counts["realisasi"]


def test_evidence_files_are_stored_with_their_hash_and_kind():
    files = list(BuktiDukung.objects.filter(jenis=JenisBukti.BERKAS))
    assert 0 < len(files) <= demo.FILES_MAX
    assert len({b.berkas.name for b in files}) == len(files)
    kinds = set()
    for bukti in files:
        assert bukti.berkas.name.startswith(f"bukti/{YEAR}/")
        assert "." not in bukti.berkas.name.rsplit("/", 1)[1]  # the name reveals nothing
        with default_storage.open(bukti.berkas.name) as handle:
            data = handle.read()
        assert hashlib.sha256(data).hexdigest() == bukti.sha256
        assert len(data) == bukti.ukuran < 20_000
        kind = rules.sniff(data[:16])
        assert rules.CONTENT_TYPES[kind] == bukti.tipe
        assert rules.extension_matches(kind, bukti.nama_asli)
        kinds.add(kind)
    assert kinds == {rules.PDF, rules.PNG, rules.JPEG}
    links = BuktiDukung.objects.filter(jenis=JenisBukti.TAUTAN)
    assert links.exists()
    assert all(rules.is_web_link(b.tautan) for b in links)


def test_the_pdf_evidence_is_a_pdf_a_reader_opens():
    from pypdf import PdfReader

    bukti = BuktiDukung.objects.filter(tipe="application/pdf").first()
    with default_storage.open(bukti.berkas.name) as handle:
        reader = PdfReader(handle)
        text = reader.pages[0].extract_text()
    assert "Laporan" in text


def _current_period_counts(skp: SKP, today: datetime.date) -> tuple[int, int]:
    """(recorded, expected) in the period running today."""
    plan = next(p for p in selectors.plans(skp) if p.periode.mulai <= today <= p.periode.selesai)
    expected = sum(len(r["indikator"]) for r in plan.rhk())
    return Realisasi.objects.filter(skp=skp, periode=plan.periode).count(), expected


@pytest.mark.parametrize("day", [datetime.date(YEAR, 1, 15), datetime.date(YEAR, 12, 1)])
def test_the_named_cast_has_a_picture(reloaded, cast, day):
    reloaded(day)
    atasan = cast.atasan.pegawai
    subordinates = list(_approved().filter(penilai=atasan).exclude(pegawai=atasan).order_by("pk"))
    assert subordinates
    statuses = [_current_period_counts(s, day) for s in subordinates]
    assert statuses[0][0] == statuses[0][1] > 0  # filled
    if len(statuses) > 1:
        assert 0 < statuses[1][0] < statuses[1][1]  # partly filled
    if len(statuses) > 2:
        assert statuses[2][0] == 0  # not filled
    # Waiting for the atasan's feedback: realisations of their people without a comment.
    waiting = Realisasi.objects.filter(skp__in=subordinates).exclude(
        umpan_balik__peran=PeranUmpanBalik.PENILAI
    )
    assert waiting.exists()
    # Their own SKP: the current period left for a trial to fill; once a period has ended, evidence files and a
    # thread with a reply.
    own = current_skp(cast.atasan)
    assert _current_period_counts(own, day)[0] == 0
    if day.month == 12:
        assert BuktiDukung.objects.filter(realisasi__skp=own, jenis=JenisBukti.BERKAS).exists()
        thread = UmpanBalik.objects.filter(realisasi__skp=own)
        assert thread.filter(peran=PeranUmpanBalik.PENILAI, penulis_id=own.penilai_id).exists()
        assert thread.filter(peran=PeranUmpanBalik.PEGAWAI, penulis=atasan).exists()
    # Dialogs: one waiting for the atasan's confirmation, an action of theirs overdue.
    assert DialogKinerja.objects.filter(skp=own, dikonfirmasi_pegawai_at=None).exists()
    assert TindakLanjut.objects.filter(pemilik=atasan, selesai_at=None, tenggat__lt=day).exists()
    assert DialogKinerja.objects.filter(
        dikonfirmasi_pegawai_at__isnull=False, dikonfirmasi_penilai_at__isnull=False
    ).exists()
    kepala_dinas = cast.kepala_dinas.pegawai
    assert TindakLanjut.objects.filter(pemilik=kepala_dinas, selesai_at=None, tenggat__lt=day).exists()
    # The cast's pegawai has no SKP in the demo (planning leaves them to start one), so nothing to show.
    assert not Realisasi.objects.filter(skp__pegawai=cast.pegawai.pegawai).exists()


def test_loading_on_15_january_records_the_first_period_only(reloaded):
    day = datetime.date(YEAR, 1, 15)
    counts = reloaded(day)
    assert counts["realisasi"] > 0
    assert set(Realisasi.objects.values_list("periode__nomor", flat=True)) == {1}
    assert counts["pembukaan"] == 0  # no period has closed yet
    assert _check_coverage(day) > 0
    assert not Realisasi.objects.filter(created_at__date__gt=day).exists()
    assert not UmpanBalik.objects.filter(created_at__date__gt=day).exists()


def test_loading_on_1_december_reopens_the_previous_period(reloaded):
    day = datetime.date(YEAR, 12, 1)
    counts = reloaded(day)
    assert set(Realisasi.objects.values_list("periode__nomor", flat=True)) == {1, 2, 3, 4}
    _check_coverage(day)
    pembukaan = Pembukaan.objects.get()
    assert counts["pembukaan"] == 1
    assert pembukaan.pegawai == person(org_demo.NIP_KABID_KESMAS)
    assert pembukaan.periode.nomor == 3 and pembukaan.periode.tenggat_input < day < pembukaan.sampai
    assert pembukaan.alasan
    skp = current_skp(org_demo.NIP_KABID_KESMAS)
    with on_day(day):
        assert selectors.is_open(skp, pembukaan.periode)


def test_some_people_are_clearly_behind_target_most_near_it(reloaded):
    day = datetime.date(YEAR, 10, 20)
    reloaded(day)
    ratios = []
    for skp in _approved()[:80]:
        plans = {p.periode.pk: p for p in selectors.plans(skp)}
        for r in Realisasi.objects.filter(skp=skp, nilai_angka__isnull=False):
            _rhk, ind = plans[r.periode_id].indikator(r.indikator_id)
            mode = ind.get("akumulasi") or demo_words.default_mode(ind["satuan"])
            target = rules.period_target(
                ind["target_periode"], r.periode.nomor, Decimal(ind["target_angka"]), mode
            )
            if target:
                ratios.append(rules.capaian(r.nilai_angka, target, ind["arah"]))
    assert ratios
    near = [c for c in ratios if c >= 90]
    behind = [c for c in ratios if c < 85]
    assert len(near) > len(ratios) * 0.6
    assert behind


def test_the_counts_are_the_same_for_a_seed_and_differ_for_another(reloaded):
    day = datetime.date(YEAR, 8, 5)
    first = reloaded(day)
    values = sorted(Realisasi.objects.values_list("skp_id", "periode_id", "indikator_id", "nilai_angka"))
    again = reloaded(day)
    assert again == first
    assert (
        sorted(Realisasi.objects.values_list("skp_id", "periode_id", "indikator_id", "nilai_angka")) == values
    )
    reloaded(day, seed=7)
    assert (
        sorted(Realisasi.objects.values_list("skp_id", "periode_id", "indikator_id", "nilai_angka")) != values
    )


def test_the_demo_command_reports_the_monitoring_counts(monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from kinerja.portal.management.commands import demo as command

    counts = AuditEvent.objects.get(action="demo.load").changes["counts"][1]
    monkeypatch.setattr(command, "load_demo", lambda **options: counts)
    monkeypatch.setattr(command.Instansi.objects, "exists", lambda: False)
    out = StringIO()

    call_command("demo", stdout=out)

    text = out.getvalue()
    assert f"Pemantauan: {counts['realisasi']} realisasi, {counts['bukti_dukung']} bukti dukung" in text
    assert f"{counts['dialog']} dialog kinerja, {counts['pembukaan']} periode dibuka kembali." in text


def test_a_demo_value_is_a_statement_for_a_qualitative_indikator_and_near_the_target_otherwise():
    import random

    rng = random.Random(1)
    kualitatif = {"jenis_target": "kualitatif", "target_angka": None, "target_teks": "Dokumen tersusun"}
    angka, teks = demo_words.value_for(kualitatif, 1, 4, rng, False)
    assert angka is None and teks in demo_words.PERNYATAAN
    count = {"jenis_target": "angka", "target_angka": "12.00", "satuan": "laporan", "arah": "naik"}
    assert [demo_words.share(Decimal(12), n, 4) for n in (1, 2, 3, 4)] == [3, 3, 3, 3]
    assert sum(demo_words.share(Decimal(2), n, 4) for n in (1, 2, 3, 4)) == 2
    on_track = [demo_words.value_for(count, 2, 4, rng, False)[0] for _ in range(20)]
    assert all(3 <= v <= 4 for v in on_track)
    behind = [demo_words.value_for(count, 2, 4, rng, True)[0] for _ in range(20)]
    assert all(v < 3 for v in behind)
    days = {"jenis_target": "angka", "target_angka": "3.00", "satuan": "hari", "arah": "turun"}
    slow = [demo_words.value_for(days, 1, 4, rng, True)[0] for _ in range(20)]
    assert all(v > 3 for v in slow)  # behind on "lower is better" takes longer
    percent = {"jenis_target": "angka", "target_angka": "100.00", "satuan": "%", "arah": "naik"}
    assert all(demo_words.value_for(percent, 1, 4, rng, False)[0] <= 100 for _ in range(20))
