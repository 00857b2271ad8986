"""Every role's home names what needs them now and links to it (issue 11, item 4)."""

import datetime
import re

import pytest
from django.urls import reverse

from conftest import YEAR
from kinerja.accounts.permissions import access_of
from kinerja.core import audit
from kinerja.core.testing.clock import on_day
from kinerja.criteria import services as criteria_services
from kinerja.org.models import Instansi
from kinerja.org.permissions import SESSION_INSTANSI
from kinerja.org.tests.routes import SUKAMAJU
from kinerja.planning import services as planning_services
from kinerja.planning.models import SKP, StatusSKP
from kinerja.planning.tests.test_services import submitted

MAY = datetime.date(YEAR, 5, 15)


def card(response, testid: str) -> str:
    """The HTML of the home card with this data-testid (the test fails when the home has no such card)."""
    assert response.status_code == 200
    page = response.content.decode()
    match = re.search(rf'<section[^>]*data-testid="{testid}".*?</section>', page, re.S)
    assert match, f"no card {testid!r} on the home page"
    return match.group(0)


def home(cast, role: str):
    return cast.client(role).get(reverse("portal:home"))


def next_step(html: str) -> str:
    """The href of the card's next step (the link or button marked data-testid="next-step")."""
    match = re.search(r'<a [^>]*href="([^"]+)"[^>]*data-testid="next-step"', html) or re.search(
        r'<a [^>]*data-testid="next-step"[^>]*href="([^"]+)"', html
    )
    assert match, html
    return match.group(1).replace("&amp;", "&")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# Pegawai ------------------------------------------------------------------------------------------------------


def test_a_pegawai_without_an_skp_is_told_to_start_it_and_to_read_the_criteria(cast):
    response = home(cast, "pegawai")

    skp = card(response, "my-skp")
    assert "Anda belum memulai SKP" in text(skp)
    assert next_step(skp) == reverse("planning:index")
    assert next_step(card(response, "my-criteria")) == reverse("criteria:mine")


def test_a_returned_skp_shows_the_reason_who_returned_it_and_when_and_how_to_fix_it(cast):
    skp = submitted(cast)
    with on_day(MAY):
        planning_services.skp_return(
            actor=cast.atasan, skp=skp, kunci=skp.kunci, reason="Target indikator kedua belum terukur."
        )
        response = home(cast, "pegawai")

    returned = card(response, "my-skp")
    assert "Target indikator kedua belum terukur." in text(returned)
    assert f"Dikembalikan oleh {cast.atasan.pegawai.nama_lengkap} pada 15 Mei {YEAR}" in text(returned)
    assert next_step(returned) == reverse("planning:skp_detail", args=[skp.pk])


def test_after_approval_the_home_says_so_links_the_pdf_and_names_the_next_date_of_the_year(cast):
    skp = submitted(cast)
    with on_day(MAY):
        planning_services.skp_approve(actor=cast.atasan, skp=skp, kunci=skp.kunci)
        response = home(cast, "pegawai")

    approved = text(card(response, "my-skp"))
    assert f"Disetujui pada 15 Mei {YEAR}" in approved
    # The first quarter's input deadline (10 April) has passed: the second quarter comes next.
    assert "Triwulan II" in approved and f"10 Juli {YEAR}" in approved
    assert next_step(card(response, "my-skp")) == reverse("planning:pdf", args=[skp.pk])


def test_a_submitted_skp_names_whom_it_waits_for(cast):
    skp = submitted(cast)
    waiting = card(home(cast, "pegawai"), "my-skp")
    assert skp.identitas_penilai["nama"] in text(waiting)
    assert next_step(waiting) == reverse("planning:skp_detail", args=[skp.pk])


@pytest.mark.parametrize("role", ["kepala_dinas", "sekda"])
def test_officials_with_an_approved_skp_get_its_pdf(cast, role):
    skp = SKP.objects.get(pegawai=getattr(cast, role).pegawai, tahun_kinerja__tahun=YEAR)
    assert skp.status == StatusSKP.DISETUJUI
    assert next_step(card(home(cast, role), "my-skp")) == reverse("planning:pdf", args=[skp.pk])


def test_the_atasan_is_sent_to_the_inbox_and_sees_the_people_they_assess(cast):
    response = home(cast, "atasan")
    assert reverse("planning:inbox") in card(response, "my-skp")
    assert "1 SKP menunggu keputusan Anda" in text(card(response, "my-skp"))
    assert reverse("org:dinilai") in card(response, "people-i-assess")


def test_someone_who_assesses_nobody_gets_no_empty_card(cast):
    assert 'data-testid="people-i-assess"' not in home(cast, "pegawai").content.decode()


# Administrators, tim penilai, auditor ---------------------------------------------------------------------------


def _count(html: str, status: str) -> int:
    link = re.search(rf'data-testid="year-{status}">(\d+)', html)
    assert link, html
    return int(link.group(1))


@pytest.mark.parametrize("role", ["admin_bkpsdm", "tim_penilai", "auditor", "admin_pd"])
def test_those_who_list_skp_see_the_state_of_the_year_with_links_to_each_status(cast, role):
    state = card(home(cast, role), "year-state")

    qs = SKP.objects.filter(instansi__kode="KOTA-SKM", tahun_kinerja__tahun=YEAR, berakhir=False)
    if role == "admin_pd":  # only the SKP of Dinas Pendidikan's units
        qs = qs.filter(jabatan__unit__path__startswith=access_of(cast.admin_pd).admin_unit_paths[0])
    for status in ("diajukan", "dikembalikan", "draft", "disetujui"):
        assert _count(state, status) == qs.filter(status=status).count()
        assert f"{reverse('planning:list')}?status={status}" in state
    assert next_step(state) == reverse("planning:list")


def test_the_year_state_asks_the_bkpsdm_to_open_a_year_not_opened(cast):
    state = card(home(cast, "outsider"), "year-state")  # Lembah Hijau has opened no year
    assert "belum dibuka" in text(state)
    assert next_step(state) == reverse("planning:years")


def test_the_tim_penilai_is_sent_to_the_draft_framework_to_review(cast):
    review = card(home(cast, "tim_penilai"), "framework-review")
    assert f"Berlaku untuk {YEAR}: versi 1" in text(review)
    assert next_step(review) == reverse("criteria:index")

    draft = criteria_services.kerangka_start(
        actor=cast.admin_bkpsdm, instansi=cast.admin_bkpsdm.instansi, tahun=YEAR
    )

    review = card(home(cast, "tim_penilai"), "framework-review")
    assert next_step(review) == reverse("criteria:detail", args=[draft.pk])
    assert f"{reverse('criteria:compare')}?a={draft.asal_id}&amp;b={draft.pk}" in review


def test_the_auditor_sees_the_last_verification_of_the_chain_and_is_sent_to_the_trail(
    cast, settings, tmp_path
):
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "checkpoints.log"
    before = card(home(cast, "auditor"), "audit-verification")
    assert "belum pernah diverifikasi" in text(before)

    checkpoint = audit.write_checkpoint(settings.AUDIT_CHECKPOINT_FILE)
    after = card(home(cast, "auditor"), "audit-verification")

    assert f"#{checkpoint.seq}" in text(after)
    assert next_step(after) == reverse("portal:audit_list")


def test_every_role_has_a_card_with_a_next_step(cast):
    for role in (*SUKAMAJU, "superuser"):
        page = home(cast, role).content.decode()
        assert 'data-testid="next-step"' in page, role


# The superuser's agency switcher --------------------------------------------------------------------------------


def test_the_superuser_switches_agency_and_the_choice_is_remembered(cast):
    client = cast.client("superuser")
    lembah = Instansi.objects.get(kode="KAB-LHJ")
    switcher = card(client.get(reverse("portal:home")), "instansi-switcher")
    assert f'value="{lembah.pk}"' in switcher

    response = client.post(reverse("org:instansi_switch"), {"instansi": lembah.pk})

    assert response.status_code == 302
    assert client.session[SESSION_INSTANSI] == lembah.pk
    assert client.get(reverse("org:unit_tree")).context["instansi"] == lembah
    assert card(client.get(reverse("portal:home")), "year-state").count("belum dibuka") == 1
    # The query parameter still overrides the remembered choice for one request.
    sukamaju = Instansi.objects.get(kode="KOTA-SKM")
    assert client.get(reverse("org:unit_tree"), {"instansi": sukamaju.pk}).context["instansi"] == sukamaju
    assert client.get(reverse("org:unit_tree")).context["instansi"] == lembah


def test_only_the_superuser_switches_and_only_to_an_agency_that_exists(cast):
    lembah = Instansi.objects.get(kode="KAB-LHJ")
    admin = cast.client("admin_bkpsdm")
    assert admin.post(reverse("org:instansi_switch"), {"instansi": lembah.pk}).status_code == 403
    assert SESSION_INSTANSI not in admin.session
    assert 'data-testid="instansi-switcher"' not in admin.get(reverse("portal:home")).content.decode()

    superuser = cast.client("superuser")
    response = superuser.post(reverse("org:instansi_switch"), {"instansi": 10**9}, follow=True)
    assert SESSION_INSTANSI not in superuser.session
    assert "Pilih salah satu instansi" in response.content.decode()
