"""Dialog kinerja on its screens: recording one with its actions (every error at once, what was typed kept), the
other party confirming, an action marked done, the list in a fixed number of queries, the home card."""

import datetime

import pytest
from django.urls import reverse

from kinerja.core import clock
from kinerja.core.testing.helpers import count_queries
from kinerja.monitoring.models import DialogKinerja, TindakLanjut
from kinerja.monitoring.tests.routes_dialog import approved_skp, dialog

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def skp(cast):
    return approved_skp(cast.pegawai, cast.atasan)


@pytest.fixture
def today(skp):
    return clock.today(skp.instansi)


def form(today, **values):
    data = {
        "jenis": "coaching",
        "tanggal": today.isoformat(),
        "topik": "Ketepatan laporan",
        "catatan": "Laporan bulan lalu terlambat.",
        "tl_1_uraian": "Kirim laporan sebelum tanggal 5",
        "tl_1_pemilik": "pegawai",
        "tl_1_tenggat": (today + 7 * DAY).isoformat(),
        "tl_2_uraian": "Sediakan templat laporan",
        "tl_2_pemilik": "penilai",
        "tl_2_tenggat": (today + 3 * DAY).isoformat(),
    }
    data.update(values)
    return data


def test_the_pegawai_records_the_penilai_confirms_and_an_action_is_done(cast, skp, today):
    pegawai, atasan = cast.client("pegawai"), cast.client("atasan")
    url = reverse("monitoring:dialog_create", args=[skp.pk])
    page = pegawai.get(url)
    assert page.content.decode().count('data-testid="action-row"') == 5
    saved = pegawai.post(url, form(today))
    found = DialogKinerja.objects.get(skp=skp)
    assert saved.url == reverse("monitoring:dialog_detail", args=[found.pk])
    assert list(found.tindak_lanjut.values_list("uraian", flat=True)) == [
        "Sediakan templat laporan",
        "Kirim laporan sebelum tanggal 5",
    ]
    detail = reverse("monitoring:dialog_detail", args=[found.pk])
    assert 'data-testid="confirm"' not in pegawai.get(detail).content.decode()
    listing = atasan.get(reverse("monitoring:dialog_list")).content.decode()
    assert 'data-testid="needs-my-confirmation"' in listing
    assert 'data-testid="confirm"' in atasan.get(detail).content.decode()
    atasan.post(reverse("monitoring:dialog_confirm", args=[found.pk]))
    found.refresh_from_db()
    assert found.dikonfirmasi_penilai_at is not None
    assert "dikonfirmasi kedua pihak" in atasan.get(detail).content.decode()
    action = found.tindak_lanjut.first()
    pegawai.post(reverse("monitoring:action_done", args=[action.pk]))
    action.refresh_from_db()
    assert action.selesai_at is not None


def test_every_error_is_shown_at_once_and_what_was_typed_stays(cast, skp, today):
    url = reverse("monitoring:dialog_create", args=[skp.pk])
    data = form(today, tanggal=(today + DAY).isoformat(), tl_1_tenggat="", topik="Topik yang saya ketik")
    page = cast.client("pegawai").post(url, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tanggal dialog tidak boleh di masa depan." in html
    assert "Tindak lanjut 1: isi tenggatnya." in html
    assert 'value="Topik yang saya ketik"' in html
    assert "Sediakan templat laporan" in html
    assert not DialogKinerja.objects.filter(skp=skp).exists()


def test_a_second_confirmation_is_refused_politely(cast, skp):
    found = dialog(cast, skp)
    client = cast.client("atasan")
    client.post(reverse("monitoring:dialog_confirm", args=[found.pk]))
    again = client.post(reverse("monitoring:dialog_confirm", args=[found.pk]), follow=True)
    assert "Anda sudah mengonfirmasi dialog ini" in again.content.decode()


def test_the_list_starts_a_dialogue_on_a_chosen_skp(cast, skp):
    page = cast.client("atasan").get(reverse("monitoring:dialog_list"))
    assert f'<option value="{skp.pk}">' in page.content.decode()
    chosen = cast.client("atasan").get(reverse("monitoring:dialog_list"), {"skp": skp.pk})
    assert chosen.url == reverse("monitoring:dialog_create", args=[skp.pk])


def test_the_list_runs_a_fixed_number_of_queries_and_marks_overdue_actions(cast, skp, today):
    client = cast.client("pegawai")
    url = reverse("monitoring:dialog_list")
    dialog(cast, skp)
    few, _page = count_queries(client, url)
    for _ in range(8):
        dialog(cast, skp, by="atasan")
    TindakLanjut.objects.filter(dialog__skp=skp).update(tenggat=today - DAY)
    DialogKinerja.objects.filter(skp=skp).update(tanggal=today - 2 * DAY)
    many, page = count_queries(client, url)
    html = page.content.decode()
    assert html.count('data-testid="dialog-row"') == 9
    assert html.count('data-testid="overdue"') == 9
    assert html.count('data-testid="needs-my-confirmation"') == 8
    assert many == few


def test_the_home_card_shows_overdue_actions_and_dialogues_to_confirm(cast, skp, today):
    found = dialog(cast, skp, by="atasan")
    TindakLanjut.objects.filter(dialog=found).update(tenggat=today - DAY)
    DialogKinerja.objects.filter(pk=found.pk).update(tanggal=today - 2 * DAY)
    home = cast.client("pegawai").get(reverse("portal:home")).content.decode()
    assert 'data-testid="card-actions"' in home
    assert "Menunggu konfirmasi Anda:" in home
    assert 'data-testid="card-overdue"' in home
    home = cast.client("atasan").get(reverse("portal:home")).content.decode()
    assert 'data-testid="card-overdue"' in home and "Kirim laporan sebelum tanggal 5" in home
    assert f'href="/pemantauan/dialog/{found.pk}/">Ketepatan' not in home.split("Tindak lanjut yang lewat")[0]
    home = cast.client("kepala_dinas").get(reverse("portal:home")).content.decode()
    assert "Kirim laporan sebelum tanggal 5" not in home
