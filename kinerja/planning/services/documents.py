"""Issuing the verifiable record of an approved SKP version when it is printed (docs/decisions/0015)."""

from kinerja.core import verification
from kinerja.core.models import DokumenResmi
from kinerja.core.services import deny_unless
from kinerja.planning import documents, permissions
from kinerja.planning.models import SKP, VersiSKP


def skp_issue_document(*, actor, skp: SKP, versi: VersiSKP) -> DokumenResmi:
    """The document number and content hash of an approved version: written (and audited) at its first print
    by anyone who may see the SKP, the same record every time after."""
    deny_unless(versi.skp_id == skp.pk and permissions.skp_visible_to(actor).filter(pk=skp.pk).exists())
    return verification.issue(actor, documents.signed(skp, versi))
