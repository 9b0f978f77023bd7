"""`sendassure health load-autism` loads NHS England's Autism Statistics (the real
shared file, July-September 2022 by sub-ICB location): the published cells as they
are, '*' kept as suppressed (never 0), each location mapped to its ICB; loading again
changes nothing; a file that is not Autism Statistics is refused with its reason."""

from __future__ import annotations

import gzip
from datetime import date
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from sendassure.autism.compact import SHIPPED
from sendassure.autism.models import AutismCell, AutismRelease
from sendassure.autism.statistics import read_autism_statistics
from sendassure.autism.store import load_autism_statistics
from sendassure.cli.main import app
from tests.support.shared import DATA

pytestmark = pytest.mark.django_db
REAL = DATA / "nhs" / "autism_statistics" / "AutismStatsDec22_subICB.csv.gz"
runner = CliRunner()
JULY = date(2022, 7, 1)


def cell(sub_icb: str, metric: str, month: date = JULY) -> AutismCell:
    return AutismCell.objects.get(sub_icb=sub_icb, metric=metric, month=month)


def test_the_real_file_loads_its_published_cells_by_sub_icb_and_icb():
    result = runner.invoke(app, ["health", "load-autism", str(REAL)])
    assert result.exit_code == 0, result.output
    assert "2022-07 to 2022-09" in result.output
    # 107 sub-ICB locations (UNKNOWN included) x 3 months x 6 metrics
    assert AutismCell.objects.count() == 107 * 3 * 6
    # file rows: 01/07/2022,...,00L,NHS NORTH EAST AND NORTH CUMBRIA ICB - 00L,...
    assert cell("00L", "ASD16c").value == 305 and cell("00L", "ASD19").value == 36
    assert cell("00L", "ASD16a").value == 795 and cell("00L", "ASD18").value == 285
    assert cell("00L", "ASD16c").icb_code == "QHM"
    assert cell("91Q", "ASD16c").value == 9840 and cell("91Q", "ASD16c").icb_code == "QKS"
    assert cell("91Q", "ASD16c", date(2022, 9, 1)).value == 10395
    assert cell("UNKNOWN", "ASD16c").icb_code is None


def test_suppressed_is_missing_never_zero():
    load_autism_statistics(REAL)
    suppressed = cell("00N", "ASD19")   # '*' in the file
    assert (suppressed.value, suppressed.missing) == (None, "suppressed")
    assert cell("07G", "ASD16c").value is None   # '*'
    assert not AutismCell.objects.filter(value=0, missing="suppressed").exists()


def test_loading_again_changes_nothing():
    first = load_autism_statistics(REAL)
    ids = set(AutismCell.objects.values_list("id", flat=True))
    again = load_autism_statistics(REAL)
    assert not first.unchanged and again.unchanged
    assert set(AutismCell.objects.values_list("id", flat=True)) == ids
    assert AutismRelease.objects.count() == 1


def test_a_file_holding_the_same_months_replaces_them(tmp_path):
    load_autism_statistics(REAL)
    lines = gzip.decompress(SHIPPED.read_bytes()).decode().splitlines()
    revised = [lines[0]] + [line.rsplit(",", 1)[0] + ",310"
                            if line.startswith("01/07/2022") and ",ASD16c," in line
                            else line for line in lines[1:] if ",00L," in line]
    path = tmp_path / "revised.csv"
    path.write_text("\n".join(revised) + "\n")
    load_autism_statistics(path)
    assert cell("00L", "ASD16c").value == 310
    # the months the revision holds are replaced whole: other locations went with them
    assert not AutismCell.objects.filter(sub_icb="91Q").exists()
    assert AutismRelease.objects.count() == 1


def test_the_shipped_compact_copy_reads_as_the_real_file():
    assert read_autism_statistics(SHIPPED).cells == read_autism_statistics(REAL).cells


@pytest.mark.parametrize(("content", "reason"), [
    (b"PK\x03\x04\x00\x00binary", "not a CSV file"),
    (b"\xff\xfe\xfa text", "not a UTF-8 CSV"),
    (b"la_code,la_name\n886,Kent\n", "no REPORTING_PERIOD_START"),
    (b"REPORTING_PERIOD_START,REPORTING_PERIOD_END,BREAKDOWN,PRIMARY_LEVEL,"
     b"PRIMARY_LEVEL_DESCRIPTION,SECONDARY_LEVEL,METRIC,METRIC_VALUE\n"
     b"01/07/2022,31/07/2022,England,Eng,England,NONE,MHS01,5\n", "no ASD metrics"),
    (b"REPORTING_PERIOD_START,REPORTING_PERIOD_END,BREAKDOWN,PRIMARY_LEVEL,"
     b"PRIMARY_LEVEL_DESCRIPTION,SECONDARY_LEVEL,METRIC,METRIC_VALUE\n"
     b"01/07/2022,31/07/2022,CCG or Sub ICB Location - GP Practice or Residence,00L,"
     b"X,NONE,ASD16c,lots\n", "is not a number"),
])
def test_a_file_that_is_not_autism_statistics_is_refused_with_its_reason(tmp_path, content,
                                                                       reason):
    path = tmp_path / "AutismStats.csv"
    path.write_bytes(content)
    result = runner.invoke(app, ["health", "load-autism", str(path)])
    assert result.exit_code == 1
    assert "not NHS Autism Statistics" in result.output and reason in result.output
    assert not AutismCell.objects.exists() and not AutismRelease.objects.exists()


def test_a_sitrep_workbook_is_refused():
    sitrep = DATA / "nhs" / "community_health_sitrep" / "community_health_2023-08-01.xlsx"
    result = runner.invoke(app, ["health", "load-autism", str(sitrep)])
    assert result.exit_code == 1 and "refused" in result.output


def test_proportions_are_published_as_whole_numbers():
    load_autism_statistics(REAL)
    assert cell("99E", "ASD19").value == Decimal("39")   # 30 of 80 open 13+ weeks
