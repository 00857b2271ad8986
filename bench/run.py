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
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="kinerja-bench-")
    os.environ["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
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

    out = ROOT / "bench" / "results" / "latest.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


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


if __name__ == "__main__":
    main()
