"""The anonymity check that every route of the harness passes (issue 16, docs/360-anonymity.md).

After the test database's demo is loaded (conftest.py), each peer comment of the cast `pegawai`'s closed round
carries a unique mark, and the peer group is topped up to the round's threshold so that its aggregate and comments
are shown where they are meant to be. The route harness hands every response it receives (every route and API
operation, read and written, as every role) to `assert_no_rater_named`: a response that shows a mark must not name
any anonymous rater of that participant (peer or subordinate: name, NIP, or id as a JSON value).

HTML and JSON are read; file downloads (PDF, XLSX) hold no 360 answers today and are passed over."""

import json
import re
from functools import cache

from kinerja.feedback360.models import Formulir, Jawaban, Kelompok, Peserta
from kinerja.feedback360.selectors import items_of
from kinerja.org import demo

MARK = "RAHASIA-KOMENTAR-"
ANONYMOUS = (Kelompok.REKAN, Kelompok.BAWAHAN)


def marked_peserta() -> Peserta:
    """The cast pegawai's participation in the demo's closed round over the Dinas Kesehatan."""
    return Peserta.objects.select_related("ronde").get(
        pegawai__nip=demo.NIP_PELAKSANA_IMUNISASI, ronde__unit__isnull=False
    )


def mark_demo() -> None:
    peserta = marked_peserta()
    given = Jawaban.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN)
    for _ in range(peserta.ronde.ambang - given.count()):  # the demo's peers of this pegawai may be too few
        Jawaban.objects.create(
            peserta=peserta, kelompok=Kelompok.REKAN, nilai={i.key: 3 for i in items_of(peserta)}
        )
    for n, jawaban in enumerate(given.order_by("pk")):
        jawaban.komentar = f"{MARK}{n}"
        jawaban.save(update_fields=["komentar"])


@cache
def anonymous_raters() -> tuple[tuple[str, str, int], ...]:
    """(name, NIP, id) of every peer and subordinate asked about the marked participant."""
    forms = Formulir.objects.filter(peserta=marked_peserta(), kelompok__in=ANONYMOUS)
    return tuple(forms.values_list("pengisi__nama", "pengisi__nip", "pengisi_id"))


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return ""
    kind = response.get("Content-Type", "")
    if not kind.startswith(("text/", "application/json")):
        return ""
    return response.content.decode(errors="replace")


def assert_no_rater_named(response, what: str) -> bool:
    """Whether the response shows a marked answer; if it does, it names none of the anonymous raters."""
    text = _text(response)
    if MARK not in text:
        return False
    json_values = json.dumps(json.loads(text)) if "json" in response["Content-Type"] else ""
    ids = set(re.findall(r":\s*(\d+)", json_values))
    for name, nip, pk in anonymous_raters():
        assert name not in text and nip not in text, f"{what} shows a 360 answer and names {name}"
        assert str(pk) not in ids, f"{what} shows a 360 answer and gives the id of {name}"
    return True
