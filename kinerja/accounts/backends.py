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
