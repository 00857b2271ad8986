"""The rencana aksi screens as their users use them: the form shows what the pegawai plans for, keeps what was
typed when refused, and the partial offers the right link to the right person."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from kinerja.core.testing.clock import on_day
from kinerja.core.testing.helpers import count_queries
from kinerja.monitoring import selectors, services
from kinerja.monitoring.models import RencanaAksi
from kinerja.monitoring.tests.factories import MID_MAY, periode, rhk_ids
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db
YEAR = named.YEAR


def edit_url(skp, nomor, rhk_id):
    return reverse("monitoring:rencana_aksi_edit", args=[skp.pk, nomor, rhk_id])


@on_day(MID_MAY)
def test_the_form_shows_the_rhk_its_indikator_and_the_period_then_saves(cast):
    skp = named.current_skp(cast.atasan)
    rhk = selectors.plan_for(skp, periode(skp, 2)).rhk()[0]
    client = cast.client("atasan")
    page = client.get(edit_url(skp, 2, rhk["id"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert rhk["uraian"] in html and "Triwulan II" in html
    for indikator in rhk["indikator"]:
        assert indikator["uraian"] in html
    done = client.post(edit_url(skp, 2, rhk["id"]), {"uraian": "Rapat koordinasi bulanan."})
    assert done.status_code == 302 and done["Location"] == f"/pemantauan/skp/{skp.pk}/?periode=2"
    saved = RencanaAksi.objects.get(skp=skp, periode__nomor=2, rhk_id=rhk["id"])
    assert saved.uraian == "Rapat koordinasi bulanan."
    again = client.get(edit_url(skp, 2, rhk["id"])).content.decode()
    assert "Rapat koordinasi bulanan." in again and 'name="kunci" value="0"' in again


@on_day(MID_MAY)
def test_a_closed_period_says_so_and_a_refused_save_keeps_the_text(cast):
    skp = named.current_skp(cast.atasan)
    rhk_id = rhk_ids(skp, 1)[0]
    client = cast.client("atasan")
    page = client.get(edit_url(skp, 1, rhk_id))
    assert 'data-testid="rencana-closed"' in page.content.decode()
    refused = client.post(edit_url(skp, 1, rhk_id), {"uraian": "Teks yang diketik."})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Teks yang diketik." in html and "alert-danger" in html
    assert not RencanaAksi.objects.filter(skp=skp).exists()


@on_day(MID_MAY)
def test_an_unknown_period_or_rhk_is_not_found(cast):
    skp = named.current_skp(cast.atasan)
    client = cast.client("atasan")
    assert client.get(edit_url(skp, 9, rhk_ids(skp, 2)[0])).status_code == 404
    assert client.get(edit_url(skp, 2, 999_999)).status_code == 404


def _partial(user, skp, nomor, rencana):
    request = RequestFactory().get("/")
    request.user = user
    plan = selectors.plan_for(skp, periode(skp, nomor))
    context = {
        "skp": skp,
        "periode": plan.periode,
        "rhk": plan.rhk()[0],
        "rencana": rencana,
        "request": request,
    }
    return render_to_string("monitoring/_rencana_aksi.html", context, request=request)


@on_day(MID_MAY)
def test_the_partial_offers_writing_to_the_pegawai_and_commenting_to_the_penilai(cast):
    skp = selectors.team_status(cast.atasan).rows[0].skp
    owner = named.user(skp.pegawai.nip)
    rhk_id = rhk_ids(skp, 2)[0]
    assert "rencana-aksi-edit" in _partial(owner, skp, 2, None)
    assert "rencana-aksi-edit" not in _partial(owner, skp, 1, None)  # closed
    rencana = services.rencana_aksi_save(
        actor=owner, skp=skp, periode=periode(skp, 2), rhk_id=rhk_id, uraian="Penyuluhan di posyandu."
    )
    mine = _partial(owner, skp, 2, rencana)
    assert "Penyuluhan di posyandu." in mine and "rencana-aksi-comment" not in mine
    theirs = _partial(cast.atasan, skp, 2, rencana)
    assert "rencana-aksi-comment" in theirs and "rencana-aksi-edit" not in theirs
    assert "rencana-aksi-comment" not in _partial(cast.kepala_dinas, skp, 2, rencana)
    services.rencana_aksi_comment(actor=cast.atasan, rencana=rencana, komentar="Libatkan kader.")
    rencana.refresh_from_db()
    assert "Libatkan kader." in _partial(owner, skp, 2, rencana)


@on_day(MID_MAY)
def test_the_penilai_comments_through_the_form(cast):
    skp = selectors.team_status(cast.atasan).rows[0].skp
    rencana = services.rencana_aksi_save(
        actor=named.user(skp.pegawai.nip),
        skp=skp,
        periode=periode(skp, 2),
        rhk_id=rhk_ids(skp, 2)[0],
        uraian="Penyuluhan di posyandu.",
    )
    url = reverse("monitoring:rencana_aksi_comment", args=[rencana.pk])
    client = cast.client("atasan")
    assert "Penyuluhan di posyandu." in client.get(url).content.decode()
    assert client.post(url, {"komentar": ""}).status_code == 200
    done = client.post(url, {"komentar": "Bagus."})
    assert done.status_code == 302 and done["Location"] == f"/pemantauan/skp/{skp.pk}/?periode=2"
    rencana.refresh_from_db()
    assert rencana.komentar_penilai == "Bagus."


@on_day(MID_MAY)
def test_the_partial_costs_no_query_more_per_rhk(cast):
    """The realisasi page includes the partial once per RHK: what it may offer is worked out once per request."""
    skp = named.current_skp(cast.atasan)
    plan = selectors.plan_for(skp, periode(skp, 2))
    request = RequestFactory().get("/")
    request.user = cast.atasan

    def render(rhk):
        context = {"skp": skp, "periode": plan.periode, "rhk": rhk, "rencana": None, "request": request}
        return render_to_string("monitoring/_rencana_aksi.html", context, request=request)

    first, html = count_queries(lambda: render(plan.rhk()[0]))
    assert "rencana-aksi-edit" in html
    more, _ = count_queries(lambda: [render(r) for r in plan.rhk() * 10])
    assert first > 0 and more == 0
