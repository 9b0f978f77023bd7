"""r5003_review_before_meeting: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5003_review_before_meeting import review_before_meeting


def test_review_before_meeting_flags(build, check):
    issues = check(review_before_meeting, build(active_plan={"LastReview": "2024-10-31"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5003", "query", "LastReview", "2024-10-31"),
    ]
    assert "before ReviewMeeting 2024-11-01" in issues[0].message


def test_review_before_meeting_passes_valid(build, check):
    assert check(review_before_meeting, build(active_plan={"LastReview": "2024-11-01"})) == []
    assert review_before_meeting in all_rules()
