"""r0001_read_problem: in the catalogue; the importer reports reader problems under it."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r0001_read_problem import read_problem


def test_it_is_catalogued_and_checks_no_record_itself(build, check):
    assert read_problem in all_rules()
    assert read_problem.code == "SEN2-0001" and read_problem.severity == "query"
    assert check(read_problem, build()) == []
