"""Test override: fast password hashing, no real mail."""

import tempfile

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
LANGUAGE_CODE = "id"
LOGGING["loggers"]["django.request"] = {"level": "CRITICAL"}  # noqa: F405  (refusals are asserted, not logged)
LOGGING["loggers"]["django.security"] = {"level": "CRITICAL"}  # noqa: F405
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kinerja-test-media-"))  # noqa: F405  (stored import uploads)
AUDIT_CHECKPOINT_FILE = Path(tempfile.mkdtemp(prefix="kinerja-test-audit-")) / "audit-checkpoints.log"  # noqa: F405
# An audit event whose action or field has no label fails the test that caused it (decision 0014).
AUDIT_LABELS_REQUIRED = True
