"""Background tasks of monitoring (django-tasks; the backend is settings.TASKS)."""

import datetime

from django_tasks import task

from kinerja.monitoring.services import pengingat


@task()
def kirim_pengingat(tanggal: str | None = None, hari: int = 3) -> dict:
    """Send the reminders due (services.pengingat.send_reminders). `tanggal`: the day to count from, as
    YYYY-MM-DD (arguments of a task are JSON); by default today where each instansi is."""
    today = datetime.date.fromisoformat(tanggal) if tanggal else None
    return pengingat.send_reminders(today=today, days_before=hari)
