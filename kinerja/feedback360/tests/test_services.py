"""360 services: a round over a unit, forms saved and submitted once, the anonymity of peers in every report,
nominations refused with everything at once, and the competency profile."""

from contextlib import contextmanager

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.accounts.models import User
from kinerja.core import clock
from kinerja.core.errors import ApplicationError, ConflictError
from kinerja.core.models import AuditEvent
from kinerja.feedback360 import selectors, services
from kinerja.feedback360.models import Formulir, Jawaban, Kelompok, Peserta, ProfilKompetensi

pytestmark = pytest.mark.django_db


def _state():
    return (
        list(Formulir.objects.order_by("pk").values()),
        sorted(map(str, Jawaban.objects.values_list("nilai", "komentar"))),
        list(Peserta.objects.order_by("pk").values()),
        list(ProfilKompetensi.objects.order_by("pk").values()),
    )


@contextmanager
def refused(error):
    """The block is refused with `error` and writes nothing."""
    before = _state()
    with pytest.raises(error) as found:
        yield found
    assert _state() == before


def _user(pegawai_id) -> User:
    return User.objects.get(pegawai_id=pegawai_id)


def _answers(formulir, level=4) -> dict:
    return {i.key: level for i in selectors.items_of(formulir.peserta)}


def _submit(formulir, level=4, komentar="") -> None:
    services.formulir_simpan(
        actor=_user(formulir.pengisi_id),
        formulir=formulir,
        nilai=_answers(formulir, level),
        komentar=komentar,
        kirim=True,
    )


@pytest.fixture
def round_(cast):
    unit = cast.pegawai.pegawai.penugasan.first().jabatan.unit
    today = clock.today(cast.instansi())
    ronde = services.ronde_buka(
        actor=cast.admin_bkpsdm, instansi=cast.instansi(), nama="Ronde uji", tanggal_tutup=today, unit=unit
    )
    return ronde


@pytest.fixture
def peserta(round_, cast):
    return Peserta.objects.get(ronde=round_, pegawai=cast.pegawai.pegawai)


def _peers(peserta):
    return list(Formulir.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN).order_by("pk"))


def test_a_round_asks_each_participant_self_their_penilai_and_suggested_peers_never_themselves(round_, cast):
    everyone = list(Peserta.objects.filter(ronde=round_))
    assert cast.pegawai.pegawai_id in {p.pegawai_id for p in everyone}
    for p in everyone:
        forms = list(Formulir.objects.filter(peserta=p))
        assert [f.pengisi_id for f in forms if f.kelompok == Kelompok.DIRI] == [p.pegawai_id]
        assert all(f.pengisi_id != p.pegawai_id for f in forms if f.kelompok != Kelompok.DIRI)
        assert len({f.pengisi_id for f in forms}) == len(forms)
    mine = Peserta.objects.get(ronde=round_, pegawai=cast.pegawai.pegawai)
    assert mine.penilai_id == cast.atasan.pegawai_id
    assert Formulir.objects.filter(
        peserta=mine, kelompok=Kelompok.PENILAI, pengisi=cast.atasan.pegawai
    ).exists()


def test_only_the_bkpsdm_opens_a_round(cast):
    with refused(PermissionDenied):
        services.ronde_buka(
            actor=cast.atasan, instansi=cast.instansi(), nama="x", tanggal_tutup=clock.today(cast.instansi())
        )


def _report_with_peers(peserta, n):
    for f in _peers(peserta)[:n]:
        _submit(f, level=2, komentar=f"Komentar rekan {f.pengisi_id}")
    ronde = services.ronde_tutup(actor=User.objects.get(username="admin.bkpsdm"), ronde=peserta.ronde)
    return selectors.report_of(Peserta.objects.select_related("ronde").get(pk=peserta.pk)), ronde


def test_with_one_peer_answer_less_than_the_threshold_nothing_of_the_peers_is_shown(peserta):
    threshold = peserta.ronde.ambang
    assert len(_peers(peserta)) >= threshold
    report, _ = _report_with_peers(peserta, threshold - 1)
    assert report.answered["rekan"] == threshold - 1
    assert all(row.rekan is None for row in report.rows)
    assert report.comments["rekan"] == []
    assert all(row.lain is None for row in report.rows)  # nobody else answered that may be shown


def test_at_the_threshold_only_the_aggregate_of_the_peers_is_shown(peserta):
    threshold = peserta.ronde.ambang
    report, _ = _report_with_peers(peserta, threshold)
    assert all(row.rekan is not None and row.rekan.count == threshold for row in report.rows)
    assert all(str(row.rekan.mean) == "2.0" for row in report.rows)
    assert len(report.comments["rekan"]) == threshold


def test_the_report_page_names_no_peer_and_shows_comments_only_at_the_threshold(peserta, cast):
    threshold = peserta.ronde.ambang
    peers = _peers(peserta)
    _report_with_peers(peserta, threshold)
    client = cast.client("pegawai")
    page = client.get(f"/360/peserta/{peserta.pk}/").content.decode()
    api = client.get(f"/api/v1/360/peserta/{peserta.pk}/laporan").content.decode()
    for f in peers[:threshold]:
        assert f"Komentar rekan {f.pengisi_id}" in page
    for f in peers:
        for text in (page, api):
            assert f.pengisi.nama not in text and f.pengisi.nip not in text


def test_a_submitted_form_keeps_no_answer_and_its_audit_event_no_level(peserta, cast):
    peer = _peers(peserta)[0]
    _submit(peer, level=5, komentar="Sangat membantu")
    peer.refresh_from_db()
    assert peer.selesai and peer.draf == {}
    event = AuditEvent.objects.filter(action="feedback360.formulir.kirim").latest("seq")
    assert event.changes == {} and "Sangat membantu" not in str(event.display)
    assert not hasattr(Jawaban, "pengisi") and Jawaban.objects.filter(peserta=peserta).count() == 1


def test_a_form_is_submitted_once_only_by_its_rater_and_only_whole(peserta, cast):
    own = Formulir.objects.get(peserta=peserta, kelompok=Kelompok.DIRI)
    with refused(PermissionDenied):
        services.formulir_simpan(actor=cast.atasan, formulir=own, nilai=_answers(own), kirim=True)
    with refused(ApplicationError):  # a question left open
        answers = _answers(own)
        answers.popitem()
        services.formulir_simpan(actor=cast.pegawai, formulir=own, nilai=answers, kirim=True)
    for level in (0, 6, "7", 2.5):
        with refused(ApplicationError):
            services.formulir_simpan(
                actor=cast.pegawai, formulir=own, nilai={**_answers(own), next(iter(_answers(own))): level}
            )
    services.formulir_simpan(
        actor=cast.pegawai, formulir=own, nilai={**_answers(own), next(iter(_answers(own))): "x"}, kirim=True
    )
    with refused(ConflictError):
        services.formulir_simpan(actor=cast.pegawai, formulir=own, nilai=_answers(own), kirim=True)
    assert Jawaban.objects.filter(peserta=peserta, kelompok=Kelompok.DIRI).count() == 1


def test_after_the_round_closes_nothing_can_be_answered(peserta, cast):
    own = Formulir.objects.get(peserta=peserta, kelompok=Kelompok.DIRI)
    services.ronde_tutup(actor=cast.admin_bkpsdm, ronde=peserta.ronde)
    with refused(ApplicationError):
        services.formulir_simpan(actor=cast.pegawai, formulir=own, nilai=_answers(own), kirim=True)


def test_a_nomination_of_oneself_an_outsider_or_too_many_peers_is_refused_whole(peserta, cast):
    with refused(ApplicationError) as error:
        services.rekan_ajukan(
            actor=cast.pegawai,
            peserta=peserta,
            rekan=[cast.pegawai.pegawai_id],
            nip_lain=["000000000000000000"],
        )
    messages = " ".join(error.value.messages)
    assert "diri sendiri" in messages and "000000000000000000" in messages
    many = list(
        Peserta.objects.filter(ronde__instansi=peserta.ronde.instansi)
        .exclude(pegawai_id__in=Formulir.objects.filter(peserta=peserta).values("pengisi_id"))
        .exclude(pegawai=peserta.pegawai)
        .values_list("pegawai_id", flat=True)[: peserta.ronde.rekan_maks + 1]
    )
    with refused(ApplicationError):
        services.rekan_ajukan(actor=cast.pegawai, peserta=peserta, rekan=many)
    with refused(ApplicationError):  # the penilai already answers in their own group
        services.rekan_ajukan(actor=cast.pegawai, peserta=peserta, rekan=[*many[:2], cast.atasan.pegawai_id])


def test_nominated_peers_wait_for_the_penilai_who_approves_them(peserta, cast):
    peers = [f.pengisi_id for f in _peers(peserta)][:2]
    services.rekan_ajukan(actor=cast.pegawai, peserta=peserta, rekan=peers)
    assert not Formulir.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN, aktif=True).exists()
    with refused(PermissionDenied):
        services.rekan_setujui(actor=cast.pegawai, peserta=peserta)
    services.rekan_setujui(actor=cast.atasan, peserta=peserta)
    active = Formulir.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN, aktif=True)
    assert sorted(active.values_list("pengisi_id", flat=True)) == sorted(peers)


def test_once_a_peer_answered_no_peer_is_removed_so_a_refusal_never_tells_who_answered(peserta, cast):
    peers = _peers(peserta)
    assert len(peers) >= 2
    _submit(peers[0])
    ids = [f.pengisi_id for f in peers]
    messages = []
    for removed in ids:  # removing the one who answered and one who did not: the same refusal
        with refused(ConflictError) as error:
            services.rekan_setujui(actor=cast.atasan, peserta=peserta, rekan=[i for i in ids if i != removed])
        messages.append(error.value.messages)
    assert messages[0] == messages[1]
    others = Peserta.objects.filter(ronde=peserta.ronde).exclude(pegawai_id__in=[*ids, peserta.pegawai_id])
    added = others.exclude(
        pegawai_id__in=Formulir.objects.filter(peserta=peserta).values("pengisi_id")
    ).first()
    if len(ids) < peserta.ronde.rekan_maks and added is not None:  # adding a peer stays possible
        services.rekan_setujui(actor=cast.atasan, peserta=peserta, rekan=[*ids, added.pegawai_id])
        assert len(_peers(peserta)) == len(ids) + 1


def test_the_penilai_sets_the_competency_profile_with_its_gap(cast):
    pegawai = cast.pegawai.pegawai
    year = clock.today(cast.instansi()).year
    kerangka = cast.framework()
    standar = list(kerangka.standar_kompetensi.filter(jabatan=pegawai.penugasan.first().jabatan))
    assert standar
    with refused(PermissionDenied):
        services.profil_simpan(
            actor=cast.pegawai, pegawai=pegawai, tahun=year, levels={standar[0].kompetensi_id: 5}
        )
    with refused(ApplicationError):
        services.profil_simpan(
            actor=cast.atasan, pegawai=pegawai, tahun=year, levels={standar[0].kompetensi_id: 9}
        )
    services.profil_simpan(
        actor=cast.atasan, pegawai=pegawai, tahun=year, levels={s.kompetensi_id: 1 for s in standar}
    )
    rows = ProfilKompetensi.objects.filter(pegawai=pegawai, tahun=year)
    assert rows.count() == len(standar)
    assert all(r.gap == max(r.level_standar - 1, 0) for r in rows)
