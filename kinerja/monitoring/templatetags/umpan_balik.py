"""The feedback thread's tag: what the signed-in user may write in a realisasi's thread (the partial
monitoring/_thread.html asks it, so that any page including the partial shows the right form)."""

from django import template

from kinerja.monitoring import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_writer(context, realisasi, thread) -> str:
    """ "penilai", "pegawai" or "" for the user of the request (see selectors.feedback.writer_role)."""
    request = context.get("request")
    if request is None or realisasi is None:
        return ""
    cache = request.__dict__.setdefault("_kinerja_feedback_writer", {})
    return selectors.feedback.writer_role(request.user, realisasi, list(thread or []), cache)
