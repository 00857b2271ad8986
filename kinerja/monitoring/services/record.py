"""One step for the pegawai on a phone: the realisasi with an optional photo (or file) and an optional link,
every problem of all three found at once, the file written last (so that nothing after it can fail)."""

from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core.errors import ApplicationError
from kinerja.monitoring import rules
from kinerja.monitoring.models import Realisasi
from kinerja.monitoring.services import bukti, common, realisasi
from kinerja.planning.models import SKP, Periode


def _problems(indikator: dict, *, nilai, nilai_teks, narasi, berkas, tautan) -> dict:
    _values, errors = realisasi.realisasi_values(indikator, nilai, nilai_teks, narasi)
    if berkas is not None:
        try:
            bukti.check_file(berkas)
        except ApplicationError as exc:
            errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if tautan and not rules.is_web_link(tautan):
        errors["tautan"] = _("Give a web address that starts with http:// or https://.")
    return errors


@transaction.atomic
def realisasi_record(
    *,
    actor,
    skp: SKP,
    periode: Periode,
    indikator_id: int,
    nilai: str = "",
    nilai_teks: str = "",
    narasi: str = "",
    kunci: int | None = None,
    berkas=None,
    tautan: str = "",
    judul: str = "",
) -> Realisasi:
    """Save the realisasi and attach the evidence given with it, or refuse everything with every problem."""
    _skp, plan = common.recordable(actor, skp, periode)
    found = plan.indikator(indikator_id)
    tautan = (tautan or "").strip()
    if found is not None:
        errors = _problems(
            found[1], nilai=nilai, nilai_teks=nilai_teks, narasi=narasi, berkas=berkas, tautan=tautan
        )
        if errors:
            raise ApplicationError(errors)
    saved = realisasi.realisasi_save(
        actor=actor,
        skp=skp,
        periode=periode,
        indikator_id=indikator_id,
        nilai=nilai,
        nilai_teks=nilai_teks,
        narasi=narasi,
        kunci=kunci,
    )
    if tautan:
        bukti.bukti_link(actor=actor, realisasi=saved, tautan=tautan, judul=judul)
    if berkas is not None:
        bukti.bukti_upload(actor=actor, realisasi=saved, berkas=berkas, judul=judul)
    return saved
