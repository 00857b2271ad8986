"""Lists and organisation screens of issue 11 (items 11 and 13): the SKP list searched by name or NIP, a pegawai's
profile linking their SKP, the menu without empty pages, an acting Plh in the unit tree, and the warning when a
penilai is set outside the line above the pegawai."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import YEAR
from kinerja.core.models import AuditEvent
from kinerja.core.navigation import menu_for
from kinerja.core.testing.harness import assert_unchanged
from kinerja.core.testing.helpers import count_queries
from kinerja.org import demo
from kinerja.org.models import Jabatan, JenisPenugasan, Penugasan
from kinerja.org.rules import format_nip
from kinerja.planning import services
from kinerja.planning.models import SKP
from kinerja.planning.tests.test_views_lead import epidemiolog_skp

LIST = reverse("planning:list")


def listed(response) -> list[SKP]:
    return [row["skp"] for row in response.context["rows"]]


# The SKP list searched by name or NIP ---------------------------------------------------------------------------


def test_the_skp_list_finds_an_employee_by_a_spaced_nip_and_keeps_the_other_filters(cast):
    atasan = cast.atasan.pegawai
    client = cast.client("admin_bkpsdm")

    response = client.get(LIST, {"tahun": YEAR, "q": format_nip(atasan.nip), "status": "disetujui"})

    assert {s.pegawai for s in listed(response)} == {atasan}
    counts = {c["status"]: c["n"] for c in response.context["counts"]}
    assert sum(counts.values()) == SKP.objects.filter(pegawai=atasan, tahun_kinerja__tahun=YEAR).count()
    page = response.content.decode()
    # The status pills and the Excel keep the search.
    assert re.search(r'href="\?[^"]*q=' + re.escape(atasan.nip[:8]), page.replace("+", ""))
    assert 'value="' + format_nip(atasan.nip) + '"' in page
    none = client.get(LIST, {"tahun": YEAR, "q": format_nip(atasan.nip), "status": "draft"})
    assert listed(none) == []


def test_the_skp_list_finds_by_part_of_the_name_case_blind(cast):
    response = cast.client("tim_penilai").get(LIST, {"tahun": YEAR, "q": "IMUNISASI"})
    assert listed(response) == []  # a unit's name is not a person's name
    name = cast.atasan.pegawai.nama.split()[0].lower()
    found = listed(cast.client("tim_penilai").get(LIST, {"tahun": YEAR, "q": name}))
    assert cast.atasan.pegawai in {s.pegawai for s in found}
    assert all(name in s.pegawai.nama.lower() for s in found)


def test_a_search_stays_inside_what_the_user_may_list(cast):
    outside = cast.atasan.pegawai  # Dinas Kesehatan, outside the admin_pd's Dinas Pendidikan
    response = cast.client("admin_pd").get(LIST, {"tahun": YEAR, "q": outside.nip})
    assert listed(response) == []


def test_a_search_is_paginated_and_the_pages_keep_it(cast):
    response = cast.client("admin_bkpsdm").get(LIST, {"tahun": YEAR, "q": "a"})
    assert response.context["page"].paginator.count > 50
    assert "q=a" in response.content.decode() and "page=2" in response.content.decode()
    second = cast.client("admin_bkpsdm").get(LIST, {"tahun": YEAR, "q": "a", "page": 2})
    assert all("a" in s.pegawai.nama.lower() for s in listed(second))


def test_the_skp_list_queries_do_not_grow_with_the_rows_shown(cast):
    client = cast.client("admin_bkpsdm")
    one, response = count_queries(client, LIST, {"tahun": YEAR, "q": cast.atasan.pegawai.nip})
    many, full = count_queries(client, LIST, {"tahun": YEAR})
    assert len(listed(response)) == 1 and len(listed(full)) == 50
    assert many == one


# A pegawai's profile links their SKP ------------------------------------------------------------------------------


def test_a_profile_links_the_skp_of_the_pegawai_with_its_status(cast):
    atasan = cast.atasan.pegawai
    skp = SKP.objects.get(pegawai=atasan, tahun_kinerja__tahun=YEAR)

    page = cast.client("admin_bkpsdm").get(reverse("org:pegawai_detail", args=[atasan.pk])).content.decode()

    panel = re.search(r'data-testid="pegawai-skp".*?</section>', page, re.S).group(0)
    assert reverse("planning:skp_detail", args=[skp.pk]) in panel
    assert skp.get_status_display() in panel  # "Disetujui"


def test_a_pegawai_without_an_skp_is_offered_to_start_it_on_their_profile(cast):
    pegawai = cast.pegawai.pegawai
    page = cast.client("pegawai").get(reverse("org:pegawai_detail", args=[pegawai.pk])).content.decode()
    panel = re.search(r'data-testid="pegawai-skp".*?</section>', page, re.S).group(0)
    assert reverse("planning:index") in panel


# The menu hides pages that would be empty, cheaply ---------------------------------------------------------------


def labels(rf, user) -> list[str]:
    request = rf.get("/")
    request.user = user
    return [str(item.label) for item in menu_for(request)]


def test_people_i_assess_is_in_the_menu_only_of_those_who_assess_someone(cast, rf):
    assert "Pegawai yang saya nilai" not in labels(rf, cast.pegawai)
    for role in ("atasan", "kepala_dinas", "sekda"):
        assert "Pegawai yang saya nilai" in labels(rf, getattr(cast, role)), role


def test_the_menu_costs_the_same_few_queries_whatever_the_line_of_command(cast, rf):
    def menu_queries(user) -> int:
        request = rf.get("/")
        request.user = user
        n, _items = count_queries(lambda: menu_for(request))
        return n

    # The atasan assesses six people, the sekda a whole line of command of hundreds. (Nine: evaluation asks once
    # whether the user leads a unit with units below, to offer the organisation results.)
    assert menu_queries(cast.sekda) == menu_queries(cast.atasan) <= 9


# The unit tree shows an acting Plh like a Plt --------------------------------------------------------------------


def test_the_unit_tree_shows_the_plh_standing_in_for_a_head_who_is_still_there(cast):
    camat = Jabatan.objects.get(instansi__kode="KOTA-SKM", nama="Camat Sukamaju Selatan")
    plh = Penugasan.objects.get(jabatan=camat, jenis=JenisPenugasan.PLH)
    client = cast.client("pegawai")

    during = client.get(reverse("org:unit_tree"), {"tanggal": plh.mulai + datetime.timedelta(days=5)})
    before = client.get(reverse("org:unit_tree"), {"tanggal": plh.mulai - datetime.timedelta(days=5)})

    acting = re.findall(r'data-testid="acting">(.*?)</span></span>', during.content.decode(), re.S)
    assert any(plh.pegawai.nama_lengkap in a and "Plh" in a for a in acting), acting
    assert plh.pegawai.nama_lengkap not in " ".join(
        re.findall(r'data-testid="acting">(.*?)</span></span>', before.content.decode(), re.S)
    )


# Reassigning a penilai outside the line above the pegawai warns -------------------------------------------------


def skp_state(skp):
    s = SKP.objects.get(pk=skp.pk)
    return (s.penilai_id, s.penilai_ditetapkan, s.kunci)


def test_a_penilai_not_above_the_pegawai_is_refused_until_the_admin_confirms(cast):
    skp = epidemiolog_skp()
    peer = cast.pegawai.pegawai  # a pelaksana of the same section: not above the Epidemiolog

    with assert_unchanged(lambda: skp_state(skp)), pytest.raises(ValidationError) as refused:
        services.skp_reassign_penilai(actor=cast.admin_bkpsdm, skp=skp, penilai=peer, reason="SK penunjukan")
    assert "confirm" in refused.value.message_dict
    assert peer.nama_lengkap in refused.value.message_dict["confirm"][0]

    done = services.skp_reassign_penilai(
        actor=cast.admin_bkpsdm, skp=skp, penilai=peer, reason="SK penunjukan", confirm=True
    )

    assert done.penilai == peer and done.penilai_ditetapkan
    event = AuditEvent.objects.filter(action="planning.skp.reassign", object_id=str(skp.pk)).latest("seq")
    assert event.changes["penilai_di_atas"] == [None, False]


def test_a_penilai_above_the_pegawai_needs_no_confirmation(cast):
    skp = epidemiolog_skp()
    kepala = cast.kepala_dinas.pegawai
    done = services.skp_reassign_penilai(
        actor=cast.admin_bkpsdm, skp=skp, penilai=kepala, reason="Salah data"
    )
    assert done.penilai == kepala
    event = AuditEvent.objects.filter(action="planning.skp.reassign", object_id=str(skp.pk)).latest("seq")
    assert "penilai_di_atas" not in event.changes


def test_the_reassign_form_shows_the_warning_with_a_box_to_confirm(cast):
    skp = epidemiolog_skp()
    client = cast.client("admin_bkpsdm")
    url = reverse("planning:reassign", args=[skp.pk])
    assert 'type="checkbox" name="confirm"' not in client.get(url).content.decode()
    data = {"penilai": demo.NIP_PELAKSANA_IMUNISASI, "reason": "SK penunjukan"}

    with assert_unchanged(lambda: skp_state(skp)):
        warned = client.post(url, data)

    page = warned.content.decode()
    assert warned.status_code == 200
    assert "tidak menduduki jabatan di atas" in page
    assert 'type="checkbox" name="confirm"' in page
    assert client.post(url, {**data, "confirm": "on"}).status_code == 302
    assert SKP.objects.get(pk=skp.pk).penilai == cast.pegawai.pegawai
