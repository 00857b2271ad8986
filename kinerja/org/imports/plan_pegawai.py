"""The pegawai sheet's part of the plan: each person's row, the seat it takes, and who the file leaves out.

Streamed once; only NIPs, primary keys and digests of the fields stay in memory.
"""

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from kinerja.core.formats import tanggal
from kinerja.core.tabular import Sheet, match_columns
from kinerja.org.imports.columns import PEGAWAI, PEGAWAI_COLUMNS, PEGAWAI_FIELDS
from kinerja.org.imports.parsing import Bad, PegawaiRow, check_rows, digest, parse_pegawai, pegawai_values
from kinerja.org.models import Pegawai, StatusPegawai

if TYPE_CHECKING:
    from kinerja.org.imports.plan import Plan

# Fields compared with the record even when the file leaves their column out (they are derived from the NIP).
ALWAYS_COMPARED = {"nama", "status", "golongan", "tanggal_lahir", "jenis_kelamin"}
NIPS_PER_QUERY = 500


def read_pegawai(plan: "Plan", sheet: Sheet, progress=None) -> None:
    """Check every pegawai row into `plan`: the action of each row and the seat it takes."""
    plan.has_pegawai = True
    first = next(iter(sheet), None)
    if first is None:
        return
    present = [n for n in PEGAWAI_FIELDS if n in match_columns(first[1], PEGAWAI_COLUMNS)]
    check = _PegawaiCheck(plan, sorted({*present, *ALWAYS_COMPARED}, key=PEGAWAI_FIELDS.index))
    check_rows(sheet, PEGAWAI, plan.report, check.row, progress)
    check.refuse_kept_seats()
    check.refuse_other_agency()
    check.list_missing()


class _PegawaiCheck:
    def __init__(self, plan: "Plan", present: list[str]):
        self.plan, self.report, self.present = plan, plan.report, present
        self.existing = {}  # NIP → (pk, digest of the present fields)
        for p in Pegawai.objects.filter(instansi=plan.instansi).iterator(chunk_size=2000):
            self.existing[p.nip] = (p.pk, digest(pegawai_values(p), present))
            state = {**pegawai_values(p), "seat": plan.seat_now.get(p.pk)}
            plan.pegawai_state[p.nip] = digest(state, sorted(state)).hex()
            if p.status == StatusPegawai.PPPK:
                plan.pppk_nips.add(p.nip)
        self.seen = {}  # NIP → row
        self.claims = {}  # position ref → (row, NIP, pegawai pk)
        self.new_nips = {}  # NIP → row, for people not on record in this instansi

    def row(self, number: int, cells: dict) -> None:
        """Check one row into the plan; a refused row raises `Bad`."""
        plan = self.plan
        row = parse_pegawai(cells, plan.pppk_nips)
        if row.nip in self.seen:
            raise Bad(
                "nip_baru",
                _("The NIP %(nip)s appears twice in the file (row %(row)s).")
                % {"nip": row.nip, "row": self.seen[row.nip]},
            )
        self.seen[row.nip] = number
        pk, known = self.existing.get(row.nip, (None, None))
        if pk is None:
            self.new_nips[row.nip] = number
        ref = self._seat(number, row, pk)
        if ref:
            plan.seat_of_row[number] = ref
            plan.touched.add(f"jabatan:{ref}")  # its holder leaves it
        if pk is None:
            plan.pegawai_rows[number] = "created"
        elif known != digest(row.values, self.present) or ref:
            plan.pegawai_rows[number] = "updated"
        if number in plan.pegawai_rows:
            plan.touched.add(f"pegawai:{row.nip}")
        self.report.change(
            PEGAWAI, number, plan.pegawai_rows.get(number, "unchanged"), row.nip, row.values["nama"]
        )

    def _seat(self, number: int, row: PegawaiRow, pk) -> str:
        """The position the row moves the person to ("" when none is given or they hold it already)."""
        plan = self.plan
        ref = ""
        if row.jabatan:
            ref = row.jabatan
            if not plan.jabatan_exists(ref):
                raise Bad("jabatan_id", _("Unknown position %(kode)s.") % {"kode": ref})
        elif row.unit:
            ref = plan.seat_for(row, pk, self.claims)
        if not ref:
            return ""
        if ref in self.claims:
            raise Bad(
                "jabatan_id" if row.jabatan else "jabatan_nama",
                _("The position is held twice: also by NIP %(nip)s (row %(row)s).")
                % {"nip": self.claims[ref][1], "row": self.claims[ref][0]},
            )
        self.claims[ref] = (number, row.nip, pk)
        now = plan.seat_now.get(pk)
        db = plan.db_jabatan.get(ref)
        if now is not None and db is not None and now[0] == db[0]:
            return ""
        if now is not None and row.tmt is not None and row.tmt <= now[1]:
            raise Bad(
                "tmt_jabatan",
                _("The TMT must be after the start of the current position (%(date)s).")
                % {"date": tanggal(now[1])},
            )
        return ref

    def refuse_kept_seats(self) -> None:
        """A position held now by someone who keeps it (absent from the file, or not moving away)."""
        plan = self.plan
        moving = set()
        for ref, (_number, _nip, pk) in self.claims.items():
            db = plan.db_jabatan.get(ref)
            if pk in plan.seat_now and (db is None or db[0] != plan.seat_now[pk][0]):
                moving.add(pk)
        kept = []
        for ref, (number, _nip, pk) in self.claims.items():
            db = plan.db_jabatan.get(ref)
            holder = plan.holder_of.get(db[0]) if db else None
            if holder is not None and holder != pk and holder not in moving:
                kept.append((number, holder))
        if not kept:
            return
        nip_of = dict(Pegawai.objects.filter(pk__in={h for _n, h in kept}).values_list("pk", "nip"))
        for number, holder in kept:
            self.report.refuse(
                PEGAWAI,
                number,
                "jabatan_id",
                _("The position is held twice: NIP %(nip)s holds it now and keeps it.")
                % {"nip": nip_of[holder]},
            )

    def refuse_other_agency(self) -> None:
        nips = list(self.new_nips)
        for start in range(0, len(nips), NIPS_PER_QUERY):
            chunk = nips[start : start + NIPS_PER_QUERY]
            for nip in Pegawai.objects.filter(nip__in=chunk).values_list("nip", flat=True):
                self.report.refuse(
                    PEGAWAI,
                    self.new_nips[nip],
                    "nip_baru",
                    _("The NIP %(nip)s belongs to another agency.") % {"nip": nip},
                )

    def list_missing(self) -> None:
        """Report the pegawai with a current position who are not in the file."""
        holders = set(self.plan.seat_now)
        people = Pegawai.objects.filter(instansi=self.plan.instansi).values_list("pk", "nip", "nama")
        for pk, nip, nama in people.iterator():
            if pk in holders and nip not in self.seen:
                self.report.missing.append((nip, nama))
