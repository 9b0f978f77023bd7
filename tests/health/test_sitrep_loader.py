"""The CHS sitrep loader reads every edition in the shared data (both layouts) and
stores what each publishes: expected counts below were read by hand from the
workbooks with openpyxl (sheet!cell named beside each)."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.health.models import NonSubmission, ServiceWait, SitrepEdition
from sendassure.health.sitrep import NOT_SUBMITTED, SUPPRESSED, NotASitrep, read_sitrep
from sendassure.health.store import LOADED, OLDER, REPLACED, UNCHANGED, load_sitrep
from tests.support.shared import DATA

from .sitrep_files import EIGHT, write_sitrep

pytestmark = pytest.mark.django_db
SITREPS = DATA / "nhs" / "community_health_sitrep"
FILES = sorted(SITREPS.glob("*.xlsx"))
SALT_OLD = "(CYP) Therapy interventions: speech and language"  # the 2023 Jan-May header
SALT = "(CYP) Therapy interventions: Speech and language"  # from June 2023
runner = CliRunner()


def _wait(month: date, org_name: str, service: str) -> ServiceWait:
    return ServiceWait.objects.get(edition__month=month, org_name=org_name, service=service)


def test_every_shared_sitrep_loads_each_month_from_its_titles():
    assert len(FILES) == 6
    result = runner.invoke(app, ["health", "load-sitrep", *map(str, FILES)])
    assert result.exit_code == 0, result.output
    # The file dated 2023-03-01 holds January 2023 ... the one dated 2023-08-01 June.
    assert [(e.file_name[-15:-5], e.month, e.published) for e in SitrepEdition.objects.all()] \
        == [("2023-03-01", date(2023, 1, 1), date(2023, 3, 9)),
            ("2023-04-01", date(2023, 2, 1), date(2023, 4, 13)),
            ("2023-05-01", date(2023, 3, 1), date(2023, 5, 11)),
            ("2023-06-01", date(2023, 4, 1), date(2023, 6, 8)),
            ("2023-07-01", date(2023, 5, 1), date(2023, 7, 13)),
            ("2023-08-01", date(2023, 6, 1), date(2023, 8, 10))]
    assert all(e.bands == ["total", "weeks_0_1", "weeks_1_2", "weeks_2_4", "weeks_4_12",
                           "weeks_12_18", "weeks_18_52", "weeks_over_52"]
               for e in SitrepEdition.objects.all())
    jan, feb, jun = date(2023, 1, 1), date(2023, 2, 1), date(2023, 6, 1)
    # Old layout, January 2023 (community_health_2023-03-01.xlsx)
    england = _wait(jan, "England", SALT_OLD)
    assert (england.level, england.org_code) == ("england", "E92000001")
    assert england.total == 67774          # Table 4!AV7
    assert england.weeks_18_52 == 20810    # Table 4f!AV7
    assert england.weeks_over_52 == 2980   # Table 4g!AV7
    midlands = _wait(jan, "Midlands", "(CYP) Community paediatric service")
    assert (midlands.level, midlands.org_code) == ("region", "Y60")
    assert (midlands.total, midlands.weeks_18_52, midlands.weeks_over_52) == \
        (14770, 6128, 1143)                # Table 4!AL10, 4f!AL10, 4g!AL10
    cornwall = _wait(jan, "Cornwall and the Isles of Scilly", "(A) Audiology")
    assert (cornwall.level, cornwall.org_code) == ("icb", "QT6")
    assert (cornwall.total, cornwall.weeks_18_52, cornwall.weeks_over_52) == (236, 5, 0)
    bolton = _wait(jan, "Bolton NHS Foundation Trust", SALT_OLD)   # Table 4!AV68, 4f, 4g
    assert (bolton.level, bolton.org_code, bolton.total, bolton.weeks_18_52,
            bolton.weeks_over_52) == ("provider", None, 104, 0, 0)
    # Old layout, February 2023, whose tables' own titles leave the month out
    assert _wait(feb, "Kent and Medway", SALT_OLD).total == 1296          # Table 4!AV35
    assert _wait(feb, "Kent and Medway", SALT_OLD).org_code == "QKS"
    assert _wait(feb, "Kent Community Health NHS Foundation Trust",
                 "(CYP) Community paediatric service").weeks_over_52 == 144  # Table 4g!AL116
    # New layout, June 2023 (community_health_2023-08-01.xlsx)
    england = _wait(jun, "England", SALT)
    assert (england.total, england.weeks_18_52, england.weeks_over_52) == \
        (72071, 24908, 4109)               # Table 4!AU6, 4f!AU6, 4g!AU6
    kent = _wait(jun, "Kent and Medway", SALT)
    assert (kent.org_code, kent.total, kent.weeks_18_52, kent.weeks_over_52) == \
        ("QKS", 1396, 325, 0)              # Table 4!AU34, 4f!AU34, 4g!AU34
    cornwall = _wait(jun, "Cornwall and The Isles Of Scilly", "(CYP) Community paediatric service")
    assert (cornwall.org_code, cornwall.total, cornwall.weeks_18_52) == ("QT6", 707, 369)
    midlands = _wait(jun, "Midlands", "(A) Audiology")
    assert (midlands.total, midlands.weeks_over_52) == (3456, 494)  # Table 4!D9, 4g!D9
    # Every level in every edition: England, 7 regions, 42 ICBs, the providers
    for edition in SitrepEdition.objects.all():
        levels = {level: len(set(edition.waits.filter(level=level)
                                 .values_list("org_name", flat=True)))
                  for level in ("england", "region", "icb", "provider")}
        assert levels["england"] == 1 and levels["region"] == 7 and levels["icb"] == 42
        assert levels["provider"] > 120
        assert not edition.waits.exclude(level="provider").filter(org_code=None).exists()


def test_suppressed_and_not_submitted_are_different_missing_never_zero():
    load_sitrep(FILES[0])
    jan = date(2023, 1, 1)
    # Table 4!AQ10: '*' -- CYP safeguarding is published only for England
    safeguarding = _wait(jan, "Midlands", "(CYP) Safeguarding")
    assert safeguarding.total is None and safeguarding.missing["total"] == SUPPRESSED
    assert _wait(jan, "England", "(CYP) Safeguarding").total == 523       # Table 4!AQ7
    # Table 4!E35: '' -- no organisation in Kent and Medway submitted adult audiology
    audiology = _wait(jan, "Kent and Medway", "(A) Audiology")
    assert audiology.total is None and audiology.missing["total"] == NOT_SUBMITTED
    # and a published 0 stays 0, not missing (Table 4g!E23)
    cornwall = _wait(jan, "Cornwall and the Isles of Scilly", "(A) Audiology")
    assert cornwall.weeks_over_52 == 0 and "weeks_over_52" not in cornwall.missing


def test_new_layout_blank_cells_are_not_submitted():
    load_sitrep(FILES[-1])
    kent = _wait(date(2023, 6, 1), "Kent and Medway", "(A) Audiology")  # Table 4!D34: empty
    assert kent.total is None and kent.missing["total"] == NOT_SUBMITTED


def test_non_submitters_are_kept_for_every_month_an_edition_reports():
    load_sitrep(FILES[0])
    load_sitrep(FILES[-1])
    held = {(n.edition.month, n.org_name, n.month): n.providers
            for n in NonSubmission.objects.select_related("edition")}
    jan, jun = date(2023, 1, 1), date(2023, 6, 1)
    # community_health_2023-03-01.xlsx Table 1!D5:G5 (England, Oct 2022 - Jan 2023)
    assert [held[(jan, "England", date(2022, m, 1))] for m in (10, 11, 12)] == [7, 8, 7]
    assert held[(jan, "England", date(2023, 1, 1))] == 7
    assert (jan, "England", date(2023, 2, 1)) not in held   # heading without figures
    # community_health_2023-08-01.xlsx Table 1!C4:E4 and Table 1!C52 (Sussex, Apr-23)
    assert [held[(jun, "England", date(2023, m, 1))] for m in (4, 5, 6)] == [6, 7, 5]
    assert held[(jun, "Sussex", date(2023, 4, 1))] == 1
    assert NonSubmission.objects.get(edition__month=jun, org_name="Sussex",
                                     month=date(2023, 4, 1)).org_code == "QNX"


def test_loading_again_changes_nothing(tmp_path):
    first = load_sitrep(FILES[1])
    before = list(ServiceWait.objects.order_by("pk").values_list())
    again = load_sitrep(FILES[1])
    assert (first.outcome, again.outcome) == (LOADED, UNCHANGED)
    assert list(ServiceWait.objects.order_by("pk").values_list()) == before
    assert SitrepEdition.objects.count() == 1


def test_a_newer_edition_of_a_month_replaces_it_and_an_older_one_does_not(tmp_path):
    old = write_sitrep(tmp_path / "a.xlsx", published=datetime(2023, 8, 10))
    new = write_sitrep(tmp_path / "b.xlsx", published=datetime(2023, 9, 14),
                       cells={(0, 2, 1): 999})
    assert load_sitrep(old).outcome == LOADED
    assert load_sitrep(new).outcome == REPLACED
    kent = _wait(date(2023, 6, 1), "Kent and Medway",
                 "(CYP) Therapy interventions: Speech and language")
    assert kent.total == 999 and ServiceWait.objects.count() == 8
    assert load_sitrep(old).outcome == OLDER
    assert _wait(date(2023, 6, 1), "Kent and Medway",
                 "(CYP) Therapy interventions: Speech and language").total == 999
    assert SitrepEdition.objects.get().file_name == "b.xlsx"


def test_the_2025_edition_has_eight_bands_with_over_52_split_at_104(tmp_path):
    path = write_sitrep(tmp_path / "2025.xlsx", month="April 2025",
                        published=datetime(2025, 6, 12), titles=EIGHT)
    sitrep = read_sitrep(path)
    assert sitrep.month == date(2025, 4, 1)
    assert sitrep.bands == ["total", "weeks_0_1", "weeks_1_2", "weeks_2_4", "weeks_4_12",
                            "weeks_12_18", "weeks_18_52", "weeks_52_104", "weeks_over_104"]
    load_sitrep(path)
    england = _wait(date(2025, 4, 1), "England", "(A) Audiology")
    assert (england.weeks_52_104, england.weeks_over_104, england.weeks_over_52) == \
        (70, 80, None)


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: shutil.copy(DATA / "README.md", p / "notes.xlsx"), "not an Excel workbook"),
    (lambda p: write_sitrep(p / "x.xlsx", titles=("Total waiting list by service",)) and
     _drop_table4(p / "x.xlsx"), "no 'Table 4' sheet"),
    (lambda p: write_sitrep(p / "x.xlsx", month="Junember 2023"), "names the month"),
    (lambda p: write_sitrep(p / "x.xlsx", cells={(1, 2, 0): "12 approx"}),
     "'Table 4a' cell C6: '12 approx' is not a count"),
    (lambda p: write_sitrep(p / "x.xlsx", organisations=(("ICB", "Atlantis"),)),
     "no code is known for the icb named 'Atlantis'"),
])
def test_a_file_that_is_not_a_sitrep_is_refused_with_its_reason(tmp_path, make, reason):
    make(tmp_path)
    path = next(tmp_path.iterdir())
    with pytest.raises(NotASitrep, match=reason.replace("(", r"\(").replace(")", r"\)")):
        load_sitrep(path)
    assert not SitrepEdition.objects.exists()
    result = runner.invoke(app, ["health", "load-sitrep", str(path)])
    assert result.exit_code == 1 and "refused" in result.output


def _drop_table4(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    del book["Table 4"]
    book.save(path)
    return path
