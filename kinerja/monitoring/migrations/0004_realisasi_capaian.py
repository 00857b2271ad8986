"""Keep each realisation's capaian against its period target, so that the leaders' reports (issue 14) average
it in the database; existing realisations get theirs computed from the version they were recorded against."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    from kinerja.monitoring import rules
    from kinerja.planning import rules as planning_rules

    Realisasi = apps.get_model("monitoring", "Realisasi")
    VersiSKP = apps.get_model("planning", "VersiSKP")
    rows = list(
        Realisasi.objects.filter(nilai_angka__isnull=False).values_list(
            "pk", "skp_id", "versi_skp", "indikator_id", "periode__nomor", "nilai_angka"
        )
    )
    if not rows:
        return
    found: dict[tuple[int, int, int], dict] = {}
    wanted = {(skp_id, versi) for _pk, skp_id, versi, *_rest in rows}
    skp_ids = sorted({skp_id for skp_id, _versi in wanted})
    for start in range(0, len(skp_ids), 500):
        chunk = skp_ids[start : start + 500]
        for skp_id, nomor, konten in VersiSKP.objects.filter(skp_id__in=chunk).values_list(
            "skp_id", "nomor", "konten"
        ):
            if (skp_id, nomor) not in wanted:
                continue
            for rhk in (konten or {}).get("rhk", []):
                for indikator in rhk.get("indikator", []):
                    found[(skp_id, nomor, indikator.get("id"))] = indikator
    changed = []
    for pk, skp_id, versi, indikator_id, nomor, nilai in rows:
        indikator = found.get((skp_id, versi, indikator_id))
        if indikator is None:
            continue
        mode = indikator.get("akumulasi") or planning_rules.default_akumulasi(
            indikator.get("aspek", ""), indikator.get("satuan", "")
        )
        _target, value = rules.period_numbers(indikator, nomor, nilai, mode)
        if value is not None:
            changed.append(Realisasi(pk=pk, capaian=rules.stored(value)))
    Realisasi.objects.bulk_update(changed, ["capaian"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_sanksi_inovasi"),
        ("planning", "0002_indikator_akumulasi"),
    ]

    operations = [
        migrations.AddField(
            model_name="realisasi",
            name="capaian",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Against the period target of the version in force (rules.period_numbers), kept with "
                "every change so that the leaders' reports average it in the database; empty without a number "
                "or a target.",
                max_digits=16,
                null=True,
                verbose_name="achievement",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
