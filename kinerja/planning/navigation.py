"""Planning's menu entries and home card (registered in PlanningConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.navigation import HomeCard, MenuItem, per_request
from kinerja.org.permissions import request_instansi
from kinerja.planning import permissions, selectors
from kinerja.planning.models import StatusSKP


def _summary(request) -> dict:
    """What the menu and the home card show: may start an SKP, the inbox with its count, admin screens.
    Computed once per request; the count is one query, never per row."""

    def compute():
        user = request.user
        access = access_of(user)
        bkpsdm = permissions.can_manage_years(user, access.instansi_id)
        counts = selectors.waiting_counts(
            pegawai_id=access.pegawai_id,
            ppk_instansi_id=access.instansi_id if bkpsdm else None,
            tahun=clock.today(user.instansi).year,
        )
        return {
            "skp": permissions.can_start(user),
            "inbox": counts["memimpin"] or counts["menunggu"] > 0 or bkpsdm,
            "menunggu": counts["menunggu"] + counts["menunggu_ppk"],
            "years": bkpsdm,
            "list": permissions.can_export(user, access.instansi_id),
        }

    return per_request(request, "planning", compute)


def menu(request) -> list[MenuItem]:
    summary = _summary(request)
    items = []
    if summary["skp"]:
        items.append(MenuItem(_("SKP"), reverse("planning:index")))
    if summary["inbox"]:
        items.append(
            MenuItem(
                _("SKP inbox"),
                reverse("planning:inbox"),
                testid="nav-inbox",
                badge=summary["menunggu"],
                badge_label=_("waiting for a decision"),
                badge_testid="inbox-count",
            )
        )
    if summary["years"] or summary["list"]:
        children = []
        if summary["list"]:
            children.append(MenuItem(_("SKP list"), reverse("planning:list")))
        children.append(MenuItem(_("Cascade of work results"), reverse("planning:cascade")))
        if summary["years"]:
            children.append(MenuItem(_("Performance years"), reverse("planning:years")))
        items.append(MenuItem(_("SKP administration"), children=children))
    return items


def my_skp(request) -> HomeCard | None:
    """The card "My SKP" for a pegawai (with the inbox summary when they assess someone), or the inbox card
    of an admin BKPSDM who decides on behalf of the PPK."""
    summary = _summary(request)
    pegawai = request.user.pegawai
    if pegawai is None:
        if not summary["inbox"]:
            return None
        return HomeCard("planning/_card_ppk_inbox.html", summary)
    return HomeCard("planning/_card_my_skp.html", {**summary, "skp_saya": _my_skp(pegawai)})


def _my_skp(pegawai) -> dict:
    """This year's SKP of the pegawai (the latest one), or the year's deadline to start; for a returned SKP who
    returned it and when, for an approved one the next date of the year's calendar."""
    today = clock.today(pegawai.instansi)
    found = selectors.skp_of(pegawai, today.year)
    skp = found[0] if found else None
    opened = skp.tahun_kinerja if skp else selectors.tahun_of(pegawai.instansi_id, today.year)
    status = skp.status if skp else ""
    return {
        "tahun": today.year,
        "skp": skp,
        "dibuka": opened is not None,
        "tenggat": selectors.deadline_of(skp) if skp else (opened.tenggat_skp if opened else None),
        "dikembalikan": _returned(skp, pegawai.instansi) if status == StatusSKP.DIKEMBALIKAN else None,
        "disetujui": clock.local_date(skp.disetujui_at, pegawai.instansi)
        if skp and skp.disetujui_at
        else None,
        "periode": (
            selectors.next_period(opened, today) if opened and status == StatusSKP.DISETUJUI else None
        ),
    }


def _returned(skp, instansi) -> dict:
    """Why the SKP was returned, by whom (their name, not their login) and on which day."""
    event = selectors.last_return(skp)
    actor = event.actor if event else None
    by = actor.pegawai.nama_lengkap if actor and actor.pegawai else (event.actor_label if event else "")
    return {
        "alasan": skp.catatan_pengembalian,
        "oleh": by or skp.identitas_penilai.get("nama", ""),
        "tanggal": clock.local_date(event.created_at, instansi) if event else None,
    }


def year_state(request) -> HomeCard | None:
    """The state of this year's SKP across the instansi (or a department administrator's units), for those who
    list SKP: how many are approved, wait for a decision, were returned or are still drafts."""
    if not _summary(request)["list"]:
        return None
    user = request.user
    instansi = request_instansi(request)
    if instansi is None:
        return None
    today = clock.today(instansi)
    opened = selectors.tahun_of(instansi.pk, today.year)
    visible = permissions.skp_visible_to(user).filter(instansi=instansi)
    counts = selectors.year_state(visible, today.year) if opened else {}
    return HomeCard(
        "planning/_card_year_state.html",
        {
            "instansi": instansi,
            "tahun": today.year,
            "dibuka": opened,
            "counts": counts,
            "total": sum(counts.values()),
            "periode": selectors.next_period(opened, today) if opened else None,
            "years": permissions.can_manage_years(user, instansi.pk),
        },
    )


PROFILE_SKP = 6  # the latest ones; older years are on the SKP list


def pegawai_skp(request, pegawai) -> HomeCard | None:
    """On a pegawai's profile: their SKP the user may see (latest year first) with the status of each."""
    found = list(selectors.skp_of_pegawai(permissions.skp_visible_to(request.user), pegawai)[:PROFILE_SKP])
    return HomeCard(
        "planning/_panel_pegawai_skp.html",
        {"skp": found, "pegawai": pegawai, "mine": permissions.can_start_for(request.user, pegawai)},
    )
