"""r2002_received_date_required: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2002_received_date_required import received_date_required


def test_received_date_required_flags(build, check):
    issues = check(received_date_required, build(request={"ReceivedDate": None}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2002", "error", "ReceivedDate", None),
    ]


def test_received_date_required_passes_valid(build, check):
    assert (
        check(received_date_required, build(request={"ReceivedDate": None, "RequestOutcome": "H"}))
        == []
    )
    assert received_date_required in all_rules()


def test_the_outcome_named_in_the_message_is_shown_by_shape_when_it_is_not_a_code(build, check):
    """A surname sent in RequestOutcome is another field's value in this rule's message."""
    issues = check(received_date_required,
                   build(request={"ReceivedDate": None, "RequestOutcome": "Smithersonby"}))
    assert issues[0].message.startswith(
        "ReceivedDate is missing (RequestOutcome [shape Aaaaaaaaaaaa, 12 characters])")
