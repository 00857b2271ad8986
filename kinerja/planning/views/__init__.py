"""The planning screens, one module per concern (urls.py names the views; URL names never change).

Objects come only through permissions.get_skp_for_user_or_404 and the other `*_visible_to` querysets (404 when
not visible); an action the user may not take on a visible object answers 403. Every write on an SKP is a POST
carrying `kunci`, the SKP's change counter as the page showed it, so that a change made meanwhile by someone else
is refused instead of overwritten.
"""
