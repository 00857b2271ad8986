"""What the rencana aksi partial may offer the signed-in user on one period of an SKP (write, comment), worked
out once per SKP and period per request: the partial is included once per RHK, its queries must not grow with
the RHK."""

from django import template

from kinerja.monitoring import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def rencana_aksi_access(context, skp, periode) -> dict:
    request = context.get("request")
    if request is None or skp is None or periode is None:
        return {"tulis": False, "komentar": False}
    cache = request.__dict__.setdefault("_monitoring_rencana_access", {})
    key = (skp.pk, periode.pk)
    if key not in cache:
        cache[key] = selectors.partial_access(request.user, skp, periode)
    return cache[key]
