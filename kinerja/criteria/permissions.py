"""Who sees and changes the assessment framework.

Everyone reads the published versions of their own instansi. Drafts are visible to those who prepare and review
them: admin BKPSDM, tim penilai kinerja, auditor. Only admin BKPSDM of the instansi edits and publishes.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from kinerja.accounts.permissions import access_of, instansi_rows, is_admin_bkpsdm
from kinerja.criteria.models import JenisKompetensi, Kerangka, StatusKerangka


def kerangka_visible_to(user) -> QuerySet[Kerangka]:
    qs, whole = instansi_rows(user, Kerangka)
    return qs if whole else qs.filter(status=StatusKerangka.PUBLISHED)


def get_kerangka_for_user_or_404(user, pk) -> Kerangka:
    return get_object_or_404(kerangka_visible_to(user).select_related("instansi"), pk=pk)


def can_manage_kerangka(user, instansi_id: int) -> bool:
    """Start drafts, edit them, publish them."""
    return is_admin_bkpsdm(user, instansi_id)


def can_edit(user, kerangka: Kerangka) -> bool:
    return kerangka.is_draft and can_manage_kerangka(user, kerangka.instansi_id)


def can_view_drafts(user) -> bool:
    access = access_of(user)
    return access.superuser or access.reads_whole_instansi


def can_acknowledge(user, kerangka: Kerangka) -> bool:
    access = access_of(user)
    return (
        access.pegawai_id is not None
        and access.instansi_id == kerangka.instansi_id
        and kerangka.status == StatusKerangka.PUBLISHED
    )


def can_delete_kompetensi(user, kompetensi) -> bool:
    """Only the agency's own (technical) competencies may go; the national ones stay in every version."""
    return kompetensi.jenis == JenisKompetensi.TEKNIS and can_edit(user, kompetensi.kerangka)


def can_view_acknowledgements(user, kerangka: Kerangka) -> bool:
    """How many pegawai have acknowledged a version: for those who run the framework."""
    return can_manage_kerangka(user, kerangka.instansi_id)
