"""No page or API operation shows a peer's or subordinate's name, NIP or id next to their answers, to any role.

The demo's closed round over the Dinas Kesehatan holds peer answers for the cast's `pegawai`; each peer comment is
given a unique mark here. Every read of 360 declared in the route harness, the evaluation page of the penilai and
the audit trail are walked as every role: a response that shows a mark must not name any rater of an anonymous
group (name, NIP or id as a JSON value), and the audit trail never shows a mark or a level at all."""

import json
import re

import pytest
from django.urls import reverse

from kinerja.core.testing.harness import ALL_ROLES, ANON, Objects, all_routes, client_for, saved_logins
from kinerja.feedback360.models import Formulir, Jawaban, Kelompok
from kinerja.feedback360.selectors import items_of
from kinerja.testkit.cast import CAST_USERNAMES

pytestmark = pytest.mark.django_db

MARK = "RAHASIA-KOMENTAR-{}"


def _reads():
    return [r for r in all_routes() if "360" in r.name and r.read is not None]


def test_no_response_names_an_anonymous_rater_next_to_an_answer(cast):
    logins = saved_logins(CAST_USERNAMES)
    reads = _reads()  # imports the routes' demo objects
    objs = Objects(cast, ANON)
    peserta = objs.p360_closed
    anonymous = Formulir.objects.filter(peserta=peserta, kelompok__in=[Kelompok.REKAN, Kelompok.BAWAHAN])
    raters = [f.pengisi for f in anonymous.select_related("pengisi")]
    assert len(raters) >= peserta.ronde.ambang
    given = Jawaban.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN)
    for _ in range(peserta.ronde.ambang - given.count()):  # the demo's peers of this pegawai may be too few
        Jawaban.objects.create(
            peserta=peserta, kelompok=Kelompok.REKAN, nilai={i.key: 3 for i in items_of(peserta)}
        )
    for n, jawaban in enumerate(given.all()):
        jawaban.komentar = MARK.format(n)
        jawaban.save(update_fields=["komentar"])
    urls = [route.url(objs) for route in reads]
    urls += [reverse("portal:audit_list")]
    shown = 0
    for role in ALL_ROLES:
        client = client_for(role, logins)
        for url in urls:
            response = client.get(url)
            text = response.content.decode()
            if "RAHASIA-KOMENTAR-" not in text:
                continue
            shown += 1
            assert "audit" not in url, f"{url} as {role} shows an answer"
            for rater in raters:
                assert rater.nama not in text and rater.nip not in text, f"{url} as {role} names {rater.nama}"
                if response["Content-Type"].startswith("application/json"):
                    values = re.findall(r":\s*(\d+)", json.dumps(response.json()))
                    assert str(rater.pk) not in values, f"{url} as {role} gives the id of {rater.nama}"
    assert shown >= 4  # the report page and the API, for the pegawai and their penilai
