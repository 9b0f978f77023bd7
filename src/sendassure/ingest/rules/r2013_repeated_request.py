from sendassure.ingest.rules.registry import rule


def _match(request) -> tuple[str, str | None]:
    """How a request is matched across returns: ReceivedDate, or for a historical ``H``
    request the plan's StartDate (falling back to ReceivedDate)."""
    if (request.get("RequestOutcome") or "").strip() == "H":
        plan = request.assessment.named_plan if request.assessment else None
        start = plan.get("StartDate") if plan else None
        return "H", (start or request.get("ReceivedDate") or "").strip() or None
    return "R", (request.get("ReceivedDate") or "").strip() or None


@rule(
    code="SEN2-2013",
    severity="error",
    module="request",
    fields=("ReceivedDate",),
    message="{field} {value} repeats request {first} of the same person: two requests "
    "cannot share a ReceivedDate (or, when historical, a plan StartDate)",
    excluded_from="all",
)
def repeated_request(request, context):
    kind, date = _match(request)
    if date is None:
        return
    for index, earlier in enumerate(context.person.requests[: context.request_index], start=1):
        if _match(earlier) == (kind, date):
            field = "ReceivedDate" if request.get("ReceivedDate") else "RequestOutcome"
            # A ReceivedDate or a plan StartDate: judged (and shown) as a date either way.
            yield context.issue(request, field, value=date, first=index,
                                value_field="ReceivedDate")
            return
