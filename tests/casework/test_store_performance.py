"""Import memory stays flat: what the importer holds does not grow with the persons it
has already stored (the store looks each batch up; nothing of the area is preloaded)."""

from __future__ import annotations

import gc
import tracemalloc

import pytest

from sendassure.casework import models as m
from sendassure.ingest import store
from sendassure.ingest.importer import import_sen2

from .sen2_builder import active_plan, person, request, write

pytestmark = pytest.mark.django_db

PERSONS = 1400


def _area(tmp_path, name: str, reference_date: str):
    persons = [person(n, [request(active=active_plan())]) for n in range(1, PERSONS + 1)]
    return write(tmp_path, name, persons, reference_date=reference_date)


def _traced_at_progress(path) -> tuple[dict[int, int], object]:
    """Python memory in use each time the importer reports progress (every 200 persons)."""
    seen: dict[int, int] = {}

    def progress(done: int, total: int | None) -> None:
        gc.collect()  # garbage awaiting the cycle collector is not memory the importer holds
        seen[done] = tracemalloc.get_traced_memory()[0]

    tracemalloc.start()
    try:
        report = import_sen2([path], progress=progress)
    finally:
        tracemalloc.stop()
    return seen, report


@pytest.mark.parametrize("already_stored", [False, True], ids=["new area", "known area"])
def test_memory_per_person_does_not_grow_with_the_persons_already_stored(
    tmp_path, monkeypatch, already_stored
):
    monkeypatch.setattr(store.Store, "BATCH", 100)
    if already_stored:  # the area is held already: every person is matched, not created
        assert import_sen2([_area(tmp_path, "year1.xml", "2024-01-18")]).status == "stored"
    seen, report = _traced_at_progress(_area(tmp_path, "year2.xml", "2025-01-16"))
    assert report.status == "stored" and report.stored["person"] == PERSONS
    assert m.Person.objects.count() == PERSONS and m.Request.objects.count() == PERSONS
    # Between the 400th and the 1,400th person 1,000 persons went by, ten batches of 100.
    # Holding a match key, id and date per person (as a preloaded dict did) costs about
    # 200 bytes a person, and the requests as much again: 200 KB or more here. Allow
    # 64 bytes a person for what is legitimately kept (the duplicate-UPN rule's 16-byte
    # slots at half load) and a batch's worth of noise: 64 x 1,000 + 100 KB.
    growth = seen[1400] - seen[400]
    assert growth < 64 * 1000 + 100_000, f"{growth} bytes more after 1,000 more persons"


def test_inserts_use_a_handful_of_statement_sizes():
    """Rows whose ids are needed go in statements of ROWS rows, then halves of it: SQLite
    keeps each distinct statement prepared, so sizes must not follow the batch."""
    table = store._Table.__new__(store._Table)
    table.largest = 64
    sizes = set()
    for total in range(1, 1001):
        chunks = [len(c) for c in table._chunks(list(range(total)))]
        assert sum(chunks) == total
        sizes.update(chunks)
    assert sizes == {64, 32, 16, 8, 4, 2, 1}
