from django.db import migrations

# A trail written before the chain was keyed gets one keyed event at its end, whose HMAC covers the last unkeyed
# hash: from then on every real trail ends keyed, so verify_audit can report one that was re-chained with the
# plain SHA-256 by someone who has the database but not the key (docs/decisions/0012). A migration, not a
# start-up hook, so it happens exactly once: later a trail ending unkeyed is a rewrite, never sealed again.


def seal(apps, schema_editor):
    from kinerja.core.audit import seal_unkeyed_chain

    seal_unkeyed_chain(apps.get_model("core", "AuditEvent"), apps.get_model("core", "AuditChainHead"))


class Migration(migrations.Migration):
    dependencies = [("core", "0006_audit_chain_key_id")]
    # Audit events are append-only: there is nothing to undo.
    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
