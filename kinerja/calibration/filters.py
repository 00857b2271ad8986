"""The span and the units a curve is asked for, as the page's address says (?tahun=, ?periode=<nomor>|tahunan,
?unit=<id>, ?tingkat=perangkat_daerah|unit): read the same way by the page and the API."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.calibration import permissions, selectors
from kinerja.core.formats import parse_int
from kinerja.evaluation.views.span import span_from


@dataclass
class Scope:
    instansi: object
    paths: list[str] | None
    unit: object
    units: list
    tahun: int
    periode: object
    periods: list
    today: object
    level: str

    def curve(self) -> selectors.Curve:
        return selectors.curve(self.instansi.pk, self.tahun, self.periode, self.today, self.paths, self.level)


def scope(request) -> Scope:
    access = access_of(request.user)
    if not permissions.can_read_curve(request.user, access.instansi_id):
        raise PermissionDenied(
            _("The distribution curve is for the BKPSDM, the evaluation team and auditors.")
        )
    instansi = request.user.instansi
    allowed = permissions.curve_paths(request.user)
    choices = selectors.unit_choices(instansi.pk, allowed)
    unit = next((u for u in choices if u.pk == parse_int(request.GET.get("unit"))), None)
    tahun, periode, periods, today = span_from(request, instansi)
    level = request.GET.get("tingkat")
    return Scope(
        instansi,
        [unit.path] if unit is not None else allowed,
        unit,
        choices,
        tahun,
        periode,
        periods,
        today,
        level if level in selectors.LEVELS else selectors.LEVELS[0],
    )
