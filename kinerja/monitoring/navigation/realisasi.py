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


def capaian(request, skp):
    """On the SKP's page (planning's), once the SKP is approved and a period has begun: each indikator's annual
    target beside its realisation and capaian year to date, up to the period running today, with a link to the
    realisasi page (a fixed number of queries; the page has checked that the user may see the SKP)."""
    if not skp.versi:
        return None
    page = selectors.realisasi_page(skp)
    current = page.period(None)
    if current is None or not current.started:
        return None
    return HomeCard("monitoring/_panel_skp_capaian.html", {"page": page, "current": current})
