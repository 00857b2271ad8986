from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from kinerja.core.formats import normalize_nip


class NipOrUsernameBackend(ModelBackend):
    """Pegawai type their NIP, often with the spaces of the printed form; staff type a username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            return None
        candidate = normalize_nip(username)
        if not candidate.isdigit():
            candidate = username.strip()
        return super().authenticate(request, username=candidate, password=password, **kwargs)

    def get_user(self, user_id):
        # Every page asks for the user's instansi (its clock, the menu) and pegawai (home cards): one join
        # when the session's user is loaded instead of two more queries later.
        users = get_user_model()._default_manager.select_related("instansi", "pegawai")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
