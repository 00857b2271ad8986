"""Indikator.akumulasi: how a numeric indikator's periods add up to the year.

Existing indikator get the default rule (planning.rules.default_akumulasi, copied here so that this migration
does not change when the rule does), and so do the indikator recorded in the content of approved versions
(VersiSKP.konten): monitoring reads the version in force, and without this an old version would not say how its
periods add up. Reversing drops the field; the key left in a version's content is harmless."""

from django.db import migrations, models

_LEVEL_UNITS = ("%", "persen", "indeks", "nilai", "skor", "poin")


def _default(aspek: str, satuan: str) -> str:
    unit = (satuan or "").strip().lower()
    if any(word in unit for word in _LEVEL_UNITS):
        return "terakhir"
    if aspek in ("waktu", "biaya"):
        return "rata_rata"
    return "jumlah"


def fill(apps, schema_editor):
    Indikator = apps.get_model("planning", "Indikator")
    VersiSKP = apps.get_model("planning", "VersiSKP")
    changed = []
    for indikator in Indikator.objects.only("pk", "aspek", "satuan").iterator(chunk_size=2000):
        value = _default(indikator.aspek, indikator.satuan)
        if value != "jumlah":
            indikator.akumulasi = value
            changed.append(indikator)
        if len(changed) >= 2000:
            Indikator.objects.bulk_update(changed, ["akumulasi"])
            changed = []
    Indikator.objects.bulk_update(changed, ["akumulasi"])
    versions = []
    for versi in VersiSKP.objects.only("pk", "konten").iterator(chunk_size=500):
        touched = False
        for rhk in versi.konten.get("rhk", []):
            for item in rhk.get("indikator", []):
                if "akumulasi" not in item:
                    item["akumulasi"] = _default(item.get("aspek", ""), item.get("satuan", ""))
                    touched = True
        if touched:
            versions.append(versi)
        if len(versions) >= 500:
            VersiSKP.objects.bulk_update(versions, ["konten"])
            versions = []
    VersiSKP.objects.bulk_update(versions, ["konten"])


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="indikator",
            name="akumulasi",
            field=models.CharField(
                choices=[
                    ("jumlah", "Sum of the periods"),
                    ("terakhir", "Latest value"),
                    ("rata_rata", "Average of the periods"),
                ],
                default="jumlah",
                help_text="How the periods of a numeric target add up to the year.",
                max_length=10,
                verbose_name="accumulation",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
