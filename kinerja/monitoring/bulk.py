"""Writing many rows fast: plain tuples with `executemany`, each value adapted for the database as the ORM would
adapt it (dates, moments, decimals). A Django model instance per row doubles the time of a large write; the demo
and the attendance import use this instead of bulk_create."""

from django.db import connection, models


def _adapter(field):
    """How the database takes a value of the field (what Django's bulk_create would do), or None as it is."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda value: ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)
    return None


def insert(model, columns: list[str], rows: list[tuple]) -> None:
    """INSERT the rows (tuples in the columns' order) with executemany, values adapted as the ORM would."""
    if not rows:
        return
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    adapters = [_adapter(by_attname[c]) for c in columns]
    typed = [(n, a) for n, a in enumerate(adapters) if a is not None]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model, quoted)
        quote(model._meta.db_table),
        ", ".join(quote(by_attname[c].column) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            batch = []
            for row in rows[start : start + 5000]:
                values = list(row)
                for n, adapt in typed:
                    if values[n] is not None:
                        values[n] = adapt(values[n])
                batch.append(values)
            cursor.executemany(sql, batch)


def execute_many(sql: str, rows: list[tuple]) -> None:
    """Run one statement (%s placeholders) for each row, in batches; values given as the database takes them."""
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
