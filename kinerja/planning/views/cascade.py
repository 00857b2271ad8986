"""The cascade (matriks peran hasil) below a leader."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from kinerja.core import clock
from kinerja.core.formats import parse_int
from kinerja.org import permissions as org_permissions
from kinerja.planning import forms, selectors
from kinerja.planning.views import base

# Levels of the cascade shown at once; deeper RHK are counted and reached through their owner's cascade.
DEPTHS = (2, 3, 4, 6, 10)
# Two levels by default: a kepala dinas sees their RHK, their kabid's and the kasi's (about 200 KB of HTML at
# 20,000 pegawai; four levels of the Sekda's cascade would be 13 MB on a slow link).
DEFAULT_DEPTH = 2


def _count_below(node) -> int:
    node.turunan = sum(1 + _count_below(child) for child in node.children)
    return node.turunan


def _leader(request, error: list[str]):
    """The leader whose cascade is shown: ?nip=, ?pegawai=<id>, else the user, else the highest one they see."""
    user = request.user
    wanted = request.GET.get("pegawai", "")
    nip = forms.clean_nip(request.GET.get("nip", ""))
    if nip:
        found = selectors.pegawai_by_nip(org_permissions.pegawai_visible_to(user), nip)
        if found is None:
            error.append(_("No employee you may see has the NIP %(nip)s.") % {"nip": request.GET["nip"]})
        return found
    if wanted.isdigit():
        # A number no pegawai can have (beyond 64 bits, "²") is not found, rather than a 500 in the database.
        pk = parse_int(wanted, low=1)
        if pk is None:
            raise Http404
        return org_permissions.get_pegawai_for_user_or_404(user, pk)
    if user.pegawai_id:
        return user.pegawai
    return selectors.highest_leader(org_permissions.pegawai_visible_to(user), clock.today(user.instansi))


def cascade(request):
    tahun = base.year_of(request, request.GET.get("tahun"))
    depth = request.GET.get("kedalaman", "")
    depth = parse_int(depth)
    depth = depth if depth in DEPTHS else DEFAULT_DEPTH
    error: list[str] = []
    leader = _leader(request, error)
    result = selectors.cascade(leader, tahun) if leader is not None else None
    summary = None
    if result is not None:
        total = sum(1 + _count_below(root) for root in result.roots)
        for node in result.yatim:
            _count_below(node)
        summary = {
            "skp": result.jumlah_skp,
            "rhk_pimpinan": len(result.roots),
            "rhk": total,
            "tidak_didukung": result.tidak_didukung,
            "yatim": len(result.yatim),
        }
    return render(
        request,
        "planning/lead_cascade.html",
        {
            "tahun": tahun,
            "leader": leader,
            "cascade": result,
            "summary": summary,
            "depth": depth,
            "depths": DEPTHS,
            "error": error[0] if error else "",
            "nip": request.GET.get("nip", ""),
            "own": leader is not None and leader.pk == request.user.pegawai_id,
        },
    )
