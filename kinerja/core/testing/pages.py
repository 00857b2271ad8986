"""Reading what a rendered page was given, for view tests."""


def home_card(response, template: str) -> dict | None:
    """The data of the home page card rendered from `template`, or None when the page did not show it."""
    for card in response.context["cards"]:
        if card.template == template:
            return card.data
    return None
