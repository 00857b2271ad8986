"""The leaders' and administrators' planning screens as users work with them (the Django test client): the inbox
and its bulk approval, the cascade, the list and its Excel, the performance years, and the notifications.

The demo: `atasan` (Kepala Seksi Imunisasi) assesses `pegawai`, who has not started, and an Epidemiolog whose
SKP waits for a decision; the Sekda has no penilai in the system, so the admin BKPSDM decides for the PPK.
"""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import YEAR
from kinerja.core import clock, notifications
from kinerja.core.models import AuditEvent, Notifikasi
from kinerja.core.testing.harness import assert_unchanged
from kinerja.core.testing.helpers import count_queries
from kinerja.org import demo
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai
from kinerja.planning import selectors
from kinerja.planning.models import RHK, SKP, Indikator, Periode, StatusSKP, TahunKinerja
from kinerja.planning.tests.routes_lead import bulk_approve_form
from kinerja.testkit import cast as named
from kinerja.testkit import factories

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def epidemiolog_skp() -> SKP:
    return SKP.objects.get(
        status="diajukan",
        jabatan__nama__startswith="Epidemiolog",
        jabatan__unit__nama__contains="Imunisasi",
    )


def skp_of(user) -> SKP:
    return named.current_skp(user)


def sekda_skp() -> SKP:
    return named.current_skp(demo.NIP_SEKDA)


def section(page: str, testid: str) -> str:
    """The HTML of the element with this data-testid up to the next <section> (enough for these pages)."""
    start = page.index(f'data-testid="{testid}"')
    end = page.find("<section", start)
    return page[start : end if end != -1 else len(page)]


def state(*skps) -> list:
    return [SKP.objects.filter(pk=s.pk).values().first() for s in skps]


def add_people_with_skp(cast, count: int, start: int = 0) -> list[SKP]:
    """New pelaksana below the atasan, each with a submitted SKP whose RHK supports one of the atasan's."""
    admin = cast.admin_bkpsdm
    above = org_selectors.primary_assignment(cast.atasan.pegawai).jabatan
    supported = skp_of(cast.atasan).rhk.filter(jenis="utama").order_by("urutan").first()
    tahun = TahunKinerja.objects.get(instansi=above.instansi, tahun=YEAR)
    created = []
    for n in range(start, start + count):
        jabatan, pegawai = factories.staffed_position(
            admin, above.unit, n, atasan=above, nama=f"Pengelola Data Uji {n}"
        )
        skp = SKP.objects.create(
            instansi=above.instansi,
            tahun_kinerja=tahun,
            pegawai=pegawai,
            jabatan=jabatan,
            mulai=datetime.date(YEAR, 1, 1),
            selesai=datetime.date(YEAR, 12, 31),
            pendekatan="kuantitatif",
            status=StatusSKP.DIAJUKAN,
            penilai=cast.atasan.pegawai,
            identitas_pegawai=selectors.identitas(pegawai, jabatan),
        )
        for k in range(2):
            rhk = RHK.objects.create(
                skp=skp, urutan=k, uraian=f"Hasil kerja uji {n}.{k}", rhk_atasan=supported
            )
            Indikator.objects.create(rhk=rhk, uraian="Jumlah laporan", target_angka=4, satuan="laporan")
        created.append(skp)
    return created


# The inbox --------------------------------------------------------------------------------------------------


def test_atasan_inbox_lists_the_epidemiologs_skp_as_waiting_and_pegawai_as_not_started(cast):
    response = cast.client("atasan").get(reverse("planning:inbox"))

    page = html(response)
    waiting = section(page, "waiting")
    skp = epidemiolog_skp()
    assert f'data-skp="{skp.pk}"' in waiting
    assert skp.identitas_pegawai["nama"] in waiting
    assert f'name="kunci_{skp.pk}" value="{skp.kunci}"' in waiting
    assert skp.rhk.first().uraian in waiting  # reviewed inline
    assert reverse("planning:skp_detail", args=[skp.pk]) in waiting
    assert cast.pegawai.pegawai.nama_lengkap in section(page, "belum-mulai")
    assert cast.pegawai.pegawai.nama_lengkap not in waiting
    assert "Menunggu keputusan saya" in page
    assert "Saya telah memeriksa setiap SKP yang dipilih" in page


def test_inbox_of_another_year_is_empty_and_offers_the_year_choice(cast):
    response = cast.client("atasan").get(reverse("planning:inbox"), {"tahun": YEAR - 1})

    assert response.status_code == 200
    assert response.context["waiting"] == []
    assert f'<option value="{YEAR}"' in html(response)


def test_someone_who_assesses_no_one_is_told_so(cast):
    page = html(cast.client("auditor").get(reverse("planning:inbox")))

    assert "Anda tidak menilai siapa pun" in page


def test_bulk_approve_without_the_confirmation_is_refused_and_changes_nothing(cast):
    skp = epidemiolog_skp()
    client = cast.client("atasan")

    with assert_unchanged(lambda: state(skp)):
        response = client.post(reverse("planning:bulk_approve"), bulk_approve_form(skp, konfirmasi=False))

    assert response.status_code == 200
    page = html(response)
    assert "Pastikan Anda telah memeriksa setiap SKP yang Anda pilih" in page
    assert f'value="{skp.pk}" id="pilih-{skp.pk}" checked' in page  # the choice is kept


def test_bulk_approve_without_a_selection_is_refused(cast):
    with assert_unchanged(lambda: state(epidemiolog_skp())):
        response = cast.client("atasan").post(reverse("planning:bulk_approve"), {"konfirmasi": "on"})

    assert response.status_code == 200
    assert "Pilih sedikitnya satu SKP untuk disetujui." in html(response)


def test_bulk_approve_with_the_confirmation_approves_and_records_the_approval(cast):
    skp = epidemiolog_skp()
    extra = add_people_with_skp(cast, 1)[0]

    client = cast.client("atasan")
    response = client.post(reverse("planning:bulk_approve"), bulk_approve_form(skp, extra))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('planning:inbox')}?tahun={YEAR}"
    for item in (skp, extra):
        item.refresh_from_db()
        assert item.status == StatusSKP.DISETUJUI
        assert item.versi == 1
        assert AuditEvent.objects.filter(
            action="planning.skp.setujui", object_id=str(item.pk), actor=cast.atasan
        ).exists()
    followed = client.get(response["Location"])
    assert "2 SKP telah disetujui." in html(followed)


def test_bulk_approve_with_an_skp_the_user_may_not_decide_approves_none(cast):
    skp = epidemiolog_skp()
    own = skp_of(cast.atasan)

    with assert_unchanged(lambda: state(skp, own)):
        response = cast.client("atasan").post(reverse("planning:bulk_approve"), bulk_approve_form(skp, own))

    assert response.status_code == 403
    assert "Tidak ada yang disetujui" in html(response)
    assert "Anda tidak dapat menyetujui atau mengembalikan SKP Anda sendiri." in html(response)


def test_bulk_approve_of_an_skp_changed_meanwhile_approves_none(cast):
    skp = epidemiolog_skp()
    extra = add_people_with_skp(cast, 1)[0]
    data = bulk_approve_form(skp, extra)
    SKP.objects.filter(pk=extra.pk).update(kunci=extra.kunci + 1)

    with assert_unchanged(lambda: state(skp, extra)):
        response = cast.client("atasan").post(reverse("planning:bulk_approve"), data)

    assert response.status_code == 200
    assert "Tidak ada yang disetujui" in html(response)


def test_bulk_approve_without_the_kunci_of_a_chosen_skp_approves_none(cast):
    # A form that leaves out `kunci_<id>` would approve whatever the SKP has become since the page was shown.
    skp = epidemiolog_skp()
    extra = add_people_with_skp(cast, 1)[0]
    data = bulk_approve_form(skp, extra)
    del data[f"kunci_{extra.pk}"]

    with assert_unchanged(lambda: state(skp, extra)):
        response = cast.client("atasan").post(reverse("planning:bulk_approve"), data)

    assert response.status_code == 200
    assert "Tidak ada yang disetujui" in html(response) and "Muat ulang halaman" in html(response)


def test_bulk_approve_of_an_skp_the_user_cannot_see_is_not_found(cast):
    skp = epidemiolog_skp()

    with assert_unchanged(lambda: state(skp)):
        response = cast.client("pegawai").post(reverse("planning:bulk_approve"), bulk_approve_form(skp))

    assert response.status_code == 404


def test_admin_bkpsdm_decides_on_the_sekdas_skp_on_behalf_of_the_ppk(cast):
    SKP.objects.filter(pk=sekda_skp().pk).update(status=StatusSKP.DIAJUKAN)
    skp = sekda_skp()
    client = cast.client("admin_bkpsdm")

    page = html(client.get(reverse("planning:inbox")))
    assert f'data-skp="{skp.pk}"' in section(page, "waiting-ppk")
    assert 'data-testid="waiting"' not in page  # the admin assesses no one in person

    response = client.post(reverse("planning:bulk_approve"), bulk_approve_form(skp))

    assert response.status_code == 302
    skp.refresh_from_db()
    assert skp.status == StatusSKP.DISETUJUI
    assert skp.versi == 2


# The cascade ------------------------------------------------------------------------------------------------


def test_cascade_of_kepala_dinas_shows_the_rhk_below_with_their_owners_and_flags(cast):
    atasan_skp = skp_of(cast.atasan)
    supporting = atasan_skp.rhk.filter(rhk_atasan__isnull=False).first()
    unsupported = RHK.objects.create(
        skp=atasan_skp,
        urutan=9,
        uraian="Terwujudnya layanan imunisasi keliling",
        rhk_atasan=supporting.rhk_atasan,
    )
    orphan = RHK.objects.create(skp=epidemiolog_skp(), urutan=9, uraian="Terkumpulnya data kasus campak")

    response = cast.client("kepala_dinas").get(reverse("planning:cascade"))

    page = html(response)
    tree = section(page, "cascade-tree")
    assert supporting.uraian in tree
    assert atasan_skp.identitas_pegawai["nama"] in tree
    node = tree[tree.index(f'data-rhk="{unsupported.pk}"') :]
    assert 'data-testid="tidak-didukung"' in node[: node.index("</li>")]
    assert "Tidak didukung" in tree
    yatim = section(page, "yatim")
    assert orphan.uraian in yatim
    assert orphan.uraian not in tree
    summary = response.context["summary"]
    assert summary["yatim"] >= 1 and summary["tidak_didukung"] >= 1
    assert summary["skp"] > 2


def test_cascade_of_another_leader_needs_the_right_to_see_them(cast):
    atasan = cast.atasan.pegawai

    assert cast.client("sekda").get(reverse("planning:cascade"), {"pegawai": atasan.pk}).status_code == 200
    assert cast.client("pegawai").get(reverse("planning:cascade"), {"pegawai": atasan.pk}).status_code == 404
    by_nip = cast.client("admin_bkpsdm").get(reverse("planning:cascade"), {"nip": demo.NIP_KASI_IMUNISASI})
    assert by_nip.context["leader"] == atasan
    hidden = cast.client("admin_pd").get(reverse("planning:cascade"), {"nip": demo.NIP_KASI_IMUNISASI})
    assert hidden.context["leader"] is None
    assert "Tidak ada pegawai yang dapat Anda lihat dengan NIP" in html(hidden)


def test_cascade_of_someone_without_a_position_starts_at_the_highest_leader_they_see(cast):
    admin = cast.client("admin_bkpsdm").get(reverse("planning:cascade"))
    assert admin.context["leader"].nip == demo.NIP_SEKDA

    admin_pd = cast.client("admin_pd").get(reverse("planning:cascade"))
    disdik = named.unit("DISDIK")
    head = org_selectors.primary_assignment(admin_pd.context["leader"]).jabatan
    assert head.unit.path.startswith(disdik.path)


def test_cascade_and_inbox_queries_do_not_grow_with_the_number_of_subordinates(cast):
    add_people_with_skp(cast, 1)
    client_atasan, client_kadis = cast.client("atasan"), cast.client("kepala_dinas")
    inbox_few, _ = count_queries(client_atasan, reverse("planning:inbox"))
    cascade_few, _ = count_queries(client_kadis, reverse("planning:cascade"))

    add_people_with_skp(cast, 5, start=1)
    inbox_many, response = count_queries(client_atasan, reverse("planning:inbox"))
    cascade_many, _ = count_queries(client_kadis, reverse("planning:cascade"))

    assert len(response.context["waiting"]) == 7  # the Epidemiolog and six new people
    assert inbox_many == inbox_few
    assert cascade_many == cascade_few


# The list and its Excel -------------------------------------------------------------------------------------


def test_list_counts_per_status_and_filters_by_unit_and_status(cast):
    client = cast.client("tim_penilai")
    unit = named.unit("DINKES")

    response = client.get(reverse("planning:list"), {"tahun": YEAR, "unit": unit.pk, "status": "diajukan"})

    rows = [row["skp"] for row in response.context["rows"]]
    assert epidemiolog_skp() in rows
    assert {s.status for s in rows} == {"diajukan"}
    assert all(s.jabatan.unit.path.startswith(unit.path) for s in rows)
    counts = {c["status"]: c["n"] for c in response.context["counts"]}
    expected = SKP.objects.filter(tahun_kinerja__tahun=YEAR, jabatan__unit__path__startswith=unit.path)
    assert counts["diajukan"] == expected.filter(status="diajukan").count()
    assert sum(counts.values()) == expected.count()
    assert f"{reverse('planning:export')}?tahun={YEAR}&amp;unit={unit.pk}&amp;status=diajukan" in html(
        response
    )


def test_list_is_refused_to_those_who_do_not_read_across_units(cast):
    assert cast.client("atasan").get(reverse("planning:list")).status_code == 403
    assert cast.client("atasan").get(reverse("planning:export")).status_code == 403


def test_admin_pd_chooses_only_units_of_its_subtree(cast):
    response = cast.client("admin_pd").get(reverse("planning:list"))

    disdik = named.unit("DISDIK")
    assert response.context["form"].units
    assert all(u.path.startswith(disdik.path) for u in response.context["form"].units.values())


def _exported_nips(response) -> list[str]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["SKP"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == selectors.EXPORT_HEADER
    return [str(r[0]) for r in rows[1:]]


def test_export_of_admin_pd_holds_only_the_skp_of_dinas_pendidikan(cast):
    response = cast.client("admin_pd").get(reverse("planning:export"), {"tahun": YEAR})

    nips = set(_exported_nips(response))
    disdik = named.unit("DISDIK")
    in_disdik = set(
        SKP.objects.filter(
            tahun_kinerja__tahun=YEAR, jabatan__unit__path__startswith=disdik.path
        ).values_list("pegawai__nip", flat=True)
    )
    assert nips and nips <= in_disdik
    assert epidemiolog_skp().pegawai.nip not in nips


def test_export_follows_the_filters_of_the_list(cast):
    response = cast.client("admin_bkpsdm").get(
        reverse("planning:export"), {"tahun": YEAR, "status": "diajukan"}
    )

    nips = set(_exported_nips(response))
    assert epidemiolog_skp().pegawai.nip in nips
    assert nips == set(
        SKP.objects.filter(tahun_kinerja__tahun=YEAR, status="diajukan").values_list(
            "pegawai__nip", flat=True
        )
    )


# The BKPSDM's corrections of one SKP ------------------------------------------------------------------------


def test_admin_reassigns_the_penilai_by_nip_and_unknown_nips_are_refused(cast):
    skp = epidemiolog_skp()
    client = cast.client("admin_bkpsdm")
    url = reverse("planning:reassign", args=[skp.pk])

    with assert_unchanged(lambda: state(skp)):
        refused = client.post(url, {"penilai": "1999 0101 2020 01 1 999", "reason": "Salah data"})
    assert "Tidak ada pegawai instansi ini dengan NIP" in html(refused)

    response = client.post(url, {"penilai": demo.NIP_KEPALA_DINKES, "reason": "Salah data"})

    assert response.status_code == 302
    skp.refresh_from_db()
    assert skp.penilai.nip == demo.NIP_KEPALA_DINKES and skp.penilai_ditetapkan


def test_admin_extends_the_deadline_of_one_skp(cast):
    skp = epidemiolog_skp()
    tenggat = min(clock.today(skp.instansi) + datetime.timedelta(days=10), skp.selesai)

    response = cast.client("admin_bkpsdm").post(
        reverse("planning:extend", args=[skp.pk]), {"tenggat": tenggat.isoformat(), "reason": "Cuti sakit"}
    )

    assert response.status_code == 302
    skp.refresh_from_db()
    assert skp.tenggat == tenggat


# Performance years ------------------------------------------------------------------------------------------


def test_years_page_shows_the_periods_and_offers_changes_only_to_the_admin(cast):
    tahun = named.year()
    periode = tahun.periode.order_by("nomor").first()

    admin = html(cast.client("admin_bkpsdm").get(reverse("planning:years")))
    reader = html(cast.client("pegawai").get(reverse("planning:years")))
    outsider = html(cast.client("outsider").get(reverse("planning:years")))

    assert periode.nama in admin and periode.nama in reader
    assert reverse("planning:periode_edit", args=[periode.pk]) in admin
    assert reverse("planning:periode_edit", args=[periode.pk]) not in reader
    assert reverse("planning:year_open") in admin and reverse("planning:year_open") not in reader
    assert f'data-tahun="{YEAR}"' not in outsider


def test_opening_a_year_already_open_is_refused_in_indonesian(cast):
    with assert_unchanged(lambda: list(TahunKinerja.objects.values_list("pk", "tenggat_skp"))):
        response = cast.client("admin_bkpsdm").post(
            reverse("planning:year_open"), {"tahun": YEAR, "hari_tenggat_skp_baru": "30"}
        )

    assert response.status_code == 200
    assert f"Tahun kinerja {YEAR} sudah dibuka." in html(response)


def test_opening_a_year_without_a_published_framework_is_refused_in_indonesian(cast):
    response = cast.client("admin_bkpsdm").post(
        reverse("planning:year_open"), {"tahun": YEAR + 3, "hari_tenggat_skp_baru": "30"}
    )

    assert response.status_code == 200
    assert not TahunKinerja.objects.filter(tahun=YEAR + 3).exists()
    assert f"Belum ada kerangka penilaian yang diterbitkan untuk {YEAR + 3}." in html(response)


def test_year_edit_refuses_a_deadline_outside_the_year_and_a_missing_reason(cast):
    tahun = named.year()
    url = reverse("planning:year_edit", args=[tahun.pk])
    client = cast.client("admin_bkpsdm")

    with assert_unchanged(lambda: TahunKinerja.objects.filter(pk=tahun.pk).values().first()):
        outside = client.post(
            url, {"tenggat_skp": f"{YEAR + 1}-01-31", "hari_tenggat_skp_baru": "30", "reason": "Geser"}
        )
        no_reason = client.post(url, {"tenggat_skp": f"{YEAR}-02-28", "hari_tenggat_skp_baru": "30"})

    assert "Tenggat harus berada dalam tahun kinerja." in html(outside)
    assert no_reason.context["form"].errors["reason"]

    done = client.post(
        url, {"tenggat_skp": f"{YEAR}-02-28", "hari_tenggat_skp_baru": "40", "reason": "Geser"}
    )
    assert done.status_code == 302
    tahun.refresh_from_db()
    assert tahun.tenggat_skp == datetime.date(YEAR, 2, 28) and tahun.hari_tenggat_skp_baru == 40


def test_periode_edit_refuses_a_deadline_before_the_period_ends(cast):
    periode = Periode.objects.filter(tahun_kinerja__tahun=YEAR).order_by("nomor").first()
    url = reverse("planning:periode_edit", args=[periode.pk])

    response = cast.client("admin_bkpsdm").post(
        url, {"tenggat_input": (periode.selesai - datetime.timedelta(days=1)).isoformat(), "reason": "Ubah"}
    )

    assert "Tenggat input tidak boleh sebelum periode berakhir." in html(response)
    assert Periode.objects.get(pk=periode.pk).tenggat_input == periode.tenggat_input


# Menu and home ----------------------------------------------------------------------------------------------


def test_menu_shows_the_inbox_with_its_count_to_a_supervisor_only(cast):
    atasan = html(cast.client("atasan").get(reverse("portal:home")))
    pegawai = html(cast.client("pegawai").get(reverse("portal:home")))
    admin = html(cast.client("admin_bkpsdm").get(reverse("portal:home")))

    assert 'data-testid="nav-inbox"' in atasan and 'data-testid="inbox-count">1<' in atasan
    assert 'data-testid="nav-inbox"' not in pegawai
    assert reverse("planning:index") in pegawai
    assert reverse("planning:years") in admin and reverse("planning:list") in admin
    assert reverse("planning:years") not in pegawai


def test_home_shows_my_skp_and_what_waits_for_me(cast):
    atasan = html(cast.client("atasan").get(reverse("portal:home")))
    pegawai = html(cast.client("pegawai").get(reverse("portal:home")))

    card = section(atasan, "my-skp")
    assert reverse("planning:skp_detail", args=[skp_of(cast.atasan).pk]) in card
    assert "Disetujui" in card
    assert "1 SKP menunggu keputusan Anda." in card
    assert "Anda belum memulai SKP" in section(pegawai, "my-skp")
    assert 'data-testid="inbox-summary"' not in section(pegawai, "my-skp")


def test_menu_counts_cost_a_fixed_number_of_queries(cast):
    client = cast.client("atasan")
    few, _ = count_queries(client, reverse("portal:audit_list"))
    add_people_with_skp(cast, 3)
    many, response = count_queries(client, reverse("portal:audit_list"))

    assert many == few
    assert 'data-testid="inbox-count">4<' in html(response)


# Notifications ----------------------------------------------------------------------------------------------


def _notify(user, judul, url=""):
    return notifications.notify([user], judul=judul, url=url)[0]


def test_notifications_are_listed_newest_first_with_the_unread_count_on_the_bell(cast):
    first = _notify(cast.atasan, "Pemberitahuan pertama")
    second = _notify(cast.atasan, "Pemberitahuan kedua")
    Notifikasi.objects.filter(pk=first.pk).update(created_at=second.created_at - datetime.timedelta(hours=1))
    _notify(cast.pegawai, "Untuk orang lain")

    response = cast.client("atasan").get(reverse("core:notifications"))

    page = html(response)
    assert page.index("Pemberitahuan kedua") < page.index("Pemberitahuan pertama")
    assert "Untuk orang lain" not in page
    assert f'data-testid="unread">{notifications.unread_count(cast.atasan)}<' in page


def test_opening_one_notification_marks_it_read_and_follows_its_link(cast):
    skp = skp_of(cast.atasan)
    link = reverse("planning:skp_detail", args=[skp.pk])
    one = _notify(cast.atasan, "SKP Anda disetujui", url=link)
    other = _notify(cast.atasan, "Lainnya")

    response = cast.client("atasan").post(f"{reverse('core:notifications_read')}?id={one.pk}")

    assert response.status_code == 302 and response["Location"] == link
    assert Notifikasi.objects.get(pk=one.pk).dibaca_at is not None
    assert Notifikasi.objects.get(pk=other.pk).dibaca_at is None


def test_marking_all_read_touches_only_the_users_own_notifications(cast):
    mine = [_notify(cast.atasan, f"Pesan {n}") for n in range(3)]
    theirs = _notify(cast.pegawai, "Milik orang lain")
    client = cast.client("atasan")

    foreign = client.post(f"{reverse('core:notifications_read')}?id={theirs.pk}")
    response = client.post(reverse("core:notifications_read"))

    assert foreign.status_code == 404
    assert response.status_code == 302
    assert all(Notifikasi.objects.get(pk=n.pk).dibaca_at for n in mine)
    assert Notifikasi.objects.get(pk=theirs.pk).dibaca_at is None
    assert notifications.unread_count(cast.atasan) == 0
    assert 'data-testid="unread"' not in html(client.get(reverse("core:notifications")))


def test_notifications_of_the_skp_workflow_reach_the_employee(cast):
    skp = epidemiolog_skp()
    cast.client("atasan").post(reverse("planning:bulk_approve"), bulk_approve_form(skp))

    client = Client()
    client.force_login(Pegawai.objects.get(pk=skp.pegawai_id).user)
    response = client.get(reverse("core:notifications"))

    assert "SKP Anda disetujui" in html(response)
    assert Notifikasi.objects.filter(penerima__pegawai=skp.pegawai_id, url=f"/skp/{skp.pk}/").exists()
