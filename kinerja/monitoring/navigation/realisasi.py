"""Home card of the realisasi area: what the pegawai has to fill, and by when."""

from kinerja.core import clock
from kinerja.core.navigation import HomeCard
from kinerja.monitoring import selectors


def due(request):
    """For a pegawai: the periods of their approved SKP in force today that take input, with how many
    indikator are still unfilled and the deadline (a fixed number of queries)."""
    pegawai = getattr(request.user, "pegawai", None)
    if pegawai is None:
        return None
    rows = selectors.due_for(pegawai.pk, clock.today(pegawai.instansi))
    if not rows:
        return None
    return HomeCard("monitoring/_card_due.html", {"rows": rows})
