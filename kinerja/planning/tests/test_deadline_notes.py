"""The SKP deadline has two homes: the framework gives a default, each performance year keeps its own. Both pages
say which one applies (issue 11, item 16)."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from conftest import YEAR
from kinerja.criteria.models import Kerangka
from kinerja.planning import selectors, services
from kinerja.planning.models import TahunKinerja


def text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.mark.parametrize(
    ("month", "says"),
    [
        (  # as the demo opened it: a different deadline from the framework's default (the end of January)
            12,
            "Tenggat SKP 31 Desember {year} Bawaan kerangka penilaian adalah 31 Januari {year}; tahun ini diberi "
            "tenggat di atas saat dibuka atau sesudahnya. Tenggat tahun kinerja inilah yang berlaku.",
        ),
        (
            1,
            "Tenggat SKP 31 Januari {year} Sama dengan bawaan kerangka penilaian, diberikan saat tahun ini dibuka. "
            "Tenggat tahun kinerja inilah yang berlaku.",
        ),
    ],
)
def test_the_years_page_says_the_years_deadline_applies_and_names_the_frameworks_if_different(
    cast, month, says
):
    tahun = TahunKinerja.objects.get(instansi__kode="KOTA-SKM", tahun=YEAR)
    assert selectors.framework_skp_deadline(tahun) == datetime.date(YEAR, 1, 31)
    deadline = datetime.date(YEAR, month, 31)
    if tahun.tenggat_skp != deadline:
        services.tahun_update(
            actor=cast.admin_bkpsdm,
            tahun_kinerja=tahun,
            tenggat_skp=deadline,
            hari_tenggat_skp_baru=30,
            reason="Kembali ke bawaan kerangka",
        )

    page = text(cast.client("pegawai").get(reverse("planning:years")))

    assert says.format(year=YEAR) in page


def test_the_framework_page_says_its_skp_deadline_is_only_the_default_of_a_new_year(cast):
    kerangka = Kerangka.objects.get(instansi__kode="KOTA-SKM", tahun=YEAR, versi=1)

    page = text(cast.client("pegawai").get(reverse("criteria:detail", args=[kerangka.pk])))

    assert (
        "Nilai bawaan bagi tahun kinerja saat dibuka. Setelah itu setiap tahun punya tenggat SKP sendiri "
        "(Administrasi SKP, Tahun kinerja) yang dapat diubah BKPSDM: tenggat tahun itulah yang berlaku."
    ) in page
