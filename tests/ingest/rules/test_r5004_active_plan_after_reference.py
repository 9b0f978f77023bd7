"""r5004_active_plan_after_reference: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5004_active_plan_after_reference import active_plan_after_reference


def test_active_plan_after_reference_flags(build, check):
    issues = check(
        active_plan_after_reference,
        build(active_plan={"ReviewMeeting": "2025-01-20", "LastReview": None}),
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5004", "query", "ReviewMeeting", "2025-01-20"),
    ]


def test_active_plan_after_reference_passes_valid(build, check):
    assert (
        check(
            active_plan_after_reference, build(active_plan={"PhaseTransferDueDate": "2025-02-15"})
        )
        == []
    )
    assert active_plan_after_reference in all_rules()
