"""Django's own messages that Kinerja words differently in Indonesian.

Django's Indonesian catalogue writes both "sandi" and "kata sandi"; Kinerja says "kata sandi" everywhere. Our
catalogue comes first (LOCALE_PATHS), so a msgid listed here and translated in kinerja/locale wins over
Django's. Listing them in code keeps `makemessages` from dropping them as unused; nothing calls this module.
"""

from django.utils.translation import gettext_noop

DJANGO_PASSWORD_MESSAGES = (
    gettext_noop("Password"),
    gettext_noop("Password confirmation"),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Old password"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."
    ),
    gettext_noop("Password reset"),
    gettext_noop("Enter new password"),
    gettext_noop("Password reset unsuccessful"),
    gettext_noop("Password reset complete"),
    gettext_noop("Password change"),
    gettext_noop("Password change successful"),
    gettext_noop("Password changed successfully."),
)
