"""The distribution check of SE MenPANRB 3/2023 (shared/DOMAIN.md 2.6), as pure functions.

A unit's organisation predikat holds its employees' predikat to a pattern, kept in the framework's `distribusi`
section: rows {organisasi, jenis: "maks" | "min" | "ada", predikat: [...], persen}. `check_distribution` says which
rows the counts break, with the bound, the actual share and the fewest people whose predikat would have to change;
percentages are exact fractions (no rounding decides a violation). Small units cannot be precise: one person of
four is 25%, so each result says what one person weighs."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from kinerja.core.formats import angka
from kinerja.criteria.rules import PREDIKAT, PREDIKAT_LABELS, label

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
COARSE_PERSEN = Decimal(10)  # one person weighs more than this: the unit is too small for precise percentages


def share(n: int, total: int) -> Decimal:
    """n of total as a percentage with two decimals (0 for an empty unit); for display only."""
    if not total:
        return Decimal(0)
    return (Decimal(n) * HUNDRED / total).quantize(CENT, rounding=ROUND_HALF_UP)


def one_person(total: int) -> Decimal | None:
    """The share one person makes of the unit, or None for an empty one."""
    return share(1, total) if total else None


def is_coarse(total: int) -> bool:
    return total > 0 and HUNDRED / total > COARSE_PERSEN


def _fraction(persen, total: int) -> tuple[int, int]:
    """persen% of total as an exact fraction (persen is a number or its text: 70, "12.5")."""
    num, den = Decimal(str(persen)).as_integer_ratio()
    return num * total, den * 100


def allowed_at_most(persen, total: int) -> int:
    """The most people a "maks persen" rule allows in a unit of `total`: persen% of it, rounded down."""
    num, den = _fraction(persen, total)
    return num // den


def needed_at_least(persen, total: int) -> int:
    """The fewest people a "min persen" rule needs in a unit of `total`: persen% of it, rounded up."""
    num, den = _fraction(persen, total)
    return -(-num // den)


@dataclass(frozen=True)
class Violation:
    rule: Mapping  # the framework's row
    count: int  # people whose predikat is in the rule's group
    total: int
    to_move: int  # the fewest people whose predikat would have to change for the rule to hold

    @property
    def jenis(self) -> str:
        return self.rule["jenis"]

    @property
    def bound_persen(self) -> Decimal | None:
        return None if self.jenis == "ada" else Decimal(str(self.rule["persen"]))

    @property
    def actual_persen(self) -> Decimal:
        return share(self.count, self.total)

    @property
    def one_person_persen(self) -> Decimal | None:
        return one_person(self.total)

    @property
    def group(self) -> str:
        return group_label(self.rule["predikat"])

    def explain(self) -> str:
        """The violation in a sentence, with the numbers behind it."""
        values = {
            "group": self.group,
            "bound": angka(self.bound_persen) if self.bound_persen is not None else "",
            "actual": angka(self.actual_persen),
            "count": self.count,
            "total": self.total,
            "move": self.to_move,
        }
        if self.jenis == "maks":
            text = _(
                "%(group)s: at most %(bound)s%% allowed, %(count)s of %(total)s people (%(actual)s%%); "
                "%(move)s would have to move to another predikat."
            )
        elif self.jenis == "min":
            text = _(
                "%(group)s: at least %(bound)s%% required, %(count)s of %(total)s people (%(actual)s%%); "
                "%(move)s more would be needed."
            )
        else:
            text = _("%(group)s: at least one person required, none of %(total)s.")
        return text % values


def group_label(predikat: list[str]) -> str:
    return _(" or ").join(str(label(PREDIKAT_LABELS, p)) for p in predikat)


def check_distribution(
    organisation_predikat: str, counts: Mapping[str, int], rules: Sequence[Mapping]
) -> list[Violation]:
    """The rules of `organisation_predikat` that the employees' predikat `counts` break, in the rules' order.
    An empty unit breaks none: there is nobody to distribute. Predikat outside the five count in the total."""
    total = sum(counts.values())
    if not total:
        return []
    result = []
    for rule in rules:
        if rule["organisasi"] != organisation_predikat:
            continue
        n = sum(counts.get(p, 0) for p in rule["predikat"])
        if rule["jenis"] == "maks":
            excess = n - allowed_at_most(rule["persen"], total)
            if excess > 0:
                result.append(Violation(rule, n, total, excess))
        elif rule["jenis"] == "min":
            missing = needed_at_least(rule["persen"], total) - n
            if missing > 0:
                result.append(Violation(rule, n, total, missing))
        elif rule["jenis"] == "ada" and n == 0:
            result.append(Violation(rule, n, total, 1))
    return result


def bands(
    organisation_predikat: str, rules: Sequence[Mapping]
) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """Per employee predikat, the (lowest, highest) share the rules that name it alone allow; rules over a group of
    predikat are shown as violations, not as one predikat's band."""
    result: dict[str, tuple[Decimal | None, Decimal | None]] = {p: (None, None) for p in PREDIKAT}
    for rule in rules:
        if rule["organisasi"] != organisation_predikat or len(rule["predikat"]) != 1:
            continue
        p = rule["predikat"][0]
        low, high = result.get(p, (None, None))
        if rule["jenis"] == "min":
            low = Decimal(str(rule["persen"]))
        elif rule["jenis"] == "maks":
            high = Decimal(str(rule["persen"]))
        result[p] = (low, high)
    return result
