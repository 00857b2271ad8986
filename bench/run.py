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
    demo.load_demo(pegawai=args.pegawai)
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

    out = ROOT / "bench" / "results" / "latest.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
