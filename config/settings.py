"""Settings for Kinerja, read from the environment.

Development (the default) needs no variable at all. Production is `KINERJA_ENV=production` and then
requires SECRET_KEY, AUDIT_CHAIN_KEY, ALLOWED_HOSTS and SITE_URL; see README "Konfigurasi".
"""

import os
import re
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env("KINERJA_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)


# What Django's deploy check (security.W009) calls a weak key; in production such a key is refused at start,
# not merely warned about, because sessions, password-reset links and signed cookies all rest on it.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE = 5


def _secret_key() -> str:
    key = env("SECRET_KEY")
    if (
        key
        and PRODUCTION
        and (
            len(key) < SECRET_KEY_MIN_LENGTH
            or len(set(key)) < SECRET_KEY_MIN_UNIQUE
            or key.startswith("django-insecure-")
        )
    ):
        raise ImproperlyConfigured(
            f"SECRET_KEY terlalu lemah untuk mode produksi: minimal {SECRET_KEY_MIN_LENGTH} karakter acak "
            f"(mis. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY wajib diisi pada mode produksi (KINERJA_ENV=production).")
    # A development key is generated once into an ignored file, so sessions survive restarts.
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

# The audit chain is an HMAC keyed with a secret that is not in the database, so someone who can write the
# database cannot re-chain the trail (docs/decisions/0012). Each key has an id stored on the events it signed:
# AUDIT_CHAIN_KEY is one key (id "1"); AUDIT_CHAIN_KEYS "1=old,2=new" or AUDIT_CHAIN_KEY_FILE (one `id=key` a
# line, or a single bare key) hold several, oldest first: the last signs new events, all of them verify.
AUDIT_CHAIN_KEY_MIN_LENGTH = 32
AUDIT_CHAIN_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


def _parse_audit_keys(entries: list[str], source: str) -> dict[str, str]:
    if len(entries) == 1 and "=" not in entries[0]:
        entries = [f"1={entries[0]}"]
    keys: dict[str, str] = {}
    for entry in entries:
        key_id, _sep, key = entry.partition("=")
        key_id, key = key_id.strip(), key.strip()
        if not AUDIT_CHAIN_KEY_ID.match(key_id) or not key or key_id in keys:
            raise ImproperlyConfigured(
                f"{source}: setiap kunci ditulis `id=kunci` dengan id unik (huruf, angka, _ . -; maks. 32)."
            )
        if PRODUCTION and len(key) < AUDIT_CHAIN_KEY_MIN_LENGTH:
            raise ImproperlyConfigured(
                f"{source}: kunci {key_id!r} terlalu pendek untuk mode produksi: minimal "
                f"{AUDIT_CHAIN_KEY_MIN_LENGTH} karakter acak."
            )
        keys[key_id] = key
    return keys


def _audit_chain_keys() -> dict[str, str]:
    given = [name for name in ("AUDIT_CHAIN_KEY", "AUDIT_CHAIN_KEYS", "AUDIT_CHAIN_KEY_FILE") if env(name)]
    if len(given) > 1:
        raise ImproperlyConfigured(f"Isi salah satu saja: {', '.join(given)}.")
    if env("AUDIT_CHAIN_KEY"):
        return _parse_audit_keys([str(env("AUDIT_CHAIN_KEY")).strip()], "AUDIT_CHAIN_KEY")
    if env("AUDIT_CHAIN_KEYS"):
        return _parse_audit_keys(env_list("AUDIT_CHAIN_KEYS"), "AUDIT_CHAIN_KEYS")
    if PRODUCTION and not env("AUDIT_CHAIN_KEY_FILE"):
        raise ImproperlyConfigured(
            "AUDIT_CHAIN_KEY (atau AUDIT_CHAIN_KEYS / AUDIT_CHAIN_KEY_FILE) wajib diisi pada mode produksi."
        )
    # Development: generated once into an ignored file beside .secret_key, so the trail verifies across restarts.
    path = Path(env("AUDIT_CHAIN_KEY_FILE") or BASE_DIR / ".audit_chain_key")
    if not env("AUDIT_CHAIN_KEY_FILE") and not path.exists():
        # Linked into place whole, so processes starting together (test workers) all read the same one key.
        draft = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        draft.write_text(f"1={secrets.token_urlsafe(48)}\n")
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise ImproperlyConfigured(f"AUDIT_CHAIN_KEY_FILE tidak dapat dibaca: {error}") from error
    entries = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not entries:
        raise ImproperlyConfigured(f"AUDIT_CHAIN_KEY_FILE {path} tidak berisi kunci.")
    return _parse_audit_keys(entries, "AUDIT_CHAIN_KEY_FILE")


AUDIT_CHAIN_KEYS = _audit_chain_keys()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS wajib diisi pada mode produksi.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "ninja",
    "kinerja.core",
    "kinerja.accounts",
    "kinerja.org",
    "kinerja.criteria",
    "kinerja.planning",
    "kinerja.monitoring",
    "kinerja.evaluation",
    "kinerja.feedback360",
    "kinerja.calibration",
    "kinerja.reports",
    "kinerja.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kinerja.core.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kinerja.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kinerja.core.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kinerja.core.middleware.RequestContextMiddleware",
    "kinerja.core.middleware.ErrorPageMiddleware",
]
# With DEBUG on, a wrong address still shows the site's Indonesian 404 page; TECHNICAL_404=1 shows Django's
# technical page (the URL patterns tried) instead, for developers.
TECHNICAL_404 = env_bool("TECHNICAL_404", False)
CSRF_FAILURE_VIEW = "kinerja.core.error_pages.csrf_failure"  # the site's 403 page, saying what to do

if PRODUCTION:
    # Serves the collected, hashed static files; in development runserver serves them from the apps.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kinerja" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kinerja.portal.context_processors.navigation_context",
            ],
        },
    }
]

# Embedded SQLite by default, tuned for several writers: WAL, IMMEDIATE transactions and a busy timeout.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["kinerja.accounts.backends.NipOrUsernameBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
API_PREFIX = "/api/"  # authenticates itself (session or token); exempt from LoginRequiredMiddleware
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling per account: after SOFT failures each attempt must wait (doubling), after HARD the account is
# locked. Per client address (an office's NAT): after ADDRESS_SOFT failures every attempt from it is held back
# (doubling, at most ADDRESS_MAX_DELAY seconds) but still judged, so the address never locks anyone out.
LOGIN_THROTTLE_SOFT = env_int("LOGIN_THROTTLE_SOFT", 3)
LOGIN_THROTTLE_HARD = env_int("LOGIN_THROTTLE_HARD", 8)
LOGIN_THROTTLE_WINDOW_SECONDS = env_int("LOGIN_THROTTLE_WINDOW_SECONDS", 15 * 60)
LOGIN_THROTTLE_LOCK_SECONDS = env_int("LOGIN_THROTTLE_LOCK_SECONDS", 15 * 60)
LOGIN_THROTTLE_ADDRESS_SOFT = env_int("LOGIN_THROTTLE_ADDRESS_SOFT", 10)
LOGIN_THROTTLE_ADDRESS_MAX_DELAY = env_int("LOGIN_THROTTLE_ADDRESS_MAX_DELAY", 3)
# Password reset: at most this many mails per account and requests per client address in the window.
PASSWORD_RESET_LIMIT_PER_ACCOUNT = env_int("PASSWORD_RESET_LIMIT_PER_ACCOUNT", 3)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 20)
PASSWORD_RESET_WINDOW_SECONDS = env_int("PASSWORD_RESET_WINDOW_SECONDS", 60 * 60)

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Production is HTTPS only: a plain-HTTP request is redirected (behind the proxy, X-Forwarded-Proto says which
# it was), and HSTS covers the subdomains and allows preloading, so `check --deploy` has nothing to say.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", PRODUCTION) else None
)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a reverse proxy the client address comes from this header (set it only if the proxy sets it). Of a
# comma-separated list such as X-Forwarded-For, the element TRUSTED_PROXY_HOPS from the right is taken: the one
# our outermost proxy appended; elements further left are written by the client and could be forged.
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", "")
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 1)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "kinerja" / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "kinerja" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Bukti dukung (monitoring's evidence files) go through STORAGES["default"]: the filesystem under MEDIA_ROOT here,
# an S3-compatible object store (django-storages) when several app servers share them (docs/admin-guide.md).
# Largest evidence file accepted, in MB.
BUKTI_MAX_BYTES = env_int("BUKTI_MAX_MB", 10) * 1024 * 1024
# Uploads larger than this are spooled to a temporary file instead of memory; a request body (without its files)
# larger than DATA_UPLOAD_MAX_MEMORY_SIZE is refused. FILE_UPLOAD_PERMISSIONS: stored files readable by the app
# only.
# Several app servers need one shared store: S3_BUCKET (with S3_ENDPOINT_URL for MinIO, Ceph, a cloud's
# S3-compatible service, and S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY, S3_REGION) switches the default storage to
# django-storages' S3 backend (install django-storages[s3] first). Files are private: served only through the app.
if env("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# verify_audit appends the chain head it found here (and logs it) and compares the next run against the last line,
# so a chain cut short, re-chained or wiped is found. Keep it outside the database and its backups, append-only
# (e.g. chattr +a, or a log shipper); docs/decisions/0012-audit-chain-hardening.md.
AUDIT_CHECKPOINT_FILE = Path(env("AUDIT_CHECKPOINT_FILE", str(BASE_DIR / "var" / "audit-checkpoints.log")))
# Largest uploaded file a staff data import accepts, in bytes (kinerja.core.tabular refuses a larger one).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)
# Seconds opening an uploaded table, and each reading of one of its sheets, may take before it is refused (a
# crafted file must not hold a web worker; kinerja.core.tabular counts its rows too).
IMPORT_MAX_SECONDS = env_int("IMPORT_MAX_SECONDS", 120)

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "kinerja@localhost")
# Notifications (SKP submitted, returned, approved ...) also go out by email when this is on.
NOTIFY_BY_EMAIL = env_bool("NOTIFY_BY_EMAIL", False)
# The address users open the app at, for links in emails and for the QR code of official documents, e.g.
# https://kinerja.example.go.id. Production requires it: it is printed on paper that must verify for years, so it
# may not depend on whichever host name a request happened to use.
SITE_URL = env("SITE_URL", "")
if PRODUCTION and not re.fullmatch(r"https?://[^/\s]+(/\S*)?", SITE_URL):
    raise ImproperlyConfigured(
        "SITE_URL wajib diisi pada mode produksi dengan alamat publik aplikasi, mis. "
        "https://kinerja.example.go.id (alamat itu tercetak pada kode QR dokumen resmi)."
    )

# Background work runs in-process until a capability needs a worker (then: django-tasks-db).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refusal (403) is one line with its reason, not a traceback.
    "filters": {"one_line_refusals": {"()": "kinerja.core.logs.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line_refusals"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # fpdf2 embeds only the glyphs a PDF uses; fontTools logs every step of that at INFO.
        "fontTools": {"level": "WARNING"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50
# limit/offset bounded to what the database takes (an offset beyond 64 bits was a 500).
NINJA_PAGINATION_CLASS = "kinerja.core.api.Pagination"
