"""Logging filters named in settings.LOGGING (imported while settings load: no models here)."""

import logging


class OneLineRefusals(logging.Filter):
    """django.request logs a refusal (403) with its traceback; a refusal is no fault of the code: one line,
    with the refusal's reason."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 404, 405) and record.exc_info:
            from kinerja.core.error_pages import reason_of

            reason = reason_of(record.exc_info[1])
            record.msg = record.getMessage() + (f" ({reason})" if reason else "")
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True
