"""Schemathesis over the OpenAPI document: every operation of /api/v1/, called with generated input as the admin
BKPSDM and as a pegawai, each with a personal token, never answers 5xx.

Bounded so that it stays a unit test: a few examples per operation and mode, no Hypothesis database, no deadline.
The requests go in-process through Django's WSGI handler, inside the test's transaction (rolled back after it),
so writes are real: the pegawai's fuzzed RHK and indikator land in the draft made below.
"""

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error

from conftest import YEAR
from kinerja.accounts import services as accounts
from kinerja.criteria.models import Kerangka
from kinerja.org.models import Penugasan
from kinerja.planning.models import RHK, SKP

pytestmark = pytest.mark.django_db

# Per operation, mode and kind of path (real ids or generated ones); KINERJA_FUZZ_EXAMPLES=200 searches harder.
EXAMPLES = int(os.environ.get("KINERJA_FUZZ_EXAMPLES", "12"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


@pytest.fixture
def wsgi_app() -> Iterator[Any]:
    """Django's WSGI application, the one the servers run (without django.setup() again, which would redo the
    logging configuration in the middle of the suite).

    Each request starts and ends by closing "old" connections, which inside the test's transaction would close
    it (on PostgreSQL: every later query fails). As Django's test client does, don't for these requests; the
    test client connects the handler again after each of its own requests, hence the disconnection per call."""
    handler = WSGIHandler()

    def application(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        return handler(environ, start_response)

    try:
        yield application
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _bearer(user) -> dict[str, str]:
    _token, secret = accounts.api_token_create(actor=user, name="schemathesis")
    return {"Authorization": f"Bearer {secret}"}


def _draft(cast, headers: dict[str, str]) -> dict[str, int]:
    """The pegawai's own draft SKP with an RHK and an indikator, made over the API: ids that reach the services."""
    client = Client(headers=headers)

    def post(url: str, data: dict) -> dict:
        response = client.post(f"/api/v1{url}", json.dumps(data), content_type="application/json")
        assert response.status_code == 201, (url, response.content)
        return response.json()

    skp = post("/skp", {"tahun": YEAR})
    parent = RHK.objects.filter(skp__pegawai=cast.atasan.pegawai, skp__tahun_kinerja__tahun=YEAR).first()
    rhk = post(
        f"/skp/{skp['id']}/rhk",
        {"kunci": skp["kunci"], "uraian": "Data imunisasi mutakhir", "rhk_atasan_id": parent.pk},
    )
    kunci = client.get(f"/api/v1/skp/{skp['id']}").json()["kunci"]
    indikator = post(
        f"/skp/{skp['id']}/rhk/{rhk['id']}/indikator",
        {"kunci": kunci, "uraian": "Laporan", "target": "12", "satuan": "laporan"},
    )
    pegawai = cast.pegawai.pegawai
    jabatan = Penugasan.objects.filter(pegawai=pegawai).select_related("jabatan").latest("mulai").jabatan
    return {
        "skp_id": skp["id"],
        "rhk_id": rhk["id"],
        "indikator_id": indikator["id"],
        "pegawai_id": pegawai.pk,
        "unit_id": jabatan.unit_id,
        "jabatan_id": jabatan.pk,
        "kerangka_id": Kerangka.objects.order_by("pk").values_list("pk", flat=True).first(),
        **_realisasi_ids(cast),
    }


def _realisasi_ids(cast) -> dict[str, int]:
    """A realisasi of the atasan's approved SKP in the period open today, with a link as its evidence."""
    from kinerja.monitoring import selectors as monitoring_selectors
    from kinerja.monitoring import services as monitoring_services
    from kinerja.testkit import cast as named

    skp = named.current_skp(cast.atasan)
    view = monitoring_selectors.realisasi_page(skp).period(None)
    row = next(r for b in view.blocks for r in b.rows if r.numeric)
    realisasi = monitoring_services.realisasi_save(
        actor=cast.atasan, skp=skp, periode=view.periode, indikator_id=row.id, nilai="10"
    )
    bukti = monitoring_services.bukti_link(actor=cast.atasan, realisasi=realisasi, tautan="https://x.id/a")
    return {"realisasi_id": realisasi.pk, "bukti_id": bukti.pk, "periode": view.periode.nomor}


WORKFLOW = ("/ajukan", "/tarik", "/setujui", "/kembalikan", "/revisi")


def _order(operation) -> tuple[int, bool]:
    """Reads, then content writes, then deletes (the indikator before its RHK), then the workflow: so that the
    draft's RHK and indikator are still there, and the SKP still a draft, while most operations are fuzzed."""
    if operation.path.endswith(WORKFLOW):
        return 3, False
    return {"get": 0, "delete": 2}.get(operation.method.lower(), 1), "/rhk/" in operation.path


def _fuzz(operation, headers: dict[str, str], path_parameters: dict[str, int] | None) -> list[str]:
    """Run the operation's cases; the failures, each with its operation and a command that reproduces it."""
    kind = "real ids" if path_parameters else "generated ids"
    failures = []
    for mode in MODES:
        try:
            _fuzz_mode(operation, mode, headers, path_parameters)
        except (
            Exception,
            BaseExceptionGroup,
        ) as error:  # schemathesis's FailureGroup is a BaseExceptionGroup
            failures.append(f"{operation.label} ({mode.value}, {kind}):\n{error}")
    return failures


def _fuzz_mode(operation, mode, headers: dict[str, str], path_parameters: dict[str, int] | None) -> None:
    fresh_kunci = mode.is_positive and path_parameters is not None

    @FUZZ_SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    def run(case):
        if fresh_kunci and isinstance(case.body, dict) and "kunci" in case.body:
            # The current change counter, so that generated content reaches the services (not only the 409).
            case.body["kunci"] = SKP.objects.get(pk=case.path_parameters["skp_id"]).kunci
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    run()


@pytest.mark.parametrize("role", ["admin_bkpsdm", "pegawai"])
def test_no_api_operation_answers_a_server_error_to_generated_input(cast, wsgi_app, role):
    headers = _bearer(getattr(cast, role))
    known = _draft(cast, _bearer(cast.pegawai))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    failures = []
    operations = 0
    for operation in sorted((result.ok() for result in schema.get_all_operations()), key=_order):
        operations += 1
        names = {parameter.name for parameter in operation.path_parameters}
        failures += _fuzz(operation, headers, None)
        if names and names <= known.keys():  # real ids where the draft has them
            failures += _fuzz(operation, headers, {name: known[name] for name in names})
    assert operations >= 29
    assert not failures, f"{len(failures)} failing:\n\n" + "\n\n".join(failures)
