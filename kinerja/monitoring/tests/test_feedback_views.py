"""The feedback thread as its users meet it: posting with htmx and without JavaScript, a refused message keeping
what was typed, the thread escaped, the queue of the penilai in a fixed number of queries, the home card."""

import pytest
from django.urls import reverse

from kinerja.core.testing.helpers import count_queries
from kinerja.monitoring import services
from kinerja.monitoring.models import UmpanBalik
from kinerja.monitoring.services.umpan_balik import MAX_ISI
from kinerja.monitoring.tests.routes_dialog import approved_skp, current_periode, periode, realisasi

pytestmark = pytest.mark.django_db


@pytest.fixture
def skp(cast):
    return approved_skp(cast.pegawai, cast.atasan)


@pytest.fixture
def found(cast, skp):
    return realisasi(skp, current_periode(skp), by=cast.pegawai)


def add_url(found):
    return reverse("monitoring:feedback_add", args=[found.pk])


def test_htmx_post_swaps_the_thread_with_the_new_message_escaped(cast, found):
    client = cast.client("atasan")
    page = client.post(
        add_url(found), {"isi": "<b>Bagus</b>\nbaris dua", "next": "/"}, HTTP_HX_REQUEST="true"
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert html.lstrip().startswith(
        f'<section id="umpan-balik-{found.pk}"'
    )  # the thread only, no page around it
    assert "&lt;b&gt;Bagus&lt;/b&gt;<br>baris dua" in html
    assert ">Pejabat penilai</span>" in html  # the role badge
    assert UmpanBalik.objects.filter(realisasi=found).count() == 1


def test_without_javascript_the_post_goes_back_to_next(cast, found):
    client = cast.client("atasan")
    page = client.post(add_url(found), {"isi": "Bagus", "next": "/pemantauan/umpan-balik/"})
    assert page.status_code == 302
    assert page.url == f"/pemantauan/umpan-balik/#umpan-balik-{found.pk}"


def test_a_next_elsewhere_is_not_followed(cast, found):
    page = cast.client("atasan").post(add_url(found), {"isi": "Bagus", "next": "https://evil.example/"})
    assert page.url.startswith(f"/pemantauan/realisasi/{found.pk}/")


def test_a_refused_message_keeps_what_was_typed(cast, found):
    text = "y" * (MAX_ISI + 1)
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        page = cast.client("atasan").post(add_url(found), {"isi": text}, **headers)
        assert page.status_code == 200
        html = page.content.decode()
        assert text in html
        assert "Pesan terlalu panjang" in html
    assert not UmpanBalik.objects.filter(realisasi=found).exists()


def test_the_reply_form_appears_once_the_penilai_commented(cast, found, rf):
    from django.template.loader import render_to_string

    from kinerja.monitoring import selectors

    def form_for(user):
        request = rf.get("/")
        request.user = user
        context = {"realisasi": found, "thread": selectors.feedback.thread(found)}
        return render_to_string("monitoring/_thread.html", context, request=request)

    assert 'name="isi"' not in form_for(cast.pegawai)
    assert 'name="isi"' in form_for(cast.atasan)
    assert 'name="isi"' not in form_for(cast.kepala_dinas)
    services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="Komentar")
    assert "Kirim tanggapan" in form_for(cast.pegawai)


def _fill(skp, pegawai_user):
    """One realisasi of the SKP's indikator in each period."""
    for nomor in (1, 2, 3, 4):
        realisasi(skp, periode(skp, nomor), str(nomor), by=pegawai_user)


def test_the_queue_runs_a_fixed_number_of_queries(cast, skp):
    client = cast.client("atasan")
    url = reverse("monitoring:feedback_queue")
    before = client.get(url).context["total"]  # the demo's own rows waiting for the atasan
    _fill(skp, cast.pegawai)
    few, page = count_queries(client, url)
    assert page.context["total"] == before + 4
    # more rows in the same periods (indikator ids the version does not have: the queue still lists them)
    _fill_more = [
        realisasi(skp, periode(skp, nomor), "7", by=cast.pegawai, ind=8000 + n)
        for nomor in (1, 2, 3, 4)
        for n in range(10)
    ]
    many, page = count_queries(client, url)
    assert page.context["total"] == before + 4 + len(_fill_more)
    assert many == few
    assert "Jumlah laporan imunisasi yang disampaikan" in page.content.decode()


def test_the_queue_of_someone_who_assesses_no_one_is_empty(cast):
    page = cast.client("pegawai").get(reverse("monitoring:feedback_queue"))
    assert 'data-testid="queue-empty"' in page.content.decode()


def test_the_home_card_counts_what_waits_for_the_penilai_and_what_waits_for_a_reply(cast, found):
    from kinerja.monitoring import selectors

    home = cast.client("atasan").get(reverse("portal:home")).content.decode()
    count = selectors.feedback.waiting_count(cast.atasan)
    assert 'data-testid="card-feedback"' in home and f"{count} realisasi menunggu umpan balik Anda." in home
    assert (
        'data-testid="card-feedback"'
        not in cast.client("pegawai").get(reverse("portal:home")).content.decode()
    )
    services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="Komentar")
    home = cast.client("pegawai").get(reverse("portal:home")).content.decode()
    assert "Pejabat penilai memberi umpan balik atas 1 realisasi" in home


def test_a_page_with_many_threads_asks_for_the_penilai_once_per_period(cast, skp, rf):
    """The realisasi page includes the partial once per indikator: its cost must not grow with them."""
    from django.template import Context, Template

    from kinerja.monitoring import selectors

    per = current_periode(skp)
    rows = [realisasi(skp, per, "1", by=cast.pegawai)] + [
        realisasi(skp, per, "1", by=cast.pegawai, ind=7000 + n) for n in range(6)
    ]
    threads = selectors.feedback.threads([r.pk for r in rows])
    page = Template(
        "{% for r, t in items %}{% include 'monitoring/_thread.html' with realisasi=r thread=t %}{% endfor %}"
    )

    def render(n):
        request = rf.get("/")
        request.user = cast.atasan
        items = [(r, threads[r.pk]) for r in rows[:n]]
        return count_queries(lambda: page.render(Context({"items": items, "request": request})))

    (one, _first), (seven, html_seven) = render(1), render(7)
    assert html_seven.count('name="isi"') == 7
    assert seven == one


def test_the_home_page_of_a_penilai_does_not_grow_with_the_realisations_waiting(cast, skp):
    from kinerja.monitoring import selectors

    client = cast.client("atasan")
    _fill(skp, cast.pegawai)
    few, _page = count_queries(client, reverse("portal:home"))
    for nomor in (1, 2, 3, 4):
        for n in range(5):
            realisasi(skp, periode(skp, nomor), "2", by=cast.pegawai, ind=6000 + n)
    many, page = count_queries(client, reverse("portal:home"))
    count = selectors.feedback.waiting_count(cast.atasan)
    assert f"{count} realisasi menunggu umpan balik Anda." in page.content.decode()
    assert many == few
