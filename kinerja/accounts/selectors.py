"""Reading accounts."""

from collections.abc import Iterable

from kinerja.accounts.models import User

CHUNK = 2000  # ids per query: a whole agency's people stay under every database's limit of parameters


def active_users_of(pegawai_ids: Iterable[int]) -> dict[int, User]:
    """The active accounts of these pegawai, by pegawai id (a query per 2,000 people)."""
    ids = sorted(set(pegawai_ids))
    found: dict[int, User] = {}
    for start in range(0, len(ids), CHUNK):
        for user in User.objects.filter(
            pegawai_id__in=ids[start : start + CHUNK], is_active=True
        ).select_related("pegawai"):
            if user.pegawai_id is not None:
                found[user.pegawai_id] = user
    return found
