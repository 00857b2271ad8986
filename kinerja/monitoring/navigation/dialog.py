"""Home cards of the feedback and dialog area: feedback waiting for a reply, overdue agreed actions."""


def feedback(request):
    return None


def actions(request):
    return None
