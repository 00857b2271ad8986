"""Benchmarks: `make bench` (or `python bench/run.py --pegawai N`). Writes bench/results/latest.json.

Each scenario runs against a fresh SQLite database in a temporary folder loaded with the demo government of the
given size, so the numbers are comparable between runs on the same machine. Timings are wall-clock medians.
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--only",
        choices=["kehadiran", "reports", "evaluation", "feedback360", "calibration"],
        help="run one scenario after the demo load, written to bench/results/<name>.json",
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="kinerja-bench-")
    os.environ["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
    os.environ["MEDIA_ROOT"] = str(
        Path(tmp) / "media"
    )  # the demo's evidence files and the uploads timed here
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from kinerja.accounts.models import User
    from kinerja.core import demo as demo_runner
    from kinerja.org import demo, selectors
    from kinerja.org.models import Pegawai

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    results: dict = {
        "pegawai": args.pegawai,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {os.cpu_count()} cores",
    }
    started = time.perf_counter()
    demo_runner.load_demo(pegawai=args.pegawai)
    results["demo_load_seconds"] = round(time.perf_counter() - started, 2)

    scenarios = {
        "kehadiran": kehadiran,
        "reports": reports,
        "evaluation": evaluation,
        "feedback360": feedback360,
        "calibration": calibration,
    }
    if args.only in scenarios:
        scenarios[args.only](results, args)
        out = ROOT / "bench" / "results" / f"{args.only}.json"
        out.write_text(json.dumps(results, indent=2) + "\n")
        print(json.dumps(results, indent=2))
        return

    rng = random.Random(1)
    ids = list(Pegawai.objects.values_list("pk", flat=True))
    sample = [Pegawai.objects.get(pk=pk) for pk in rng.sample(ids, min(200, len(ids)))]
    results["penilai_chain_ms"] = median_ms(lambda: [selectors.penilai_chain(p) for p in sample], 3)
    results["penilai_chain_ms_per_pegawai"] = round(results["penilai_chain_ms"] / len(sample), 3)
    sekda = Pegawai.objects.get(nip=demo.NIP_SEKDA)
    results["assessed_by_sekda_ms"] = median_ms(lambda: selectors.assessed_by(sekda), args.repeat)
    kadinkes = Pegawai.objects.get(nip=demo.NIP_KEPALA_DINKES)
    results["assessed_by_kepala_dinas_ms"] = median_ms(lambda: selectors.assessed_by(kadinkes), args.repeat)

    staff = Pegawai.objects.get(nip=demo.NIP_PELAKSANA_IMUNISASI)
    pages = {
        "home_pegawai": (demo.NIP_PELAKSANA_IMUNISASI, "/"),
        "home_admin": ("admin.bkpsdm", "/"),
        "unit_tree": ("admin.bkpsdm", "/org/unit/"),
        "pegawai_search": ("admin.bkpsdm", "/org/pegawai/?q=siti"),
        "pegawai_profile": (demo.NIP_KEPALA_DINKES, f"/org/pegawai/{staff.pk}/"),
        "audit_trail": ("auditor", "/jejak-audit/"),
        "api_pegawai_list": ("admin.bkpsdm", "/api/v1/pegawai?limit=50"),
    }
    for name, (username, url) in pages.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        status = client.get(url).status_code
        assert status == 200, (name, status)
        results[f"page_{name}_ms"] = median_ms(lambda c=client, u=url: c.get(u), args.repeat)

    planning(results, args)
    monitoring(results, args)
    reports(results, args)
    evaluation(results, args)
    feedback360(results, args)
    calibration(results, args)
    kehadiran(results, args)

    out = ROOT / "bench" / "results" / "latest.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


def pages_with_queries(results: dict, pages: dict, repeat: int) -> dict:
    """Each page {key: (username, url)} as its user: `<key>_queries` (its queries, once) and `<key>_ms` (median);
    returns the logged-in clients by username."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kinerja.accounts.models import User

    clients: dict[str, Client] = {}
    for key, (username, url) in pages.items():
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        connection.queries_log.clear()  # the log keeps 9,000 queries; a full one would count none
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        assert status == 200, (key, status)
        results[f"{key}_queries"] = len(queries.captured_queries)
        results[f"{key}_ms"] = median_ms(lambda c=client, u=url: c.get(u), repeat)
    return clients


def reports(results: dict, args) -> None:
    """The leaders' reports and the dashboards of issue 14, with the queries each runs (they must not grow with
    the number of pegawai): monitoring pengisian as the admin BKPSDM (the whole instansi by perangkat daerah, Dinas
    Kesehatan drilled into, the workbook, the week-by-week part the page loads after its table); the performance
    dashboard of the admin BKPSDM (whole instansi) and of the kepala dinas (Dinas Kesehatan); the home pages with
    their dashboard cards of a pegawai (the Kabid Kesmas), a supervisor (the Kasi Imunisasi), the kepala dinas and
    the admin BKPSDM."""

    from kinerja.org import demo
    from kinerja.org.models import UnitKerja

    dinkes = UnitKerja.objects.get(kode="DINKES")
    admin, head = "admin.bkpsdm", demo.NIP_KEPALA_DINKES
    pages = {
        "reports_pengisian_instansi": (admin, "/laporan/pengisian/"),
        "reports_pengisian_dinkes": (admin, f"/laporan/pengisian/?unit={dinkes.pk}"),
        "reports_pengisian_export": (admin, "/laporan/pengisian/unduh/"),
        "reports_pengisian_trend": (admin, "/laporan/pengisian/mingguan/"),
        "reports_kinerja_instansi": (admin, "/laporan/kinerja/"),
        "reports_kinerja_kepala_dinas": (head, "/laporan/kinerja/"),
        "home_pegawai_kabid": (demo.NIP_KABID_KESMAS, "/"),
        "home_atasan_kasi": (demo.NIP_KASI_IMUNISASI, "/"),
        "home_kepala_dinas": (head, "/"),
        "home_admin_bkpsdm": (admin, "/"),
    }
    pages_with_queries(results, pages, args.repeat)


def evaluation(results: dict, args) -> None:
    """Evaluation (issue 15), with the queries each page runs: the queue of the Kasi Imunisasi (a small team) and
    of the kepala dinas (every head of bidang), the evaluation page of a team member's last ended period, one
    finalised evaluation, its Dokumen Evaluasi (PDF), the recap of the whole instansi on the page and as the
    national report's workbook; and the evaluation demo's rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.accounts.models import User
    from kinerja.core import clock
    from kinerja.evaluation.documents import evaluasi_pdf
    from kinerja.evaluation.models import Evaluasi, HasilOrganisasi
    from kinerja.org import demo
    from kinerja.planning.models import SKP, Periode

    results["evaluation_demo_rows"] = Evaluasi.objects.count()
    results["evaluation_demo_organisation_results"] = HasilOrganisasi.objects.count()
    kasi = User.objects.get(username=demo.NIP_KASI_IMUNISASI)
    skp = SKP.objects.filter(
        penilai=kasi.pegawai, versi__gt=0, berakhir=False, jabatan__kepala_unit=False
    ).first()
    today = clock.today(skp.instansi)
    periode = (
        Periode.objects.filter(tahun_kinerja=skp.tahun_kinerja, selesai__lt=today).order_by("nomor").last()
    )
    final = Evaluasi.objects.exclude(status="draf").order_by("pk").first()
    admin, head = "admin.bkpsdm", demo.NIP_KEPALA_DINKES
    pages = {
        "evaluation_queue_kasi": (demo.NIP_KASI_IMUNISASI, "/evaluasi/"),
        "evaluation_queue_kepala_dinas": (head, "/evaluasi/"),
        "evaluation_page": (demo.NIP_KASI_IMUNISASI, f"/evaluasi/skp/{skp.pk}/periode/{periode.nomor}/"),
        "evaluation_detail": (admin, f"/evaluasi/{final.pk}/"),
        "evaluation_recap_page": (admin, f"/evaluasi/rekap/?periode={periode.nomor}"),
    }
    clients = pages_with_queries(results, pages, args.repeat)
    results["evaluation_pdf_ms"] = median_ms(lambda: evaluasi_pdf(final), 5)
    client = clients[admin]
    url = f"/evaluasi/rekap/unduh/?periode={periode.nomor}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    results["evaluation_recap_export_queries"] = len(queries.captured_queries)
    results["evaluation_recap_export_rows"] = (
        Evaluasi.objects.filter(periode=periode).exclude(status="draf").count()
    )
    results["evaluation_recap_export_bytes"] = len(response.content)
    results["evaluation_recap_export_ms"] = median_ms(lambda: client.get(url), 3)


def feedback360(results: dict, args) -> None:
    from bench.feedback360 import feedback360 as scenario

    scenario(results, args, pages_with_queries)


def calibration(results: dict, args) -> None:
    from bench.calibration import calibration as scenario

    scenario(results, args, pages_with_queries)


def planning(results: dict, args) -> None:
    """SKP: the supervisor's inbox and the cascade (January), the documents, and the workflow's writes."""
    from django.test import Client

    from kinerja.accounts.models import User
    from kinerja.core import clock
    from kinerja.org import demo
    from kinerja.org.models import Pegawai
    from kinerja.planning import documents, selectors, services
    from kinerja.planning.models import SKP

    year = clock.today().year
    results["skp_demo_rows"] = SKP.objects.count()
    sekda = Pegawai.objects.get(nip=demo.NIP_SEKDA)
    kadinkes = Pegawai.objects.get(nip=demo.NIP_KEPALA_DINKES)
    results["skp_inbox_kepala_dinas_ms"] = median_ms(lambda: selectors.inbox(kadinkes, year), args.repeat)
    results["skp_cascade_kepala_dinas_ms"] = median_ms(lambda: selectors.cascade(kadinkes, year), args.repeat)
    results["skp_cascade_sekda_ms"] = median_ms(lambda: selectors.cascade(sekda, year), 3)
    one = selectors.with_content(SKP.objects.filter(pegawai=kadinkes, tahun_kinerja__tahun=year)).get()
    results["skp_pdf_ms"] = median_ms(lambda: documents.skp_pdf(one), 5)
    staff = Pegawai.objects.get(nip=demo.NIP_KASI_IMUNISASI)
    mine = SKP.objects.get(pegawai=staff, tahun_kinerja__tahun=year, berakhir=False)
    pages = {
        "skp_detail": (demo.NIP_KASI_IMUNISASI, f"/skp/{mine.pk}/"),
        "skp_inbox": (demo.NIP_KEPALA_DINKES, "/skp/masuk/"),
        "skp_cascade": (demo.NIP_KEPALA_DINKES, "/skp/kaskade/"),
        "skp_list_admin": ("admin.bkpsdm", "/skp/daftar/"),
        "api_skp_detail": (demo.NIP_KASI_IMUNISASI, f"/api/v1/skp/{mine.pk}"),
    }
    for name, (username, url) in pages.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        status = client.get(url).status_code
        assert status == 200, (name, status)
        results[f"page_{name}_ms"] = median_ms(lambda c=client, u=url: c.get(u), args.repeat)
    client = Client()
    client.force_login(User.objects.get(username="admin.bkpsdm"))
    started = time.perf_counter()
    response = client.get("/skp/daftar/ekspor.xlsx")
    results["skp_export_all_seconds"] = round(time.perf_counter() - started, 2)
    results["skp_export_all_bytes"] = len(
        b"".join(response.streaming_content) if response.streaming else response.content
    )

    # The January rush, as one worker: submit and approve the SKP waiting in the demo, timed per SKP.
    waiting = list(
        SKP.objects.filter(tahun_kinerja__tahun=year, status="diajukan").select_related("penilai")[:200]
    )
    users = {u.pegawai_id: u for u in User.objects.filter(pegawai_id__in=[s.penilai_id for s in waiting])}
    approvable = [s for s in waiting if s.penilai_id in users]
    started = time.perf_counter()
    for skp in approvable:
        services.skp_approve(actor=users[skp.penilai_id], skp=skp, kunci=skp.kunci)
    if approvable:
        results["skp_approve_ms_per_skp"] = round((time.perf_counter() - started) * 1000 / len(approvable), 2)
        results["skp_approved_in_bench"] = len(approvable)


NOT_AVAILABLE = "not available"


def _page(results: dict, key: str, username: str, urlname: str, args: list, repeat: int) -> None:
    """Time a page by its URL name as the user who opens it; "not available" when the route is missing or does
    not answer 200 (a stub of an area not built yet answers 404)."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from kinerja.accounts.models import User

    try:
        url = reverse(urlname, args=args)
    except NoReverseMatch:
        results[key] = NOT_AVAILABLE
        return
    client = Client()
    client.force_login(User.objects.get(username=username))
    status = client.get(url).status_code
    if status != 200:
        results[key] = f"{NOT_AVAILABLE} (HTTP {status})"
        return
    results[key] = median_ms(lambda: client.get(url), repeat)


def _big_png(size: int = 1024 * 1024) -> bytes:
    """A valid PNG of about `size` bytes: noise does not compress, like a phone photo."""
    import io

    from PIL import Image

    side = int((size / 3) ** 0.5) + 1
    noise = random.Random(5).randbytes(side * side * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), noise).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _record_with_file(results: dict, args, user, skp) -> None:
    """Record (then, on the next rounds, change) one realisasi of the current period and upload a 1 MB photo to
    it, through the services (`realisasi_save`, `bukti_upload`): the work of the page's form or the API."""
    import inspect

    from django.core.exceptions import PermissionDenied
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kinerja.core import clock
    from kinerja.core.errors import ApplicationError
    from kinerja.monitoring import selectors
    from kinerja.monitoring.models import Realisasi

    try:
        from kinerja.monitoring.services import bukti_upload, realisasi_save
    except ImportError:
        results["monitoring_record_1mb_ms"] = NOT_AVAILABLE
        return
    today = clock.today(skp.instansi)
    plan = next((p for p in selectors.plans(skp) if p.periode.mulai <= today <= p.periode.selesai), None)
    if plan is None or not plan.rhk():
        results["monitoring_record_1mb_ms"] = f"{NOT_AVAILABLE} (no period running today)"
        return
    recorded = set(
        Realisasi.objects.filter(skp=skp, periode=plan.periode).values_list("indikator_id", flat=True)
    )
    ids = [i["id"] for r in plan.rhk() for i in r["indikator"]]
    indikator_id = next((i for i in ids if i not in recorded), ids[0])
    takes_kunci = "kunci" in inspect.signature(realisasi_save).parameters
    photo = _big_png()
    results["monitoring_record_file_bytes"] = len(photo)

    def record() -> None:
        extra = {}
        if takes_kunci:
            row = Realisasi.objects.filter(skp=skp, periode=plan.periode, indikator_id=indikator_id).first()
            extra["kunci"] = row.kunci if row is not None else 0
        realisasi = realisasi_save(
            actor=user, skp=skp, periode=plan.periode, indikator_id=indikator_id, nilai="10", **extra
        )
        if not isinstance(realisasi, Realisasi):
            realisasi = Realisasi.objects.get(skp=skp, periode=plan.periode, indikator_id=indikator_id)
        berkas = SimpleUploadedFile("foto-kegiatan.png", photo, content_type="image/png")
        bukti_upload(actor=user, realisasi=realisasi, berkas=berkas)

    try:
        record()
    except (ApplicationError, PermissionDenied, TypeError) as error:
        results["monitoring_record_1mb_ms"] = f"{NOT_AVAILABLE} ({error})"
        return
    results["monitoring_record_1mb_ms"] = median_ms(record, min(args.repeat, 10))


def monitoring(results: dict, args) -> None:
    """Monitoring: the realisasi page of one SKP, the supervisor's team page and feedback queue, and recording a
    realisasi with a 1 MB photo. The named `pegawai` has no SKP in the demo (planning leaves them to start one):
    the realisasi page and the recording then use the `atasan`'s own SKP, and the results say whose."""
    from kinerja.accounts.models import User
    from kinerja.core import clock
    from kinerja.monitoring import models
    from kinerja.org import demo
    from kinerja.planning.models import SKP

    year = clock.today().year
    results["monitoring_demo_rows"] = {
        "realisasi": models.Realisasi.objects.count(),
        "bukti_dukung": models.BuktiDukung.objects.count(),
        "bukti_berkas": models.BuktiDukung.objects.filter(jenis="berkas").count(),
        "umpan_balik": models.UmpanBalik.objects.count(),
        "dialog": models.DialogKinerja.objects.count(),
    }
    owner = None
    for nip in (demo.NIP_PELAKSANA_IMUNISASI, demo.NIP_KASI_IMUNISASI):
        owner = (
            SKP.objects.filter(pegawai__nip=nip, tahun_kinerja__tahun=year, berakhir=False, versi__gt=0)
            .select_related("instansi")
            .first()
        )
        if owner is not None:
            results["monitoring_skp_of"] = nip
            break
    if owner is None:
        results["page_monitoring_skp_ms"] = results["monitoring_record_1mb_ms"] = NOT_AVAILABLE
    else:
        _page(
            results,
            "page_monitoring_skp_ms",
            results["monitoring_skp_of"],
            "monitoring:skp",
            [owner.pk],
            args.repeat,
        )
    _page(results, "page_monitoring_team_ms", demo.NIP_KASI_IMUNISASI, "monitoring:team", [], args.repeat)
    _page(
        results,
        "page_monitoring_feedback_queue_ms",
        demo.NIP_KASI_IMUNISASI,
        "monitoring:feedback_queue",
        [],
        args.repeat,
    )
    if owner is not None:
        _record_with_file(results, args, User.objects.get(username=results["monitoring_skp_of"]), owner)


def _attendance_csv(nips: list[str], bulan, rng) -> bytes:
    """A month of attendance for everyone: each weekday present, about 1 in 60 days another status."""
    import calendar

    others = ["I", "S", "C", "DL", "TK"]
    days = [
        bulan.replace(day=n)
        for n in range(1, calendar.monthrange(bulan.year, bulan.month)[1] + 1)
        if bulan.replace(day=n).weekday() < 5
    ]
    lines = ["NIP;Tanggal;Status"]
    for nip in nips:
        for day in days:
            status = rng.choice(others) if rng.random() < 1 / 60 else "H"
            lines.append(f"{nip};{day:%d/%m/%Y};{status}")
    return ("\n".join(lines) + "\n").encode()


def kehadiran(results: dict, args) -> None:
    """Attendance: twelve months of last year for every pegawai of the demo, one file per month, read, checked
    and applied as the import's apply step does (kehadiran.read_table, services.kehadiran_apply); then a
    re-import of one month (nothing changes), and a corrected month (1 in 100 days changed). Peak memory is
    Python's (tracemalloc) during one month's read, check and apply, measured on the corrected month."""
    import datetime
    import hashlib
    import resource
    import tracemalloc

    from kinerja.accounts.models import User
    from kinerja.core import clock
    from kinerja.monitoring import kehadiran as reader
    from kinerja.monitoring import services
    from kinerja.monitoring.models import Kehadiran
    from kinerja.org.models import Pegawai

    admin = User.objects.select_related("instansi").get(username="admin.bkpsdm")
    instansi = admin.instansi
    nips = list(Pegawai.objects.filter(instansi=instansi).order_by("nip").values_list("nip", flat=True))
    year = clock.today(instansi).year - 1
    rng = random.Random(7)

    def apply(data: bytes, name: str):
        rows = reader.read_table(name, data)
        return services.kehadiran_apply(
            actor=admin,
            instansi=instansi,
            rows=rows,
            nama_berkas=name,
            sha256=hashlib.sha256(data).hexdigest(),
        )

    months = []
    files = {}
    for month in range(1, 13):
        bulan = datetime.date(year, month, 1)
        data = _attendance_csv(nips, bulan, rng)
        files[month] = data
        started = time.perf_counter()
        apply(data, f"absensi-{year}-{month:02d}.csv")
        months.append(time.perf_counter() - started)
    results["kehadiran_pegawai"] = len(nips)
    results["kehadiran_rows"] = Kehadiran.objects.count()
    results["kehadiran_file_mb_month_1"] = round(len(files[1]) / 1024 / 1024, 1)
    results["kehadiran_12_months_seconds"] = round(sum(months), 1)
    results["kehadiran_month_seconds_median"] = round(statistics.median(months), 2)
    results["kehadiran_month_seconds_max"] = round(max(months), 2)

    started = time.perf_counter()
    report, record = apply(files[1], "absensi-ulang.csv")
    assert record is None, "a re-import changed something"
    results["kehadiran_reimport_month_seconds"] = round(time.perf_counter() - started, 2)

    lines = files[2].decode().splitlines()
    for i in range(1, len(lines), 100):
        nip, day, status = lines[i].split(";")
        lines[i] = f"{nip};{day};{'S' if status != 'S' else 'H'}"
    corrected = ("\n".join(lines) + "\n").encode()
    tracemalloc.start()
    started = time.perf_counter()
    report, _record = apply(corrected, "absensi-perbaikan.csv")
    results["kehadiran_corrected_month_seconds"] = round(time.perf_counter() - started, 2)
    results["kehadiran_corrected_days"] = report.counts["berubah"]
    results["kehadiran_peak_python_mb"] = round(tracemalloc.get_traced_memory()[1] / 1024 / 1024, 1)
    tracemalloc.stop()
    results["kehadiran_process_max_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )


if __name__ == "__main__":
    main()
