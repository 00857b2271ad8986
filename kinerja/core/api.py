"""What every app's API shares: bounded integer types for ids and years, a bounded pagination, and the error
responses the OpenAPI document declares.

Python integers have no limit but the database's do: an id beyond 64 bits reached the ORM and failed with a 500
(SQLite cannot bind it, PostgreSQL refuses it). Declared with these types, such input is answered 422 with
pydantic's message before any query runs.
"""

from typing import Annotated, Any

from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination

from kinerja.core.formats import MAX_BIGINT

Id = Annotated[int, Field(ge=1, le=MAX_BIGINT)]
# Years as datetime.date can hold them; a performance year outside this range cannot exist.
Year = Annotated[int, Field(ge=1, le=9999)]
# kunci, the change counter: any value the column can hold (a wrong one is a 409, not a crash).
Counter = Annotated[int, Field(ge=0, le=MAX_BIGINT)]


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset, with both bounded so that offset + limit stays within what SQL can take."""

    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=MAX_BIGINT // 2)
        offset: int = Field(0, ge=0, le=MAX_BIGINT // 2)


class ErrorOut(Schema):
    """A refusal: 401 (not signed in), 403 (not allowed), 404 (not found or not visible), 409 (changed since
    read)."""

    detail: str


class InvalidOut(Schema):
    """400: the service refused the data; `errors` lists the messages per field (`__all__` for the whole)."""

    detail: str
    errors: dict[str, list[str]]


class RequestInvalidOut(Schema):
    """422: the request does not fit the schema (a missing field, a number out of range ...)."""

    detail: list[dict[str, Any]]


_SCHEMAS: dict[int, type[Schema]] = {
    400: InvalidOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: RequestInvalidOut,
}


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """The error responses of an operation for its `response=` mapping; every operation can answer 401 (auth)
    and 422 (input)."""
    return {status: _SCHEMAS[status] for status in sorted({401, 422, *statuses})}
