"""The JSON API root: /api/v1/, session or personal-token auth, OpenAPI at /api/v1/openapi.json."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI
from ninja.errors import ValidationError as RequestInvalid
from ninja.parser import Parser
from ninja.security import APIKeyCookie, HttpBearer

from kinerja.accounts.services import api_token_authenticate
from kinerja.calibration.api import router as calibration_router
from kinerja.calibration.api_bias import router as calibration_bias_router
from kinerja.calibration.api_sesi import router as calibration_sessions_router
from kinerja.core.errors import ConflictError
from kinerja.criteria.api import router as criteria_router
from kinerja.evaluation.api import router as evaluation_router
from kinerja.feedback360.api import router as feedback360_router
from kinerja.monitoring.api import router as monitoring_router
from kinerja.org.api import router as org_router
from kinerja.planning.api import router as planning_router
from kinerja.reports.api import router as reports_router


class SessionAuth(APIKeyCookie):
    """The browser session (CSRF checked on unsafe methods)."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        # CSRF protects what the browser adds by itself, the session cookie. A request without one, or one
        # that names a token (a header no other site can make a browser send), is the token's to decide:
        # checking CSRF here refused every token write with 403 before the token was even looked at.
        if not request.COOKIES.get(self.param_name) or _bearer(request):
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        if key is None:
            return None
        return request.user if request.user.is_authenticated else None


def _bearer(request) -> bool:
    return request.headers.get("Authorization", "").lower().startswith("bearer ")


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


NUL = "\x00"


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


class NulRefusingParser(Parser):
    """Text with a NUL character cannot be stored in PostgreSQL (it failed with a 500, found by the schemathesis
    test): refused before any query runs, in the query string (422 with a message) and in a JSON body (400, the
    body cannot be read)."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if _holds_nul(data):
            raise ValueError(
                "a JSON body with a NUL character"
            )  # ninja answers 400 "Cannot parse request body"
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        for key, value in result.items():
            if _holds_nul(key) or _holds_nul(value):
                raise RequestInvalid(
                    [
                        {
                            "loc": ["query", key],
                            "msg": "Teks tidak boleh memuat karakter NUL (\\x00).",
                            "type": "nul",
                        }
                    ]
                )
        return result


api = NinjaAPI(
    parser=NulRefusingParser(),
    title="Kinerja API",
    version="1",
    description="Pengelolaan kinerja pegawai ASN. Autentikasi: sesi peramban atau token pribadi (Bearer).",
    auth=[SessionAuth(), TokenAuth()],
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Akses ditolak."}, status=403)


@api.exception_handler(ConflictError)
def conflict(request, exc):
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=409)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "Data tidak valid.", "errors": errors}, status=400)


api.add_router("/", org_router)
api.add_router("/", criteria_router)
api.add_router("/", planning_router)
api.add_router("/", monitoring_router)
api.add_router("/", evaluation_router)
api.add_router("/", feedback360_router)
api.add_router("/", calibration_router)
api.add_router("/", calibration_sessions_router)
api.add_router("/", calibration_bias_router)
api.add_router("/", reports_router)
