"""The questionnaire of a participant: each BerAKHLAK value of the round's framework with its indicators, then the
competencies the participant's position requires with their level descriptions (the rater picks the level the
behaviour shows, or "cannot judge")."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kinerja.criteria import selectors as criteria_selectors
from kinerja.criteria.models import NilaiPerilaku
from kinerja.feedback360 import rules
from kinerja.feedback360.models import Peserta

NILAI, KOMPETENSI = "nilai", "kompetensi"


def scale() -> dict[int, str]:
    """The words of the levels of a core value (a competency has its own level descriptions)."""
    return {
        1: _("Very rarely shown"),
        2: _("Sometimes shown"),
        3: _("Usually shown"),
        4: _("Consistently shown"),
        5: _("Shown as an example to others"),
    }


@dataclass(frozen=True)
class Item:
    key: str  # "nilai:<code>" or "kompetensi:<code>"
    kind: str
    nama: str
    uraian: list[str] = field(default_factory=list)  # a value's indicators, a competency's description
    levels: dict[int, str] = field(default_factory=dict)
    standar: int | None = None  # the level the position requires (competencies)


def _indikator(raw) -> list[str]:
    return [str(i.get("uraian", "")) if isinstance(i, dict) else str(i) for i in raw or []]


def items_of(peserta: Peserta) -> list[Item]:
    kerangka_id = peserta.ronde.kerangka_id
    words = scale()
    items = [
        Item(f"{NILAI}:{n.kode}", NILAI, n.nama, _indikator(n.indikator), words)
        for n in NilaiPerilaku.objects.filter(kerangka_id=kerangka_id).order_by("urutan", "pk")
    ]
    for s in criteria_selectors.standar_for_jabatan(kerangka_id, peserta.jabatan_id):
        k = s.kompetensi
        levels = {int(n): str(text) for n, text in (k.level or {}).items() if str(n).isdigit()}
        items.append(
            Item(
                f"{KOMPETENSI}:{k.kode}",
                KOMPETENSI,
                k.nama,
                [k.deskripsi] if k.deskripsi else [],
                {n: levels.get(n) or words[n] for n in range(1, 6)},
                s.level,
            )
        )
    return items


def level_choices(item: Item) -> list[tuple[str, str]]:
    """The choices of a form's select: blank (not answered yet), 1 to 5 with their words, and "cannot judge"."""
    return [
        ("", _("— choose —")),
        *((str(n), f"{n} – {text}") for n, text in item.levels.items()),
        (rules.CANNOT_JUDGE, _("Cannot judge")),
    ]
