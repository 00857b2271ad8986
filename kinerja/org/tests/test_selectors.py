"""Who assesses whom at a date (org.selectors), on the demo government, always with explicit dates."""

import datetime

import pytest
from django.db.models import Count

from conftest import YEAR
from kinerja.core.testing.helpers import count_queries
from kinerja.org import demo, selectors, services
from kinerja.org.models import Jabatan, JenisPenugasan, Pegawai, Penugasan, UnitKerja
from kinerja.testkit import cast as named
from kinerja.testkit.cast import SKM
from kinerja.testkit.cast import head_of as pos_in
from kinerja.testkit.cast import jabatan as pos
from kinerja.testkit.cast import person as peg

pytestmark = pytest.mark.django_db


def d(month: int, day: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, month, day)


def holder(jabatan: Jabatan, at: datetime.date, jenis: str = JenisPenugasan.DEFINITIF) -> Pegawai:
    return Penugasan.objects.active_at(at).get(jabatan=jabatan, jenis=jenis).pegawai


def staff_of(jabatan: Jabatan, at: datetime.date) -> Pegawai:
    """One definitive holder of a position directly below the given one."""
    return (
        Penugasan.objects.active_at(at)
        .filter(jabatan__atasan=jabatan, jenis=JenisPenugasan.DEFINITIF)
        .order_by("jabatan__path")
        .first()
        .pegawai
    )


def who(chain_part) -> tuple[int, int, str] | None:
    """A Pejabat as (pegawai id, jabatan id, jenis), None when there is none."""
    if chain_part is None:
        return None
    return (chain_part.pegawai.pk, chain_part.jabatan.pk, chain_part.jenis)


KADIS_DUKCAPIL = "Kepala Dinas Kependudukan dan Pencatatan Sipil"
KADIS_PUPR = "Kepala Dinas Pekerjaan Umum dan Penataan Ruang"
CAMAT_SELATAN = "Camat Sukamaju Selatan"
SEKCAM_SELATAN = "Sekretaris Kecamatan Sukamaju Selatan"


# --- normal chain ------------------------------------------------------------------------------------------


def test_pelaksana_is_assessed_by_the_kepala_seksi_under_the_kepala_bidang():
    chain = selectors.penilai_chain(peg(demo.NIP_PELAKSANA_IMUNISASI), d(3, 15))

    assert chain.tanggal == d(3, 15)
    assert chain.penugasan.jabatan.nama == "Pengelola Data Imunisasi"
    assert chain.penilai.pegawai.nip == demo.NIP_KASI_IMUNISASI
    assert chain.penilai.jabatan.nama == "Kepala Seksi Imunisasi"
    assert chain.penilai.jenis == JenisPenugasan.DEFINITIF
    assert not chain.penilai.is_acting
    assert chain.atasan_penilai.pegawai.nip == demo.NIP_KABID_KESMAS
    assert chain.atasan_penilai.jabatan.nama == "Kepala Bidang Kesehatan Masyarakat"


def test_kepala_bidang_is_assessed_by_the_kepala_dinas_under_the_sekda():
    chain = selectors.penilai_chain(peg(demo.NIP_KABID_KESMAS), d(3, 15))

    assert chain.penilai.pegawai.nip == demo.NIP_KEPALA_DINKES
    assert chain.atasan_penilai.pegawai.nip == demo.NIP_SEKDA


def test_kepala_seksi_assesses_exactly_the_holders_of_the_positions_below():
    kasi = peg(demo.NIP_KASI_IMUNISASI)
    at = d(3, 15)

    assessed = selectors.assessed_by(kasi, at)

    expected = set(
        Penugasan.objects.active_at(at)
        .filter(jabatan__atasan__nama="Kepala Seksi Imunisasi", jabatan__instansi__kode=SKM)
        .values_list("pegawai__nip", flat=True)
    )
    assert {x.pegawai.nip for x in assessed} == expected
    assert demo.NIP_PELAKSANA_IMUNISASI in expected
    assert {x.melalui.nama for x in assessed} == {"Kepala Seksi Imunisasi"}


# --- vacant superior position ------------------------------------------------------------------------------


def test_vacant_kepala_dinas_has_no_holder_at_all():
    assert not Penugasan.objects.filter(jabatan=pos(KADIS_DUKCAPIL)).exists()


@pytest.mark.parametrize("unit_kode", ["DUKCAPIL.SEK", "DUKCAPIL.B1", "DUKCAPIL.B2"])
def test_administrators_under_a_vacant_kepala_dinas_are_assessed_by_the_sekda(unit_kode):
    at = d(3, 15)
    administrator = holder(pos_in(unit_kode), at)

    chain = selectors.penilai_chain(administrator, at)

    assert chain.penilai.pegawai.nip == demo.NIP_SEKDA
    assert chain.penilai.jabatan.nama == "Sekretaris Daerah"
    assert chain.atasan_penilai is None


def test_atasan_penilai_skips_the_vacant_kepala_dinas():
    at = d(3, 15)
    kasubag = holder(pos_in("DUKCAPIL.SEK.UMPEG"), at)

    chain = selectors.penilai_chain(kasubag, at)

    assert chain.penilai.pegawai == holder(pos_in("DUKCAPIL.SEK"), at)
    assert chain.atasan_penilai.pegawai.nip == demo.NIP_SEKDA


def test_sekda_assesses_the_administrators_under_a_vacant_kepala_dinas():
    at = d(3, 15)
    assessed = {x.pegawai for x in selectors.assessed_by(peg(demo.NIP_SEKDA), at)}

    assert holder(pos_in("DUKCAPIL.SEK"), at) in assessed
    assert holder(pos_in("DUKCAPIL.B1"), at) in assessed
    assert holder(pos_in("DUKCAPIL.SEK.UMPEG"), at) not in assessed


# --- Plt -----------------------------------------------------------------------------------------------------


def test_old_kepala_dinas_pupr_assesses_the_kepala_bidang_until_retirement():
    kabid = holder(pos("Kepala Bidang Bina Marga"), d(3, 31))
    old_kadis = holder(pos(KADIS_PUPR), d(3, 31))

    chain = selectors.penilai_chain(kabid, d(3, 31))

    assert old_kadis.nip != demo.NIP_SEKRETARIS_PUPR
    assert chain.penilai.pegawai == old_kadis
    assert chain.penilai.jenis == JenisPenugasan.DEFINITIF
    assert chain.atasan_penilai.pegawai.nip == demo.NIP_SEKDA


def test_plt_kepala_dinas_pupr_assesses_the_kepala_bidang_from_1_april():
    kabid = holder(pos("Kepala Bidang Bina Marga"), d(4, 1))

    chain = selectors.penilai_chain(kabid, d(4, 1))

    assert chain.penilai.pegawai.nip == demo.NIP_SEKRETARIS_PUPR
    assert chain.penilai.jabatan.nama == KADIS_PUPR
    assert chain.penilai.jenis == JenisPenugasan.PLT
    assert chain.penilai.is_acting
    assert chain.atasan_penilai.pegawai.nip == demo.NIP_SEKDA


@pytest.mark.parametrize("at", [d(3, 31), d(4, 1), d(11, 15)])
def test_plt_is_assessed_through_their_definitive_post_and_never_by_themselves(at):
    sekretaris = peg(demo.NIP_SEKRETARIS_PUPR)

    chain = selectors.penilai_chain(sekretaris, at)

    assert chain.penugasan.jenis == JenisPenugasan.DEFINITIF
    assert chain.penugasan.jabatan.nama == "Sekretaris Dinas Pekerjaan Umum dan Penataan Ruang"
    assert chain.penilai.pegawai != sekretaris
    if at < d(4, 1):
        assert chain.penilai.pegawai == holder(pos(KADIS_PUPR), d(3, 31))
    else:
        assert chain.penilai.pegawai.nip == demo.NIP_SEKDA
        assert chain.atasan_penilai is None


def test_staff_of_the_plt_get_the_sekda_as_atasan_penilai_not_the_plt_twice():
    at = d(4, 1)
    kasubag = holder(pos_in("PUPR.SEK.UMPEG"), at)

    chain = selectors.penilai_chain(kasubag, at)

    assert chain.penilai.pegawai.nip == demo.NIP_SEKRETARIS_PUPR
    assert chain.penilai.jabatan.nama == "Sekretaris Dinas Pekerjaan Umum dan Penataan Ruang"
    assert chain.atasan_penilai.pegawai.nip == demo.NIP_SEKDA


def test_plt_assesses_the_kepala_bidang_only_from_1_april():
    sekretaris = peg(demo.NIP_SEKRETARIS_PUPR)
    kabid = holder(pos("Kepala Bidang Bina Marga"), d(4, 1))

    before = {x.pegawai for x in selectors.assessed_by(sekretaris, d(3, 31))}
    after = {x.pegawai: x.melalui.nama for x in selectors.assessed_by(sekretaris, d(4, 1))}

    assert kabid not in before
    assert after[kabid] == KADIS_PUPR
    assert sekretaris not in after


# --- Plh -----------------------------------------------------------------------------------------------------


@pytest.fixture
def camat_gone(cast):
    """The definitive Camat Sukamaju Selatan leaves on 31 October; the Plh (1 Nov - 31 Dec) is then alone."""
    camat = Penugasan.objects.get(jabatan=pos(CAMAT_SELATAN), jenis=JenisPenugasan.DEFINITIF)
    services.penugasan_end(actor=cast.admin_bkpsdm, penugasan=camat, selesai=d(10, 31), reason="Pensiun")
    return camat.pegawai


def test_plh_does_not_replace_a_definitive_camat_who_is_still_there():
    at = d(11, 15)
    lurah = holder(pos("Lurah Sukamaju Selatan 1"), at)
    plh = holder(pos(CAMAT_SELATAN), at, JenisPenugasan.PLH)

    chain = selectors.penilai_chain(lurah, at)

    assert chain.penilai.pegawai == holder(pos(CAMAT_SELATAN), at)
    assert chain.penilai.pegawai != plh
    assert chain.penilai.jenis == JenisPenugasan.DEFINITIF
    assert lurah not in {x.pegawai for x in selectors.assessed_by(plh, at)}


def test_plh_assesses_the_lurah_once_the_definitive_camat_has_left(camat_gone):
    lurah = holder(pos("Lurah Sukamaju Selatan 1"), d(11, 15))
    plh = holder(pos(CAMAT_SELATAN), d(11, 15), JenisPenugasan.PLH)

    in_october = selectors.penilai_chain(lurah, d(10, 31))
    in_november = selectors.penilai_chain(lurah, d(11, 1))

    assert in_october.penilai.pegawai == camat_gone
    assert in_november.penilai.pegawai == plh
    assert in_november.penilai.jabatan.nama == CAMAT_SELATAN
    assert in_november.penilai.jenis == JenisPenugasan.PLH
    assert in_november.atasan_penilai.pegawai.nip == demo.NIP_SEKDA
    assert lurah in {x.pegawai for x in selectors.assessed_by(plh, d(11, 15))}


def test_plh_is_never_their_own_penilai(camat_gone):
    at = d(11, 15)
    plh = holder(pos(CAMAT_SELATAN), at, JenisPenugasan.PLH)
    staff = staff_of(pos(SEKCAM_SELATAN), at)

    own = selectors.penilai_chain(plh, at)
    of_staff = selectors.penilai_chain(staff, at)

    assert own.penugasan.jabatan.nama == SEKCAM_SELATAN
    assert own.penilai.pegawai.nip == demo.NIP_SEKDA
    assert own.atasan_penilai is None
    assert of_staff.penilai.pegawai == plh
    assert of_staff.atasan_penilai.pegawai.nip == demo.NIP_SEKDA
    assert plh not in {x.pegawai for x in selectors.assessed_by(plh, at)}


def test_vacant_camat_after_the_plh_ends_sends_the_lurah_to_the_sekda(camat_gone):
    lurah = holder(pos("Lurah Sukamaju Selatan 1"), d(12, 31))

    chain = selectors.penilai_chain(lurah, d(1, 1, YEAR + 1))

    assert chain.penilai.pegawai.nip == demo.NIP_SEKDA
    assert chain.atasan_penilai is None


# --- transfer mid-year ---------------------------------------------------------------------------------------


def test_transfer_changes_position_and_penilai_from_1_july():
    mutasi = peg(demo.NIP_MUTASI)

    june = selectors.penilai_chain(mutasi, d(6, 30))
    july = selectors.penilai_chain(mutasi, d(7, 1))

    assert june.penugasan.jabatan.nama == "Analis Kesehatan Ahli Pertama"
    assert june.penilai.jabatan.nama == "Kepala Seksi Surveilans"
    assert june.atasan_penilai.jabatan.nama == "Kepala Bidang Pencegahan dan Pengendalian Penyakit"
    assert july.penugasan.jabatan.nama == "Analis SDM Aparatur Ahli Muda"
    assert july.penilai.jabatan.nama == "Kepala Seksi Penilaian Kinerja"
    assert july.atasan_penilai.jabatan.nama == "Kepala Bidang Penilaian Kinerja dan Penghargaan"
    assert june.penilai.pegawai != july.penilai.pegawai


def test_transferred_pegawai_moves_between_the_two_kepala_seksi_lists():
    mutasi = peg(demo.NIP_MUTASI)
    surveilans = holder(pos("Kepala Seksi Surveilans"), d(6, 30))
    penilaian = holder(pos("Kepala Seksi Penilaian Kinerja"), d(7, 1))

    def assesses(q, at):
        return mutasi in {x.pegawai for x in selectors.assessed_by(q, at)}

    assert assesses(surveilans, d(6, 30)) and not assesses(surveilans, d(7, 1))
    assert assesses(penilaian, d(7, 1)) and not assesses(penilaian, d(6, 30))


# --- top of the instansi, no assignment ----------------------------------------------------------------------


@pytest.mark.parametrize("at", [d(1, 1), d(12, 31)])
def test_sekda_at_the_top_has_no_penilai_and_no_atasan_penilai(at):
    chain = selectors.penilai_chain(peg(demo.NIP_SEKDA), at)

    assert chain.penugasan.jabatan.nama == "Sekretaris Daerah"
    assert chain.penilai is None
    assert chain.atasan_penilai is None


def test_pegawai_without_an_assignment_at_the_date_has_no_chain():
    pelaksana = peg(demo.NIP_PELAKSANA_IMUNISASI)
    before_any = d(1, 1, YEAR - 10)
    assert not Penugasan.objects.filter(pegawai=pelaksana).active_at(before_any).exists()

    chain = selectors.penilai_chain(pelaksana, before_any)

    assert chain.penugasan is None
    assert chain.penilai is None
    assert chain.atasan_penilai is None
    assert selectors.assessed_by(peg(demo.NIP_KASI_IMUNISASI), before_any) == []


def test_newly_registered_pegawai_has_no_chain(cast):
    baru = services.pegawai_create(
        actor=cast.admin_bkpsdm,
        instansi=named.instansi(),
        nip="199912312022031001",
        nama="Pegawai Baru",
        golongan="III/a",
    )

    chain = selectors.penilai_chain(baru, d(6, 1))

    assert (chain.penugasan, chain.penilai, chain.atasan_penilai) == (None, None, None)


# --- consistency of the two selectors ------------------------------------------------------------------------


@pytest.mark.parametrize("at", [d(2, 15), d(11, 15)])
def test_penilai_chain_and_assessed_by_agree_for_every_pegawai(at):
    everyone = list(Pegawai.objects.all())

    from_chain = set()
    for p in everyone:
        chain = selectors.penilai_chain(p, at)
        if chain.penilai is not None:
            from_chain.add((p.pk, chain.penilai.pegawai.pk))
    from_lists = set()
    for q in everyone:
        assessed = [x.pegawai.pk for x in selectors.assessed_by(q, at)]
        assert len(assessed) == len(set(assessed)), f"{q} lists someone twice"
        from_lists.update((p, q.pk) for p in assessed)

    # p has q as penilai exactly when q lists p; both directions, for everyone of both instansi.
    assert from_chain == from_lists
    assert len(from_chain) > 250


# --- queries do not grow with size ---------------------------------------------------------------------------


def test_assessed_by_queries_grow_with_the_depth_of_the_hierarchy_not_the_team(django_assert_max_num_queries):
    at = d(3, 15)
    sekda, kasi = peg(demo.NIP_SEKDA), peg(demo.NIP_KASI_IMUNISASI)
    kepsek = holder(pos("Kepala SD Negeri 1 Sukamaju"), at)
    depth = max(j.path.count("/") - 1 for j in Jabatan.objects.all())
    bound = 4 + 2 * depth

    with django_assert_max_num_queries(bound):
        large = selectors.assessed_by(sekda, at)
    n_kasi, small = count_queries(lambda: selectors.assessed_by(kasi, at))
    n_kepsek, school = count_queries(lambda: selectors.assessed_by(kepsek, at))
    assert len(large) > 10 and len(school) == 12 and 0 < len(small) < len(large)
    assert n_kasi <= bound and n_kepsek <= bound
    # Reading the rows touches no further query.
    with django_assert_max_num_queries(0):
        shown = [(x.pegawai.nama, x.penugasan.jabatan.unit.nama, x.melalui.nama) for x in large]
    assert len(shown) == len(large)


def test_assessed_by_makes_no_more_queries_for_a_team_ten_times_larger():
    at = d(3, 15)
    kepsek = holder(pos("Kepala SD Negeri 1 Sukamaju"), at)
    seat = pos("Kepala SD Negeri 1 Sukamaju")
    before, team = count_queries(lambda: selectors.assessed_by(kepsek, at))
    # Nobody is unplaced in the demo: the new seats are filled with people moved from elsewhere.
    others = list(
        Pegawai.objects.filter(instansi=kepsek.instansi, aktif=True)
        .exclude(penugasan__jabatan__unit=seat.unit)
        .exclude(penugasan__jabatan__bawahan__isnull=False)[:110]
    )
    new_seats = Jabatan.objects.bulk_create(
        [
            Jabatan(
                instansi=seat.instansi,
                unit=seat.unit,
                nama=f"Guru {i}",
                jenis="fungsional",
                jenjang="ahli_pertama",
                atasan=seat,
                path=f"{seat.path}x{i}/",
            )
            for i in range(len(others))
        ]
    )
    Penugasan.objects.filter(pegawai__in=others).delete()
    Penugasan.objects.bulk_create(
        [
            Penugasan(pegawai=p, jabatan=j, jenis="definitif", mulai=d(1, 1))
            for p, j in zip(others, new_seats, strict=True)
        ]
    )
    for j in new_seats:
        j.path = f"{seat.path}{j.pk}/"
    Jabatan.objects.bulk_update(new_seats, ["path"])
    after, bigger = count_queries(lambda: selectors.assessed_by(kepsek, at))
    assert len(bigger) == len(team) + len(others) >= 10 * len(team)
    assert after == before


@pytest.mark.parametrize(
    "nip", [demo.NIP_PELAKSANA_IMUNISASI, demo.NIP_SEKDA, demo.NIP_SEKRETARIS_PUPR, demo.NIP_MUTASI]
)
def test_penilai_chain_takes_at_most_two_queries(nip, django_assert_max_num_queries):
    p = peg(nip)

    with django_assert_max_num_queries(2):
        chain = selectors.penilai_chain(p, d(7, 1))
        names = [(x.pegawai.nama, x.jabatan.nama) for x in (chain.penilai, chain.atasan_penilai) if x]

    assert chain.penugasan is not None
    assert len(names) == (chain.penilai is not None) + (chain.atasan_penilai is not None)


def test_unit_tree_of_all_units_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    units = UnitKerja.objects.filter(instansi__kode=SKM)

    with django_assert_max_num_queries(5):
        roots = selectors.unit_tree(units, d(5, 15))

    def walk(nodes):
        for n in nodes:
            yield n
            yield from walk(n.children)

    nodes = list(walk(roots))
    assert len(nodes) == len(units)
    with django_assert_max_num_queries(0):
        heads = [(n.kepala.pegawai.nama, n.kepala.jabatan.nama) for n in nodes if n.kepala]
    assert len(heads) > 40


def test_unit_positions_of_a_large_unit_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    unit = (
        UnitKerja.objects.filter(instansi__kode=SKM).annotate(n=Count("jabatan")).order_by("-n", "pk").first()
    )
    assert unit.n >= 10

    with django_assert_max_num_queries(2):
        rows = selectors.unit_positions(unit, d(5, 15))
        shown = [
            (r.jabatan.atasan.nama if r.jabatan.atasan else "", [p.pegawai.nama for p in r.holders])
            for r in rows
        ]

    assert len(rows) == len(shown) == unit.n
    assert rows[0].jabatan.kepala_unit


# --- unit tree -----------------------------------------------------------------------------------------------


def tree_nodes(at: datetime.date) -> dict[str, selectors.UnitNode]:
    units = UnitKerja.objects.filter(instansi__kode=SKM)
    found = {}

    def walk(nodes):
        for n in nodes:
            found[n.unit.kode] = n
            walk(n.children)

    walk(selectors.unit_tree(units, at))
    return found


def test_unit_tree_nests_units_under_their_parents():
    nodes = tree_nodes(d(5, 15))

    assert {c.unit.kode for c in nodes["DINKES.B1"].children} == {"DINKES.B1.S1", "DINKES.B1.S2"}
    assert "DINKES.B1" in {c.unit.kode for c in nodes["DINKES"].children}


def test_unit_tree_shows_definitive_heads():
    node = tree_nodes(d(5, 15))["DINKES"]

    assert node.kepala.pegawai.nip == demo.NIP_KEPALA_DINKES
    assert not node.kepala.is_acting
    assert node.jumlah_kosong == 0


def test_unit_tree_shows_the_plt_as_acting_head_of_pupr_from_april():
    march, may = tree_nodes(d(3, 15))["PUPR"], tree_nodes(d(5, 15))["PUPR"]

    assert march.kepala.jenis == JenisPenugasan.DEFINITIF
    assert march.kepala.pegawai.nip != demo.NIP_SEKRETARIS_PUPR
    assert may.kepala.pegawai.nip == demo.NIP_SEKRETARIS_PUPR
    assert may.kepala.jenis == JenisPenugasan.PLT
    assert may.kepala.is_acting
    # Held by a Plt, the position is not counted as vacant.
    assert may.jumlah_kosong == 0


def test_unit_tree_counts_vacancies():
    nodes = tree_nodes(d(5, 15))

    dukcapil = nodes["DUKCAPIL"]
    assert dukcapil.kepala is None
    assert (dukcapil.jumlah_jabatan, dukcapil.jumlah_kosong) == (1, 1)
    # The BKPSDM post that the transferred pegawai fills on 1 July is vacant until then.
    assert nodes["BKPSDM.B2.S1"].jumlah_kosong == 1
    assert tree_nodes(d(7, 1))["BKPSDM.B2.S1"].jumlah_kosong == 0
