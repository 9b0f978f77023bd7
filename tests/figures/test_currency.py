"""What a figure set says its data covers (``DataCurrency``) is kept under the data's
version: each import moves it on at once; with no version set (nothing loaded through a
loader) nothing is kept, so records stored otherwise are never hidden behind an old
answer."""

from __future__ import annotations

from datetime import date

import pytest

from sendassure.core.versions import any_set
from sendassure.figures.service import figures_for
from sendassure.ingest.importer import import_sen2
from sendassure.ingest.models import ImportRun

from ..casework.sen2_builder import person, request, write

pytestmark = pytest.mark.django_db


def test_any_set_tells_a_version_naming_data_from_an_unset_one():
    assert not any_set("records:886=;establishments=")
    assert any_set("records:886=4f2a;establishments=")
    assert not any_set("")


def test_each_import_moves_the_data_end_on_at_once(tmp_path):
    assert figures_for(["886"]).currency.data_to is None
    first = write(tmp_path, "2024.xml", [person(1, [request(received="2023-01-10")])],
                  year="2024", reference_date="2024-01-18")
    assert import_sen2([first]).status == "stored"
    assert figures_for(["886"]).currency.data_to == date(2024, 1, 18)
    assert figures_for(["886"]).currency.data_to == date(2024, 1, 18)  # kept: the same
    second = write(tmp_path, "2025.xml", [person(2, [request(received="2024-01-10")])])
    assert import_sen2([second]).status == "stored"
    assert figures_for(["886"]).currency.data_to == date(2025, 1, 16)


def test_with_no_version_set_the_records_held_are_read_each_time():
    assert figures_for(["887"]).currency.data_to is None
    ImportRun.objects.create(la="887", file_name="r.xml", file_hash="x" * 64,
                             file_format="xml", reference_date="2024-01-18",
                             collection_year="2024", status="stored")
    assert figures_for(["887"]).currency.data_to == date(2024, 1, 18)
