"""What an import found or did: counts per sheet, the refused rows, the people missing from the file."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kinerja.core.errors import ApplicationError
from kinerja.org.imports.columns import JABATAN, KINDS, PEGAWAI, UNIT
from kinerja.org.models import ImportRecord

MAX_LISTED_REFUSALS = 1000
MAX_LISTED_CHANGES = 300  # rows listed on the preview; the counts say how many there are in all


@dataclass
class Change:
    """A row the import would create or change: its sheet, row number, code (or NIP) and name."""

    sheet: str
    row: int
    action: str  # created, updated
    key: str
    name: str


@dataclass
class Refusal:
    sheet: str
    row: int
    column: str
    reason: str


@dataclass
class Report:
    file_name: str = ""
    kinds: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    refused: list[Refusal] = field(default_factory=list)
    refused_total: int = 0
    missing: list[tuple[str, str]] = field(default_factory=list)  # (NIP, name)
    changes: list[Change] = field(
        default_factory=list
    )  # the first MAX_LISTED_CHANGES created or changed rows
    record: ImportRecord | None = None
    applied: bool = False
    # The records the file changes, each with a digest of how it is now ("unit:<kode>", "jabatan:<ref>",
    # "pegawai:<nip>"); the preview's is compared at apply.
    fingerprint: dict[str, str] = field(default_factory=dict)

    def count(self, kind: str, what: str, n: int = 1) -> None:
        self.counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0, "refused": 0})[what] += n

    def change(self, kind: str, row: int, action: str, key: str, name: str) -> None:
        """Count a row's action and, when it creates or changes something, list it (up to the cap)."""
        self.count(kind, action)
        if action != "unchanged" and len(self.changes) < MAX_LISTED_CHANGES:
            self.changes.append(Change(kind, row, action, key, name))

    @property
    def changes_total(self) -> int:
        return sum(c["created"] + c["updated"] for c in self.counts.values())

    def refuse(self, kind: str, row: int, column: str, reason: str) -> None:
        self.count(kind, "refused")
        self.refused_total += 1
        if len(self.refused) < MAX_LISTED_REFUSALS:
            self.refused.append(Refusal(kind, row, column, reason))

    @property
    def ok(self) -> bool:
        return self.refused_total == 0

    @property
    def nothing_to_change(self) -> bool:
        return self.ok and not any(c["created"] or c["updated"] for c in self.counts.values())

    def lines(self) -> Iterator[str]:
        """The report as text lines (for the command line)."""
        labels = {UNIT: _("Units"), JABATAN: _("Positions"), PEGAWAI: _("Employees")}
        for kind in KINDS:
            if kind in self.counts:
                c = self.counts[kind]
                yield _(
                    "%(sheet)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                    "%(refused)s refused"
                ) % {"sheet": labels[kind], **c}
        for r in self.refused:
            yield _("Refused: sheet %(sheet)s row %(row)s column %(column)s: %(reason)s") % r.__dict__
        if self.refused_total > len(self.refused):
            yield _("... and %(n)s more refused rows.") % {"n": self.refused_total - len(self.refused)}
        if self.missing:
            yield _("%(n)s employees with a current position are not in the file (nothing was ended):") % {
                "n": len(self.missing)
            }
            for nip, nama in self.missing:
                yield f"  {nip} {nama}"
        if self.nothing_to_change:
            yield _("Nothing to change: the data already matches the file.")


def _label(key: str) -> str:
    kind, _sep, ref = key.partition(":")
    if kind == "pegawai":
        return _("employee %(nip)s") % {"nip": ref}
    if kind == "unit":
        return _("unit %(kode)s") % {"kode": ref}
    return _("position %(kode)s") % {"kode": ref}


class ImportStale(ApplicationError):
    """Raised by `apply` when records the file changes were changed by someone else after the preview."""

    MAX_LISTED = 20

    def __init__(self, changed: list[str]):
        listed = ", ".join(_label(key) for key in changed[: self.MAX_LISTED])
        if len(changed) > self.MAX_LISTED:
            listed += " " + _("and %(n)s more") % {"n": len(changed) - self.MAX_LISTED}
        super().__init__(
            {
                "berkas": _(
                    "Since the preview, someone else changed %(records)s; nothing was imported. Upload the "
                    "file again to see what it would change now."
                )
                % {"records": listed}
            }
        )
        self.changed = changed


class ImportRefused(ApplicationError):
    """Raised by `apply` when the file has refused rows; carries the report."""

    def __init__(self, report: Report):
        super().__init__({"berkas": _("The file has refused rows; nothing was changed.")})
        self.report = report
