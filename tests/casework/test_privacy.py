"""No name or full postcode from an imported file is anywhere in the database; birth
dates are kept to the month; UPN and ULN only in the identity table."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from lxml import etree

from sendassure.casework import models as m
from sendassure.ingest.importer import import_sen2

from .sen2_builder import person, request, write

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "sen2"


def _every_text_value() -> list[tuple[str, str, str]]:
    """(table, column, value) for every text-like column of every table."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = connection.introspection.get_table_description(cursor, table)
            names = [connection.ops.quote_name(c.name) for c in columns]
            cursor.execute(f"SELECT {', '.join(names)} FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value is not None and not isinstance(value, int | float):
                        found.append((table, column.name, str(value)))
    return found


def _secrets_of(path: Path) -> set[str]:
    tree = etree.parse(str(path))
    values = set()
    for tag in ("Surname", "Forename", "PostCode"):
        for node in tree.iter(tag):
            if node.text and node.text.strip():
                values.add(node.text.strip())
                values.add(node.text.strip().replace(" ", ""))
    return values


def _assert_absent(secrets: set[str]) -> None:
    assert secrets, "the file should carry names and postcodes for this test to mean anything"
    leaks = [
        (table, column, secret)
        for table, column, value in _every_text_value()
        for secret in secrets
        if secret.lower() in value.lower()
    ]
    assert leaks == []


def test_no_names_or_full_postcodes_are_stored(tmp_path):
    people = [person(n, [request()], PostCode=f"CT{n} 9ZZ") for n in range(1, 12)]
    people.append(person(99, [request(), request()]))  # a request quarantined whole
    people.append(person(98, PersonBirthDate="2015-99-99"))  # stored, barred from age
    path = write(tmp_path, "people.xml", people)
    report = import_sen2([path])
    assert report.status == "stored" and report.quarantined["request"] == 1
    assert report.excluded["age_group"] == 1
    _assert_absent(_secrets_of(path))
    assert set(m.Person.objects.values_list("postcode_district", flat=True)) >= {"CT1", "CT11"}


@pytest.mark.parametrize("name", ["sen2_sample_2023.xml", "sen2_sample_2024.xml",
                                  "sen2_sample_2025.xml"])
def test_the_shared_samples_leave_no_names_or_postcodes(name):
    report = import_sen2([SAMPLES / name])
    assert report.status == "stored"
    _assert_absent(_secrets_of(SAMPLES / name))


def test_birth_dates_are_kept_to_the_month_and_identifiers_apart(tmp_path):
    path = write(tmp_path, "one.xml", [person(1, PersonBirthDate="2015-06-15",
                                              UniqueLearnerNumber="1234567890")])
    import_sen2([path])
    stored = m.Person.objects.get()
    assert str(stored.birth_month) == "2015-06-01"
    assert stored.identity.uln == "1234567890" and len(stored.identity.upn) == 13
    assert "2015-06-15" not in {v for _, _, v in _every_text_value()}
    upn = stored.identity.upn
    outside_identity = [(t, c) for t, c, v in _every_text_value()
                        if upn in v and t != m.PersonIdentity._meta.db_table]
    assert outside_identity == []
