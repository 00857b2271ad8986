from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kinerja.core.audit import last_checkpoint, verify_chain, verify_checkpoint, write_checkpoint
from kinerja.core.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Memeriksa rantai hash jejak audit dan melaporkan peristiwa pertama yang isi atau urutannya diubah; "
        "membandingkan dengan titik periksa terakhir di AUDIT_CHECKPOINT_FILE dan menambahkan yang baru."
    )

    def handle(self, *args, **options):
        path = settings.AUDIT_CHECKPOINT_FILE
        problem = verify_chain() or verify_checkpoint(last_checkpoint(path))
        if problem is not None:
            raise CommandError(f"Jejak audit RUSAK pada peristiwa #{problem.seq}: {problem.problem}.")
        # Only an intact chain becomes the next checkpoint: a damaged one must not become the new reference.
        checkpoint = write_checkpoint(path)
        count = AuditEvent.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Jejak audit utuh: {count} peristiwa diperiksa; titik periksa #{checkpoint.seq} dicatat."
            )
        )
