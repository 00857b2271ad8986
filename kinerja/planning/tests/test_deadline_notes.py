"""The SKP deadline has two homes: the framework gives a default, each performance year keeps its own. Both pages
say which one applies (issue 11, item 16)."""

import datetime
import html
import re

from django.urls import reverse

from conftest import YEAR
from kinerja.criteria.models import Kerangka
from kinerja.planning import selectors, services
from kinerja.planning.models import TahunKinerja


def text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_the_years_page_names_the_frameworks_different_default_and_says_the_years_deadline_applies(cast):
    """The demo opened the year with 31 December; the framework's default is the end of January."""
    tahun = TahunKinerja.objects.get(instansi__kode="KOTA-SKM", tahun=YEAR)
    assert tahun.tenggat_skp == datetime.date(YEAR, 12, 31)
    assert selectors.framework_skp_deadline(tahun) == datetime.date(YEAR, 1, 31)

    page = text(cast.client("pegawai").get(reverse("planning:years")))

    assert (
        f"Tenggat SKP 31 Desember {YEAR} Bawaan kerangka penilaian adalah 31 Januari {YEAR}; tahun ini diberi "
        "tenggat di atas saat dibuka atau sesudahnya. Tenggat tahun kinerja inilah yang berlaku."
    ) in page


def test_a_year_opened_with_the_frameworks_deadline_says_so(cast):
    tahun = TahunKinerja.objects.get(instansi__kode="KOTA-SKM", tahun=YEAR)
    services.tahun_update(
        actor=cast.admin_bkpsdm,
        tahun_kinerja=tahun,
        tenggat_skp=datetime.date(YEAR, 1, 31),
        hari_tenggat_skp_baru=30,
        reason="Kembali ke bawaan kerangka",
    )

    page = text(cast.client("admin_bkpsdm").get(reverse("planning:years")))

    assert (
        f"Tenggat SKP 31 Januari {YEAR} Sama dengan bawaan kerangka penilaian, diberikan saat tahun ini dibuka. "
        "Tenggat tahun kinerja inilah yang berlaku."
    ) in page


def test_the_framework_page_says_its_skp_deadline_is_only_the_default_of_a_new_year(cast):
    kerangka = Kerangka.objects.get(instansi__kode="KOTA-SKM", tahun=YEAR, versi=1)

    page = text(cast.client("pegawai").get(reverse("criteria:detail", args=[kerangka.pk])))

    assert (
        "Nilai bawaan bagi tahun kinerja saat dibuka. Setelah itu setiap tahun punya tenggat SKP sendiri "
        "(Administrasi SKP, Tahun kinerja) yang dapat diubah BKPSDM: tenggat tahun itulah yang berlaku."
    ) in page
