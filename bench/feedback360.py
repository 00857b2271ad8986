"""360 feedback (issue 16) for `bench/run.py`: opening a round over the whole instansi through the service the screen
calls (its participants, forms, queries and time), closing it, and the pages of
the app with the queries each runs: a rater's 360 home and form, the BKPSDM's progress of the demo's open round
(response rates per unit), a participant's report of the demo's closed round and a competency profile."""

import datetime
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def feedback360(results: dict, args, pages_with_queries) -> None:
    from kinerja.accounts.models import User
    from kinerja.core import clock
    from kinerja.feedback360 import services
    from kinerja.feedback360.models import Formulir, Jawaban, Peserta, ProfilKompetensi, Ronde
    from kinerja.org import demo

    admin = User.objects.get(username="admin.bkpsdm")
    instansi = admin.instansi
    today = clock.today(instansi)
    results["feedback360_demo_rounds"] = Ronde.objects.count()
    results["feedback360_demo_forms"] = Formulir.objects.count()
    results["feedback360_demo_answers"] = Jawaban.objects.count()
    results["feedback360_demo_profiles"] = ProfilKompetensi.objects.count()

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        ronde = services.ronde_buka(
            actor=admin,
            instansi=instansi,
            nama="Bench: seluruh instansi",
            tanggal_tutup=today + datetime.timedelta(days=14),
        )
        results["feedback360_open_round_instansi_s"] = round(time.perf_counter() - started, 2)
    results["feedback360_open_round_instansi_queries"] = len(queries.captured_queries)
    results["feedback360_open_round_participants"] = Peserta.objects.filter(ronde=ronde).count()
    results["feedback360_open_round_forms"] = Formulir.objects.filter(peserta__ronde=ronde).count()
    started = time.perf_counter()
    services.ronde_tutup(actor=admin, ronde=ronde)
    results["feedback360_close_round_instansi_s"] = round(time.perf_counter() - started, 2)

    demo_open = Ronde.objects.filter(tanggal_tutup__gte=today).exclude(pk=ronde.pk).order_by("pk").last()
    closed = Ronde.objects.filter(tanggal_tutup__lt=today).order_by("pk").first()
    kasi = User.objects.get(username=demo.NIP_KASI_IMUNISASI)
    form = Formulir.objects.filter(peserta__ronde=demo_open, pengisi=kasi.pegawai, selesai=False).first()
    reported = Peserta.objects.filter(ronde=closed, penilai=kasi.pegawai).order_by("pk").first()
    pages = {
        "feedback360_home_kasi": (kasi.username, "/360/"),
        "feedback360_form_kasi": (kasi.username, f"/360/formulir/{form.pk}/"),
        "feedback360_progress_instansi": (admin.username, f"/360/ronde/{demo_open.pk}/"),
        "feedback360_report": (kasi.username, f"/360/peserta/{reported.pk}/"),
        "feedback360_profile": (kasi.username, f"/360/profil/{reported.pegawai_id}/{today.year}/"),
    }
    pages_with_queries(results, pages, args.repeat)
