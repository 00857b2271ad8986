"""Home card of the team area: the supervisor's team filling status for the current period."""


def team(request):
    return None
