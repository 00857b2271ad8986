"""The evaluation screens as the penilai and the pegawai use them: the draft saved from the page, a refused
finalisation that keeps what was typed and writes nothing, the same form sent twice saved once, the result with
its buttons; and query counts that do not grow with the size of an SKP or of a line of command."""

import copy
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kinerja.core import clock, verification
from kinerja.core.models import AuditEvent, DokumenResmi
from kinerja.core.testing.helpers import count_queries
from kinerja.evaluation import selectors, services
from kinerja.evaluation.models import Evaluasi, StatusEvaluasi
from kinerja.evaluation.tests.kit import World, everything
from kinerja.monitoring.models import Realisasi
from kinerja.org import demo
from kinerja.planning.models import SKP, VersiSKP
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db


def form_data(w: World, **extra) -> dict:
    values = everything(w.skp, w.periode)
    data = {f"rhk_{k}": v for k, v in values["rating_rhk"].items()}
    data.update({f"nilai_{k}": v for k, v in values["rating_nilai"].items()})
    data.update(rating_hasil_kerja=values["rating_hasil_kerja"], rating_perilaku="sesuai")
    data.update(extra)
    return data


def pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))


def token(response) -> str:
    return re.search(r'name="sekali" value="([^"]+)"', response.content.decode()).group(1)


def url(w: World) -> str:
    return reverse("evaluation:periodik", args=[w.skp.pk, w.periode.nomor])


def test_the_penilai_saves_a_draft_then_finalises_from_the_same_page(cast):
    w = World(cast)
    client = cast.client("atasan")
    page = client.get(url(w))
    assert page.status_code == 200 and w.skp.pegawai.nama_lengkap in page.content.decode()
    saved = client.post(
        url(w), {**form_data(w, catatan="Setengah jalan"), "aksi": "simpan", "sekali": token(page)}
    )
    assert saved.status_code == 302 and saved.url == url(w)
    e = Evaluasi.objects.get(skp=w.skp, periode=w.periode)
    assert e.status == StatusEvaluasi.DRAF and e.catatan == "Setengah jalan"
    page = client.get(url(w))
    done = client.post(url(w), {**form_data(w), "kunci": e.kunci, "aksi": "finalkan", "sekali": token(page)})
    assert done.status_code == 302 and done.url == reverse("evaluation:detail", args=[e.pk])
    assert Evaluasi.objects.get(pk=e.pk).status == StatusEvaluasi.FINAL
    # the page of a finalised evaluation is its result now
    assert client.get(url(w)).url == reverse("evaluation:detail", args=[e.pk])


def test_a_refused_finalisation_keeps_what_was_typed_and_writes_nothing(cast):
    w = World(cast)
    client = cast.client("atasan")
    data = form_data(w, catatan="Catatan yang panjang dan berharga")
    first_value = next(k for k in data if k.startswith("nilai_"))
    del data[first_value]
    events = AuditEvent.objects.count()
    response = client.post(url(w), {**data, "aksi": "finalkan", "sekali": token(client.get(url(w)))})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Beri rating setiap nilai perilaku" in body
    assert "Catatan yang panjang dan berharga" in body
    assert not Evaluasi.objects.filter(skp=w.skp).exists() and AuditEvent.objects.count() == events


def test_the_same_form_sent_twice_is_saved_once(cast):
    w = World(cast)
    client = cast.client("atasan")
    sent = {**form_data(w), "aksi": "simpan", "sekali": token(client.get(url(w)))}
    client.post(url(w), sent)
    events = AuditEvent.objects.count()
    again = client.post(url(w), sent)
    assert again.status_code == 302
    assert Evaluasi.objects.filter(skp=w.skp).count() == 1 and AuditEvent.objects.count() == events


def test_the_pegawai_sees_the_final_result_with_its_buttons_and_the_pdf(cast):
    w = World(cast)
    e = w.final()
    client = cast.client(None)
    client.force_login(w.pegawai)
    page = client.get(reverse("evaluation:detail", args=[e.pk]))
    body = page.content.decode()
    assert 'data-testid="evaluasi-terima"' in body and 'data-testid="evaluasi-ajukan-keberatan"' in body
    pdf = client.get(reverse("evaluation:pdf", args=[e.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    profile = client.get(reverse("org:pegawai_detail", args=[w.skp.pegawai_id]))
    assert 'data-testid="pegawai-predikat"' in profile.content.decode()


def test_the_evaluation_page_costs_the_same_queries_when_the_skp_doubles(cast):
    w = World(cast)

    def page_of_skp():
        skp = SKP.objects.select_related("instansi", "jabatan__unit").get(pk=w.skp.pk)
        return selectors.evaluation_page(skp, w.periode, None)

    before, _page = count_queries(page_of_skp)
    versi = VersiSKP.objects.filter(skp=w.skp).latest("nomor")
    extra = copy.deepcopy(versi.konten["rhk"])
    for rhk in extra:
        rhk["id"] += 100_000
        for indikator in rhk["indikator"]:
            indikator["id"] += 100_000
            Realisasi.objects.create(
                skp=w.skp,
                periode=w.periode,
                indikator_id=indikator["id"],
                versi_skp=versi.nomor,
                nilai_angka=Decimal(5),
                capaian=Decimal(95),
            )
    versi.konten["rhk"] += extra
    versi.save(update_fields=["konten"])
    after, page = count_queries(page_of_skp)
    assert len(page.rhk) == 2 * len(_page.rhk)
    assert after == before


def test_the_queue_costs_the_same_queries_for_a_small_and_a_large_team(cast):
    kabid = named.person(demo.NIP_KABID_KESMAS)
    kepala = named.person(demo.NIP_KEPALA_DINKES)
    today = clock.today(kabid.instansi)
    n_kabid, small = count_queries(lambda: selectors.queue_of(kabid, today))
    n_kepala, large = count_queries(lambda: selectors.queue_of(kepala, today))
    assert len(large) != len(small)
    assert n_kabid == n_kepala


def test_the_queue_names_each_item_s_deadline_and_what_is_late(cast):
    w = World(cast)
    atasan = w.penilai.pegawai
    items = selectors.queue_of(atasan, clock.today(atasan.instansi))
    mine = next(i for i in items if i.skp.pk == w.skp.pk and i.periode == w.periode)
    assert mine.tenggat == w.periode.selesai + datetime.timedelta(days=20)  # the default framework's days
    assert mine.late == (clock.today(atasan.instansi) > mine.tenggat)
    page = cast.client("atasan").get(reverse("evaluation:index")).content.decode()
    assert ("antrian-terlambat" in page) == any(i.late for i in items)


def test_the_queue_page_leaves_out_what_was_finished_in_an_earlier_year(cast):
    today = clock.today(named.instansi())
    response = cast.client("kepala_dinas").get(reverse("evaluation:index"))
    kepala = named.person(demo.NIP_KEPALA_DINKES)
    everything_queued = selectors.queue_of(kepala, today)
    assert any(i.done and i.tahun < today.year for i in everything_queued)  # the demo's last year
    shown = response.context["items"]
    assert shown and all(not i.done or i.tahun == today.year for i in shown)


def test_the_dokumen_evaluasi_is_verifiable_and_a_decided_objection_makes_a_new_version(cast):
    w = World(cast)
    e = w.final(rating_hasil_kerja="sesuai", alasan_hasil_kerja="Sesuai bukti dukung")
    client = cast.client("atasan")
    first = client.get(reverse("evaluation:pdf", args=[e.pk]))
    again = client.get(reverse("evaluation:pdf", args=[e.pk]))
    issued = DokumenResmi.objects.get(jenis="evaluation.evaluasi", subjek=str(e.pk))
    assert first.status_code == again.status_code == 200 and issued.versi == 1
    assert verification.verify(issued.nomor, verification.code_of(issued)).cocok
    text = pdf_text(first.content)
    assert issued.nomor in text and "Kode verifikasi" in text
    services.evaluasi_keberatan(actor=w.pegawai, evaluasi=e, reason="Mohon ditinjau kembali.")
    e = services.evaluasi_putus(
        actor=w.kabid,
        evaluasi=e,
        reason="Bukti memadai.",
        rating_hasil_kerja="di_atas",
        rating_perilaku="di_atas",
    )
    assert client.get(reverse("evaluation:pdf", args=[e.pk])).status_code == 200
    verdict = verification.verify(issued.nomor, verification.code_of(issued))
    assert verdict.cocok and verdict.versi_berlaku == 2  # the first print is told a newer result is in force
