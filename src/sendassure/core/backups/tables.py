"""Every table of a migration state, and its rows in a form any engine reads back.

A row is a JSON array of its columns' values in the order the backup's manifest names
them: dates, times and durations in ISO 8601, decimals and UUIDs as text, bytes in
base64. Loading turns each back through the column's own field, so a backup made on
SQLite loads into PostgreSQL and the other way round.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import uuid

from django.utils.duration import duration_iso_string

# Made again by ``migrate`` itself: never written by the app, so they are not compared or
# refused as 'not empty', but they are backed up and restored like any table.
REGENERATED = frozenset({"django_content_type", "auth_permission"})


def models_of(state_apps) -> list:
    """The concrete tables of a migration state's models, once each, in a stable order."""
    seen, found = set(), []
    for model in state_apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        found.append(model)
    return sorted(found, key=lambda m: m._meta.db_table)


def columns(model) -> list:
    return [f for f in model._meta.concrete_fields]


def encode(value):
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    return value


def decode(field, value):
    if value is None:
        return None
    if field.get_internal_type() == "JSONField":
        return value
    return field.to_python(value)


def rows(model, batch: int = 2000):
    """Every row of ``model``'s table as encoded lists, in primary-key order."""
    names = [f.attname for f in columns(model)]
    query = model._base_manager.order_by("pk").values_list(*names)
    for row in query.iterator(chunk_size=batch):
        yield [encode(v) for v in row]


def insert(connection, model, names: list[str], encoded_rows: list[list]) -> None:
    """Insert rows given by column ``names`` as they are: no defaults, no ``auto_now``."""
    fields = {f.attname: f for f in columns(model)}
    missing = set(names) - set(fields)
    if missing:
        raise ValueError(f"{model._meta.db_table} has no column {sorted(missing)}")
    chosen = [fields[n] for n in names]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} "
           f"({', '.join(quote(f.column) for f in chosen)}) "
           f"VALUES ({', '.join(['%s'] * len(chosen))})")
    prepared = [[f.get_db_prep_save(decode(f, v), connection)
                 for f, v in zip(chosen, row, strict=True)] for row in encoded_rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
