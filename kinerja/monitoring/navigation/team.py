"""Home card of the team area: the supervisor's team filling status for the current period."""

from kinerja.core.navigation import HomeCard, per_request
from kinerja.monitoring import selectors
from kinerja.monitoring.navigation.menu import summary


def team(request) -> HomeCard | None:
    """For a penilai: how many of their team filled the current period and how many realisations wait for their
    feedback, linking to the team page; None for everyone else."""
    if not request.user.is_authenticated or not summary(request)["menilai"]:
        return None
    status = per_request(request, "monitoring.team", lambda: selectors.team_status(request.user))
    if status.periode is None:
        return None
    return HomeCard("monitoring/_card_team.html", {"team": status})
