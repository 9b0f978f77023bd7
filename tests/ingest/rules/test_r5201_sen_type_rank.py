"""r5201_sen_type_rank: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5201_sen_type_rank import sen_type_rank


def test_sen_type_rank_flags(build, check):
    issues = check(sen_type_rank, build(sen_needs=[{"SENtypeRank": "3"}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5201", "query", "SENtypeRank", "[shape 9, 1 character]"),
    ]


def test_sen_type_rank_passes_valid(build, check):
    assert check(sen_type_rank, build(sen_needs=[{"SENtypeRank": "1"}])) == []
    assert sen_type_rank in all_rules()
