"""Routes of attendance: the list of imported files and the import (upload → preview → apply), for the admin
BKPSDM (the whole instansi) and a department administrator (the people placed in their units). The file names
`atasan` (Dinas Kesehatan): the department administrator of Dinas Pendidikan sees the preview with that row
refused, and their apply is refused (back to the form, nothing written). The outsider (admin BKPSDM of another
instansi) previews a NIP unknown in their instansi, and cannot apply a preview made for Kota Sukamaju."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core import clock
from kinerja.core import imports as pipeline
from kinerja.core.testing.harness import LOGIN, OK, Route, expect, expect_roles
from kinerja.monitoring.models import Kehadiran
from kinerja.monitoring.tests.routes_team import REOPENS
from kinerja.monitoring.views.kehadiran import PURPOSE
from kinerja.org.tests.routes import page_for
from kinerja.testkit import cast as named

ADMINS = REOPENS  # the same administrators as the reopening of a period


def _csv(o) -> bytes:
    year = named.year()
    today = clock.today(year.instansi)
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    nip = o.cast.atasan.pegawai.nip
    return f"NIP;Tanggal;Status\n{nip};{last_month:%d/%m/%Y};H\n".encode()


def _upload(o) -> dict:
    return {"berkas": SimpleUploadedFile("absensi.csv", _csv(o), content_type="text/csv")}


def _payload(o) -> dict:
    """The apply step's POST: a preview of Kota Sukamaju's, kept for any user."""
    stored = pipeline.keep(_csv(o), name="absensi.csv")
    token = pipeline.sign_stored(PURPOSE, stored, target_id=named.year().instansi_id, user_id=None)
    return {"payload": token}


def _state(o):
    return Kehadiran.objects.count()


# The record of `pegawai` (Dinas Kesehatan): the pegawai, their penilai (`atasan`), the admin BKPSDM and the
# superuser; nobody else learns it exists.
SEES_RECORD = ("pegawai", "atasan", "admin_bkpsdm", "superuser")

ROUTES: list = [
    Route(
        "GET /api/v1/kehadiran/pegawai/{pegawai_id}",
        kwargs=lambda o: {"pegawai_id": o.cast.pegawai.pegawai.pk},
        read=expect_roles(404, {200: SEES_RECORD}, anon=401),
    ),
    # the API works in the caller's own instansi: the superuser belongs to none
    Route(
        "GET /api/v1/kehadiran/impor",
        read=expect_roles(403, {200: tuple(r for r in ADMINS if r != "superuser")}, anon=401),
    ),
    Route("monitoring:kehadiran_list", read=page_for(ADMINS)),
    Route(
        "monitoring:kehadiran_import",
        read=page_for(ADMINS),
        # the upload only previews: nothing is written
        data=_upload,
        state=_state,
        write=page_for(ADMINS),
    ),
    Route(
        "monitoring:kehadiran_apply",
        read=expect(405, anon=LOGIN),
        data=_payload,
        state=_state,
        write=expect_roles(
            403, {OK: ("admin_bkpsdm", "superuser"), 302: ("admin_pd", "outsider")}, anon=LOGIN
        ),
    ),
]
