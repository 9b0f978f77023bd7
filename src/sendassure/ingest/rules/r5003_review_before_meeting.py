from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-5003",
    severity="query",
    module="active_plan",
    fields=("LastReview", "ReviewMeeting"),
    message="LastReview {value} (review decision notified) is before ReviewMeeting {meeting}",
)
def review_before_meeting(active, context):
    meeting = context.date(active, "ReviewMeeting")
    decided = context.date(active, "LastReview")
    if meeting and decided and decided < meeting:
        yield context.issue(active, "LastReview", meeting=meeting.isoformat())
