"""The assessment framework screens, one module per concern (urls.py names the views; URL names never change).

Versions come only through permissions.get_kerangka_for_user_or_404 (404 when not visible); a change the user may
not make to a visible version answers 403.
"""
