"""The supervisor's team page, its selector (reused by reports and reminders), the menu and the home card."""

import datetime
import re

import pytest

from kinerja.core.testing.clock import on_day
from kinerja.core.testing.helpers import count_queries
from kinerja.core.testing.pages import home_card
from kinerja.monitoring import selectors, services
from kinerja.monitoring.models import PeranUmpanBalik, UmpanBalik
from kinerja.monitoring.selectors import pengingat as pengingat_selectors
from kinerja.monitoring.selectors.team import BELUM, LENGKAP, SEBAGIAN
from kinerja.monitoring.tests.factories import MID_MAY, feedback, indikator_ids, periode, realisasi
from kinerja.planning import services as planning_services
from kinerja.planning.models import SKP
from kinerja.testkit import cast as named
from kinerja.testkit import factories

pytestmark = pytest.mark.django_db
YEAR = named.YEAR
CARD = "monitoring/_card_team.html"


def row_of(status, skp):
    return next(r for r in status.rows if r.skp.pk == skp.pk)


@on_day(MID_MAY)
def test_the_team_is_the_people_the_supervisor_assesses_in_the_current_period(cast):
    status = selectors.team_status(cast.atasan)
    assert status.periode.nomor == 2 and [p.nomor for p in status.periods] == [1, 2, 3, 4]
    assert status.rows, "the demo's Kepala Seksi Imunisasi assesses approved SKP"
    for row in status.rows:
        assert selectors.penilai_of_period(row.skp, status.periode) == cast.atasan.pegawai_id
        assert row.total == len(indikator_ids(row.skp, 2))
    assert cast.atasan.pegawai_id not in {r.pegawai.pk for r in status.rows}
    assert selectors.team_status(cast.pegawai).rows == []
    assert selectors.team_status(cast.atasan.pegawai).rows == status.rows  # as the reminders call it
    assert selectors.team_status(cast.admin_bkpsdm).periode is None


@on_day(MID_MAY)
def test_filling_status_and_feedback_waiting_follow_the_realisations(cast):
    skp = new_member(cast)
    ids = indikator_ids(skp, 2)
    before = row_of(selectors.team_status(cast.atasan), skp)
    assert (before.filled, before.status, before.waiting) == (0, BELUM, 0)

    first = realisasi(skp, 2, ids[0])
    realisasi(skp, 1, ids[0])  # another period does not count
    row = row_of(selectors.team_status(cast.atasan), skp)
    assert (row.filled, row.waiting) == (1, 1)
    assert row.status == (LENGKAP if len(ids) == 1 else SEBAGIAN)

    feedback(first, cast.atasan.pegawai_id)
    assert row_of(selectors.team_status(cast.atasan), skp).waiting == 0
    with on_day(MID_MAY, hour=14):
        first.narasi = "Diperbarui setelah umpan balik."
        first.save()  # changed after the feedback: it waits again
    assert row_of(selectors.team_status(cast.atasan), skp).waiting == 1

    for i in ids[1:]:
        realisasi(skp, 2, i)
    assert row_of(selectors.team_status(cast.atasan), skp).status == LENGKAP
    # The earlier period is chosen with ?periode=1
    assert row_of(selectors.team_status(cast.atasan, 1), skp).filled == 1


@on_day(MID_MAY)
def test_a_reopening_shows_its_date(cast):
    skp = selectors.team_status(cast.atasan).rows[0].skp
    row = row_of(selectors.team_status(cast.atasan, 1), skp)
    assert not row.open and not row.reopened and row.until == periode(skp, 1).tenggat_input
    services.pembukaan_create(
        actor=cast.admin_bkpsdm,
        periode=periode(skp, 1),
        sampai=datetime.date(YEAR, 5, 31),
        alasan="Cuti.",
        pegawai=skp.pegawai,
    )
    row = row_of(selectors.team_status(cast.atasan, 1), skp)
    assert row.open and row.reopened and row.until == datetime.date(YEAR, 5, 31)


@on_day(MID_MAY)
def test_the_page_lists_the_team_and_links_each_realisasi_page(cast):
    skp = new_member(cast)
    realisasi(skp, 2, indikator_ids(skp, 2)[0])
    page = cast.client("atasan").get("/pemantauan/tim/")
    html = page.content.decode()
    assert page.status_code == 200
    row = re.search(rf'data-testid="team-row" data-pegawai="{skp.pegawai_id}".*?</tr>', html, re.S)
    assert row is not None, "the new member is on the team"
    assert f'href="/pemantauan/skp/{skp.pk}/?periode=2"' in row[0]
    assert 'data-testid="team-waiting">1<' in row[0]
    assert "Triwulan II" in html
    other = cast.client("atasan").get("/pemantauan/tim/?periode=1")
    assert 'aria-current="page" href="?periode=1"' in other.content.decode()
    assert cast.client("atasan").get("/pemantauan/tim/?periode=x").status_code == 200


def _approved_member(boss_user, boss_rhk, unit, jabatan, n, start, indikator=1):
    """A new pelaksana below `jabatan` from `start`, with a submitted SKP of one RHK and `indikator` indikator."""
    _seat, holder = factories.staffed_position(boss_user, unit, n, atasan=jabatan, mulai=start)
    user = named.user(holder.nip)
    skp = planning_services.skp_start(actor=user, pegawai=holder, tahun=YEAR)
    rhk = planning_services.rhk_save(
        actor=user, skp=skp, kunci=skp.kunci, uraian="Data imunisasi mutakhir", rhk_atasan=boss_rhk
    )
    for i in range(indikator):
        skp = SKP.objects.get(pk=skp.pk)
        planning_services.indikator_save(
            actor=user, rhk=rhk, kunci=skp.kunci, uraian=f"Laporan {i + 1}", target="3", satuan="laporan"
        )
    skp = SKP.objects.get(pk=skp.pk)
    skp = planning_services.skp_submit(actor=user, skp=skp, kunci=skp.kunci)
    return skp


def new_member(cast, n: int = 600, indikator: int = 2) -> SKP:
    """An approved SKP (from 1 January) of a new person below the atasan: the demo recorded nothing for it, so a
    test sees exactly the realisations it writes (the demo's own team rows are filled in every period that has
    ended, and partly or fully in the current one)."""
    boss_skp = named.current_skp(cast.atasan)
    boss_rhk = boss_skp.rhk.filter(jenis="utama").order_by("urutan").first()
    jabatan = boss_skp.jabatan
    start = datetime.date(YEAR, 1, 1)
    skp = _approved_member(cast.admin_bkpsdm, boss_rhk, jabatan.unit, jabatan, n, start, indikator)
    return planning_services.skp_approve(actor=cast.atasan, skp=skp, kunci=skp.kunci)


@on_day(MID_MAY)
def test_the_team_page_query_count_does_not_grow_with_the_team(cast):
    boss_skp = named.current_skp(cast.atasan)
    boss_rhk = boss_skp.rhk.filter(jenis="utama").order_by("urutan").first()
    jabatan, unit = boss_skp.jabatan, boss_skp.jabatan.unit
    start = datetime.date(YEAR, 5, 1)

    def grow(to: int):
        n = len(selectors.team_status(cast.atasan).rows)
        for i in range(n, to):
            skp = _approved_member(cast.admin_bkpsdm, boss_rhk, unit, jabatan, 700 + i, start)
            approved = planning_services.skp_approve(actor=cast.atasan, skp=skp, kunci=skp.kunci)
            realisasi(approved, 2, indikator_ids(approved, 2)[0])

    client = cast.client("atasan")
    grow(3)
    few, _ = count_queries(client, "/pemantauan/tim/")
    grow(30)
    assert len(selectors.team_status(cast.atasan).rows) >= 30
    many, page = count_queries(client, "/pemantauan/tim/")
    assert many == few, (few, many)
    assert page.content.decode().count('data-testid="team-row"') >= 30


# Menu and home card --------------------------------------------------------------------------------------------


@on_day(MID_MAY)
def test_the_menu_shows_each_role_its_entries(cast):
    def labels(role):
        page = cast.client(role).get("/")
        return page.content.decode()

    atasan = labels("atasan")
    assert 'data-testid="nav-realisasi"' in atasan and 'data-testid="nav-team"' in atasan
    assert "/pemantauan/umpan-balik/" in atasan and "/pemantauan/dialog/" in atasan
    assert "/pemantauan/pembukaan/" not in atasan
    pegawai = labels("pegawai")  # no approved SKP, assesses nobody
    assert 'data-testid="nav-realisasi"' not in pegawai and 'data-testid="nav-team"' not in pegawai
    assert "/pemantauan/dialog/" in pegawai
    admin = labels("admin_bkpsdm")
    assert 'data-testid="nav-reopen"' in admin and "/pemantauan/dialog/" not in admin
    assert 'data-testid="nav-reopen"' in labels("admin_pd")
    assert "/pemantauan/" not in labels("auditor")
    assert atasan.count(">Pemantauan<") == 1  # one group keeps the supervisor's menu on one line


@on_day(MID_MAY)
def test_the_team_page_the_queue_and_the_reminders_agree_on_what_waits(cast):
    skp = new_member(cast)
    first = realisasi(skp, 2, indikator_ids(skp, 2)[0])
    boss = cast.atasan.pegawai_id

    def waits() -> tuple[int, bool, int]:
        team = row_of(selectors.team_status(cast.atasan), skp).waiting
        queue = first.pk in {r.pk for r in selectors.feedback.waiting(cast.atasan)}
        reminders = pengingat_selectors.due(periode(skp, 2)).menunggu_umpan_balik.get(boss, 0)
        return team, queue, reminders

    before = pengingat_selectors.due(periode(skp, 2)).menunggu_umpan_balik.get(boss, 0) - 1
    assert waits() == (1, True, before + 1)  # no message yet
    with on_day(MID_MAY, hour=10):
        feedback(first, boss)
    assert waits() == (0, False, before)  # the penilai wrote last
    with on_day(MID_MAY, hour=11):
        UmpanBalik.objects.create(
            realisasi=first, penulis=skp.pegawai, peran=PeranUmpanBalik.PEGAWAI, isi="Sudah saya perbaiki."
        )
    assert waits() == (1, True, before + 1)  # the pegawai's reply waits for an answer
    with on_day(MID_MAY, hour=12):
        feedback(first, boss, "Terima kasih.")
    assert waits() == (0, False, before)
    with on_day(MID_MAY, hour=14):
        first.narasi = "Diperbarui setelah umpan balik."
        first.save()
    assert waits() == (1, True, before + 1)  # changed since the last message
    # The menu names the queue without a count (the home card and the queue give it, by the same rule)
    assert re.search(r"Menunggu umpan balik</a>", cast.client("atasan").get("/").content.decode())


@on_day(MID_MAY)
def test_the_home_card_summarises_the_team_for_a_supervisor_only(cast):
    skp = new_member(cast)
    before = home_card(cast.client("atasan").get("/"), CARD)
    assert before is not None
    realisasi(skp, 2, indikator_ids(skp, 2)[0])
    card = home_card(cast.client("atasan").get("/"), CARD)
    assert card is not None and card["team"].waiting == before["team"].waiting + 1
    assert home_card(cast.client("pegawai").get("/"), CARD) is None
    assert home_card(cast.client("admin_bkpsdm").get("/"), CARD) is None
