"""Applying a clean plan through the org services, in one transaction with its import record, or not at all.

Every write is a service call (permission-checked and audited); an error on any row rolls back the whole file.
"""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.utils.translation import gettext as _

from kinerja.core.errors import ApplicationError
from kinerja.core.tabular import Book, Sheet
from kinerja.org import services, services_import
from kinerja.org.imports.columns import JABATAN, PEGAWAI, UNIT
from kinerja.org.imports.parsing import parse_pegawai, sheet_rows, sheets_of
from kinerja.org.imports.plan import Plan, validate
from kinerja.org.imports.report import ImportRefused, ImportStale, Report
from kinerja.org.models import Instansi, Jabatan, JenisPenugasan, Pegawai, Penugasan, StatusPegawai, UnitKerja


def apply(
    *,
    actor,
    instansi: Instansi,
    book: Book,
    file_name: str,
    sha256: str,
    progress=None,
    fingerprint: dict[str, str] | None = None,
) -> Report:
    """Validate again and write everything in one transaction (or nothing: ImportRefused, ApplicationError).

    With the preview's `fingerprint`, refuse (ImportStale) when a record the file changes was changed since:
    validating again alone would apply the file over the other change without a word."""
    plan = validate(actor=actor, instansi=instansi, book=book, file_name=file_name, progress=progress)
    report = plan.report
    if not report.ok:
        raise ImportRefused(report)
    if fingerprint is not None:
        changed = plan.changed_since(fingerprint)
        if changed:
            raise ImportStale(changed)
    if report.nothing_to_change:
        return report
    writer = _Writer(plan, actor, _("Import of %(file)s") % {"file": file_name})
    report.record = services_import.import_apply(
        actor=actor,
        instansi=instansi,
        file_name=file_name,
        sha256=sha256,
        kinds=report.kinds,
        counts=report.counts,
        missing=[nip for nip, _nama in report.missing],
        write=lambda: writer.write(book, progress),
    )
    report.applied = True
    return report


def _created_parents_first(plans: dict, parent: Callable) -> Iterator:
    """The plans to create (`plans` by key), each after its parent when that is created too (cycles were
    refused)."""
    todo = [(key, item) for key, item in plans.items() if item.action == "created"]
    waiting = {key for key, _item in todo}
    while todo:
        rest = []
        for key, item in todo:
            if parent(item) in waiting:
                rest.append((key, item))
                continue
            yield item
            waiting.discard(key)
        todo = rest


def _cached(cache: dict, key: str, load: Callable):
    """`cache[key]`, loaded first when missing; None for an empty key (no parent unit, no position above)."""
    if not key:
        return None
    if key not in cache:
        cache[key] = load()
    return cache[key]


class _Writer:
    def __init__(self, plan: Plan, actor, reason: str):
        self.plan, self.actor, self.reason = plan, actor, reason
        self.unit_by_kode = {}
        self.jabatan_by_ref = {}

    def write(self, book: Book, progress) -> None:
        self.units()
        self.jabatan()
        if self.plan.has_pegawai:
            self.pegawai(sheets_of(book)[PEGAWAI], progress)

    @contextmanager
    def _row(self, kind, row):
        """Refuse the whole file, naming this row, when a service refuses what the row asks for."""
        try:
            yield
        except ApplicationError as exc:
            report = self.plan.report
            messages = getattr(exc, "message_dict", None) or {"": [str(exc)]}
            for column, msgs in messages.items():
                report.refuse(
                    kind, row, column, "; ".join(map(str, msgs if isinstance(msgs, list) else [msgs]))
                )
            raise ImportRefused(report) from exc

    def unit(self, kode: str):
        return _cached(
            self.unit_by_kode, kode, lambda: UnitKerja.objects.get(instansi=self.plan.instansi, kode=kode)
        )

    def units(self) -> None:
        plan = self.plan
        for u in _created_parents_first(plan.units, lambda u: u.parent):
            with self._row(UNIT, u.row):
                self.unit_by_kode[u.kode] = services.unit_create(
                    actor=self.actor,
                    instansi=plan.instansi,
                    kode=u.kode,
                    nama=u.nama,
                    parent=self.unit(u.parent),
                    eselon=u.eselon,
                )
        for u in plan.units.values():
            if u.action != "updated":
                continue
            _pk, parent, nama, eselon = plan.db_units[u.kode]
            with self._row(UNIT, u.row):
                unit = self.unit(u.kode)
                if (nama, eselon) != (u.nama, u.eselon):
                    unit = services.unit_update(
                        actor=self.actor,
                        unit=unit,
                        kode=u.kode,
                        nama=u.nama,
                        eselon=u.eselon,
                        reason=self.reason,
                    )
                if parent != u.parent:
                    unit = services.unit_move(
                        actor=self.actor,
                        unit=unit,
                        new_parent=self.unit(u.parent),
                        tanggal=plan.today,
                        reason=self.reason,
                    )
                self.unit_by_kode[u.kode] = unit

    def position(self, ref: str):
        return _cached(self.jabatan_by_ref, ref, lambda: Jabatan.objects.get(pk=self.plan.db_jabatan[ref][0]))

    def _position_values(self, j) -> dict:
        """A position row's fields as the jabatan services take them."""
        return {
            "unit": self.unit(j.unit),
            "nama": j.nama,
            "jenis": j.jenis,
            "jenjang": j.jenjang,
            "eselon": j.eselon,
            "atasan": self.position(j.atasan),
            "kepala_unit": j.kepala_unit,
        }

    def jabatan(self) -> None:
        plan = self.plan
        for j in _created_parents_first(plan.jabatan, lambda j: j.atasan):
            with self._row(JABATAN, j.row):
                self.jabatan_by_ref[j.ref] = services.jabatan_create(
                    actor=self.actor, kode="" if j.ref.startswith("#") else j.ref, **self._position_values(j)
                )
        # Positions that stop heading their unit first, so that another may start.
        updated = sorted(
            (j for j in plan.jabatan.values() if j.action == "updated"), key=lambda j: j.kepala_unit
        )
        for j in updated:
            with self._row(JABATAN, j.row):
                self.jabatan_by_ref[j.ref] = services.jabatan_update(
                    actor=self.actor,
                    jabatan=self.position(j.ref),
                    reason=self.reason,
                    aktif=True,
                    **self._position_values(j),
                )

    def seat(self, ref: str):
        if ref in self.plan.new_seats and ref not in self.jabatan_by_ref:
            s = self.plan.new_seats[ref]
            unit = self.unit(s.unit)
            head = Jabatan.objects.filter(unit=unit, kepala_unit=True, aktif=True).first()
            if s.kepala_unit:
                parent_head = Jabatan.objects.filter(
                    unit_id=unit.parent_id, kepala_unit=True, aktif=True
                ).first()
                atasan = parent_head
            else:
                atasan = head
            self.jabatan_by_ref[ref] = services.jabatan_create(
                actor=self.actor,
                unit=unit,
                nama=s.nama,
                jenis=s.jenis,
                jenjang=s.jenjang,
                eselon=unit.eselon if s.kepala_unit else "",
                atasan=atasan,
                kepala_unit=s.kepala_unit,
            )
        return self.position(ref)

    def pegawai(self, sheet: Sheet, progress) -> None:
        plan = self.plan
        moves = []
        for number, cells in sheet_rows(sheet, PEGAWAI, plan.report, progress):
            action = plan.pegawai_rows.get(number)
            if action is None:
                continue
            row = parse_pegawai(cells, plan.pppk_nips)
            values = dict(row.values)
            if values["status"] == StatusPegawai.PPPK:
                values["grade_pppk"], values["golongan"] = values["golongan"], ""
            else:
                values["grade_pppk"] = ""
            with self._row(PEGAWAI, number):
                if action == "created":
                    pegawai = services.pegawai_create(
                        actor=self.actor, instansi=plan.instansi, nip=row.nip, **values
                    )
                else:
                    pegawai = Pegawai.objects.get(nip=row.nip)
                    current = {k: getattr(pegawai, k) for k in values}
                    if current != values:
                        pegawai = services.pegawai_update(
                            actor=self.actor, pegawai=pegawai, reason=self.reason, **values
                        )
                ref = plan.seat_of_row.get(number)
                if ref:
                    moves.append((number, pegawai, self.seat(ref), row.tmt))
        self._move(moves)

    def _move(self, moves) -> None:
        """Take the new seats, those already free first; seats swapped between people: end, then take."""
        plan = self.plan
        while moves:
            rest = []
            for number, pegawai, jabatan, tmt in moves:
                tanggal = self._start(pegawai, jabatan, tmt)
                occupied = (
                    Penugasan.objects.active_at(tanggal)
                    .filter(jabatan=jabatan, jenis=JenisPenugasan.DEFINITIF)
                    .exclude(pegawai=pegawai)
                    .exists()
                )
                if occupied:
                    rest.append((number, pegawai, jabatan, tmt))
                    continue
                self._take(number, pegawai, jabatan, tanggal)
            if len(rest) == len(moves):
                rest = [(n, p, j, t or plan.today) for n, p, j, t in rest]
                for number, pegawai, _jabatan, tanggal in rest:
                    current = (
                        Penugasan.objects.active_at(tanggal)
                        .filter(pegawai=pegawai, jenis=JenisPenugasan.DEFINITIF)
                        .first()
                    )
                    if current is not None:
                        with self._row(PEGAWAI, number):
                            services.penugasan_end(
                                actor=self.actor,
                                penugasan=current,
                                selesai=tanggal - datetime.timedelta(days=1),
                                reason=self.reason,
                            )
                    plan.seat_now.pop(pegawai.pk, None)
                for number, pegawai, jabatan, tanggal in rest:
                    self._take(number, pegawai, jabatan, tanggal)
                rest = []
            moves = rest

    def _start(self, pegawai, jabatan, tmt) -> datetime.date:
        """The TMT given; else today for a transfer; else 1 January, or the day after the seat's last holder left."""
        if tmt is not None:
            return tmt
        if pegawai.pk in self.plan.seat_now:
            return self.plan.today
        start = datetime.date(self.plan.today.year, 1, 1)
        ended = (
            Penugasan.objects.filter(jabatan=jabatan, jenis=JenisPenugasan.DEFINITIF, selesai__isnull=False)
            .order_by("-selesai")
            .values_list("selesai", flat=True)
            .first()
        )
        if ended is not None and ended >= start:
            start = ended + datetime.timedelta(days=1)
        return start

    def _take(self, number, pegawai, jabatan, tanggal) -> None:
        with self._row(PEGAWAI, number):
            if pegawai.pk in self.plan.seat_now:
                services.pegawai_transfer(
                    actor=self.actor, pegawai=pegawai, jabatan=jabatan, tanggal=tanggal, reason=self.reason
                )
            else:
                services.penugasan_create(
                    actor=self.actor,
                    pegawai=pegawai,
                    jabatan=jabatan,
                    jenis=JenisPenugasan.DEFINITIF,
                    mulai=tanggal,
                    keterangan=self.reason,
                )
