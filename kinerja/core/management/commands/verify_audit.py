from django.core.management.base import BaseCommand, CommandError

from kinerja.core.audit import verify_chain
from kinerja.core.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Memeriksa rantai hash jejak audit dan melaporkan peristiwa pertama yang isi atau urutannya diubah."
    )

    def handle(self, *args, **options):
        problem = verify_chain()
        if problem is not None:
            raise CommandError(f"Jejak audit RUSAK pada peristiwa #{problem.seq}: {problem.problem}.")
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Jejak audit utuh: {count} peristiwa diperiksa."))
