"""The demo's shipped sitreps are compact copies (England, regions, ICBs) that the one
loader reads exactly as it reads the published editions, missing kinds included."""

from __future__ import annotations

import pytest
from rich.console import Console

from sendassure.cli import demo
from sendassure.core.models import Area
from sendassure.figures.service import figures_for
from sendassure.health.compact import SHIPPED, write_compact
from sendassure.health.sitrep import read_sitrep
from sendassure.kpis import periods as P
from tests.support.shared import DATA

PUBLISHED = sorted((DATA / "nhs" / "community_health_sitrep").glob("*.xlsx"))


def _without_providers(sitrep):
    waits = {(w.organisation, w.service): (w.counts, w.missing) for w in sitrep.waits
             if w.organisation.level != "provider"}
    late = {n for n in sitrep.non_submitters if n.organisation.level != "provider"}
    return sitrep.month, sitrep.published, sitrep.bands, waits, late


@pytest.mark.parametrize("published", PUBLISHED, ids=lambda p: p.stem)
def test_each_shipped_copy_holds_what_its_edition_publishes(published):
    original = read_sitrep(published)
    shipped = read_sitrep(SHIPPED / f"chs_sitrep_{original.month:%Y-%m}.xlsx")
    assert _without_providers(shipped) == _without_providers(original)


def test_a_fresh_copy_reads_the_same(tmp_path):
    original = read_sitrep(PUBLISHED[-1])
    copy = read_sitrep(write_compact(original, tmp_path / "june.xlsx"))
    assert _without_providers(copy) == _without_providers(original)


@pytest.mark.django_db
def test_the_demo_loads_them_and_kent_reads_its_icb():
    Area.objects.get_or_create(code=demo.DEMO_LA)
    demo._health(Console(file=open("/dev/null", "w")))  # noqa: SIM115
    figures = figures_for([demo.DEMO_LA], stream="health_waits")
    assert figures.as_of.isoformat() == "2023-06-30"
    # Kent and Medway, June 2023: Table 4!AU34 1396, 4f!AU34 325, 4g!AU34 0
    june = figures.family("health_waits", P.month(2023, 6))
    assert (june["salt_waiting"].value, june["salt_waiting_over_18_weeks"].value) == (1396, 325)
    # January 2023: Table 4!AV35 1336, Table 4f!AV35 242, Table 4g!AV35 3
    january = figures.family("health_waits", P.month(2023, 1))
    assert (january["salt_waiting"].value, january["salt_waiting_over_18_weeks"].value) == \
        (1336, 245)
