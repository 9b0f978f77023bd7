"""The statutory EHC measures, from the SEN2 case records: the stream and its families.

Each family is one section of the statutory catalogue (names are DfE's output names, so
a local figure and a published one line up column for column). Definitions here are the
project's own; ``docs/measures.md`` is generated from them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from sendassure.kpis import (
    annual_reviews,
    caseload,
    decisions,
    not_to_issue,
    open_assessments,
    phase_transfers,
    redress,
    timeliness,
)
from sendassure.kpis import disclosure as rules
from sendassure.kpis.periods import CALENDAR_YEAR, POINT_IN_TIME

from .registry import (
    FLOW,
    STOCK,
    DataCurrency,
    Family,
    Measure,
    Stream,
    Withheld,
    register,
    register_stream,
)

REQUEST_DIMENSIONS = ("sex", "age_group", "ethnicity_group", "primary_need", "request_source",
                      "locality", "la")
PLAN_DIMENSIONS = ("sex", "age_group", "ethnicity_group", "primary_need", "locality", "la")
UNUSABLE_DATES = ("A request with no ReceivedDate, or one dated after its outcome, cannot be "
                  "placed in time and is left out (DfE: \"not available\").")


def _inputs(areas: Sequence[str]):
    from .inputs import case_frames

    return case_frames(areas)


def _currency(areas: Sequence[str]) -> DataCurrency:
    """From the returns imported: data from 1 January of the first year a return covers
    to the latest return's reference date (the SEN2 census day)."""
    from sendassure.ingest.models import ImportRun

    runs = ImportRun.objects.filter(la__in=list(areas), status="stored")
    per_area = []
    for la in areas:
        mine = runs.filter(la=la)
        latest = mine.order_by("-reference_date", "-id").first()
        if latest is None:
            return DataCurrency(None, None)
        years = [int(y) for y in mine.values_list("collection_year", flat=True) if y.isdigit()]
        first = date(min(years) - 1, 1, 1) if years else None
        per_area.append((first, latest))
    data_from = max((f for f, _ in per_area if f), default=None)
    latest = min((run for _, run in per_area), key=lambda run: run.reference_date)
    return DataCurrency(data_from, latest.reference_date, latest.file_name, latest.started_at)


def _version(areas: Sequence[str]) -> str:
    from sendassure.core.versions import current, records_key

    return current([*(records_key(la) for la in areas), "establishments"])


def _areas() -> list[str]:
    from sendassure.ingest.models import ImportRun

    return sorted(set(ImportRun.objects.filter(status="stored").values_list("la", flat=True)))


class _Words(dict):  # the values a message names vary record to record: an ellipsis
    def __missing__(self, key):
        return "…"


def _why(rule) -> str:
    """A rule's message with its placeholders in words, to say why records are held."""
    if rule is None:
        return "a validation error"
    return rule.message.format_map(_Words(field=" or ".join(rule.fields)))


def _withheld(areas: Sequence[str], sections: tuple[str, ...]) -> Withheld:
    """Requests stored but barred from any of ``sections``, by rule; and the records the
    latest return of each area quarantined whole (no measure can use them), by rule."""
    import json

    from sendassure.casework.models import Request
    from sendassure.ingest.models import ImportIssue, ImportRun
    from sendassure.ingest.rules import all_rules
    from sendassure.kpis.exclusions import ALL

    excluded: Counter[str] = Counter()
    barred = Request.objects.filter(la__in=list(areas)).exclude(excluded_from="")
    for text in barred.values_list("exclusions", flat=True).iterator(chunk_size=2000):
        for code, barred_from in json.loads(text or "{}").items():
            if set(barred_from) & set(sections):
                excluded[code] += 1
    quarantined: Counter[str] = Counter()
    for la in areas:
        latest = ImportRun.objects.filter(la=la, status="stored").order_by(
            "-reference_date", "-id").first()
        if latest is None:
            continue
        whole = ImportIssue.objects.filter(import_run=latest, excluded_from=ALL,
                                           quarantined_record__isnull=False)
        for code, _record in set(whole.values_list("code", "quarantined_record_id")):
            quarantined[code] += 1
    rules = {r.code: r for r in all_rules()}
    return Withheld({c: (n, _why(rules.get(c))) for c, n in excluded.items()},
                    {c: (n, _why(rules.get(c))) for c, n in quarantined.items()})


register_stream(Stream("sen2", "SEN2 case records", _inputs, _currency, _version, _areas,
                       _withheld))


def _requests(fn):
    return lambda inputs, *args: fn(inputs.requests, *args)


def _plans(fn):
    return lambda inputs, *args: fn(inputs.active_plans, *args)


def requests_of(inputs):
    return inputs.requests


def plans_of(inputs):
    return inputs.active_plans


def count(name, label, polarity, definition):
    return Measure(name, label, "count", polarity, definition)


def pc(name, label, polarity, numerator, denominator, definition):
    return Measure(name, label, "percent", polarity, definition, numerator, denominator)


def weeks(name, label, denominator, definition):
    return Measure(name, label, "weeks", "down", definition, None, denominator)


EX = " Excluding plans where an exception applies (Week20 = 1, reg 13(3))."
register(Family(
    sections=("timeliness",),
    name="timeliness", title="Timeliness of new EHC plans", stream="sen2", kind=FLOW,
    period_kind=CALENDAR_YEAR,
    definition=("Plans issued (AssessmentOutcome Y) with AssessmentOutcomeDate in the period, "
                "whose request has a ReceivedDate on or before the issue date, with no "
                "mediation or tribunal recorded against the request or the assessment "
                "(RequestMediation, RequestTribunal, AssessmentMediation, AssessmentTribunal "
                "not 1). d = AssessmentOutcomeDate - ReceivedDate in days: within 20 weeks "
                "is d <= 140, over a year d > 364."),
    population=_requests(timeliness.population), summarise=timeliness.summarise,
    result=timeliness.Timeliness, rules=rules.TIMELINESS, breakdowns=REQUEST_DIMENSIONS, records=requests_of,
    exclusions=UNUSABLE_DATES + " Cases with mediation or tribunal are out of this family.",
    measures=(
        count("plans_issued_den", "EHC plans issued (excluding mediation and tribunal)",
              "neither", "The plans in the population."),
        count("plans_issued_within_20_weeks", "Issued within 20 weeks", "up", "d <= 140."),
        pc("pc_plans_issued_within_20_weeks", "% issued within 20 weeks", "up",
           "plans_issued_within_20_weeks", "plans_issued_den",
           "Plans issued within 20 weeks as a percentage of plans issued."),
        count("plans_issued_gt20weeks_ltyear", "Issued after 20 weeks, within a year", "down",
              "140 < d <= 364."),
        pc("pc_plans_issued_gt20weeks_ltyear", "% issued after 20 weeks, within a year", "down",
           "plans_issued_gt20weeks_ltyear", "plans_issued_den",
           "Plans issued after 20 weeks but within a year, as a percentage of plans issued."),
        count("plans_issued_gt_1_year", "Issued after more than a year", "down", "d > 364."),
        pc("pc_plans_issued_gt_1_year", "% issued after more than a year", "down",
           "plans_issued_gt_1_year", "plans_issued_den",
           "Plans issued after more than a year, as a percentage of plans issued."),
        weeks("avg_weeks_issue_plan", "Average weeks to issue", "plans_issued_den",
              "Mean of d / 7 over the population."),
        count("plans_issued_den_ex", "Plans issued, excluding exceptions", "neither",
              "The population." + EX),
        count("plans_issued_20_weeks_ex", "Within 20 weeks, excluding exceptions", "up",
              "d <= 140." + EX),
        pc("pc_plans_issued_20_weeks_ex", "% within 20 weeks, excluding exceptions", "up",
           "plans_issued_20_weeks_ex", "plans_issued_den_ex",
           "Percentage issued within 20 weeks." + EX),
        count("plans_issued_gt20weeks_ltyear_ex",
              "After 20 weeks within a year, excluding exceptions", "down",
              "140 < d <= 364." + EX),
        pc("pc_plans_issued_gt20weeks_ltyear_ex",
           "% after 20 weeks within a year, excluding exceptions", "down",
           "plans_issued_gt20weeks_ltyear_ex", "plans_issued_den_ex",
           "Percentage issued after 20 weeks within a year." + EX),
        count("plans_issued_gt_1_year_ex", "After more than a year, excluding exceptions",
              "down", "d > 364." + EX),
        pc("pc_plans_issued_gt_1_year_ex", "% after more than a year, excluding exceptions",
           "down", "plans_issued_gt_1_year_ex", "plans_issued_den_ex",
           "Percentage issued after more than a year." + EX),
        weeks("avg_weeks_issue_plan_exc", "Average weeks to issue, excluding exceptions",
              "plans_issued_den_ex", "Mean of d / 7." + EX),
    ),
))

register(Family(
    sections=("requests_received", "decisions"),
    name="decisions", title="Decisions whether to assess (6 weeks)", stream="sen2", kind=FLOW,
    period_kind=CALENDAR_YEAR,
    definition=("Requests received: ReceivedDate in the period, historical (H) requests "
                "excluded. Decisions: RequestOutcome Y or N with RequestOutcomeDate in the "
                "period; d = RequestOutcomeDate - ReceivedDate, within 6 weeks when d <= 42 "
                "(reg 5)."),
    population=_requests(decisions.population), summarise=decisions.summarise,
    result=decisions.Decisions, rules=rules.DECISIONS, breakdowns=REQUEST_DIMENSIONS, records=requests_of,
    exclusions=UNUSABLE_DATES + " Such a request still counts as received when its "
                                "ReceivedDate falls in the period.",
    measures=(
        count("requests_received", "Requests for assessment received", "neither",
              "Requests with ReceivedDate in the period, H excluded."),
        count("requests_decided", "Decisions whether to assess", "neither",
              "Requests decided (Y or N) in the period."),
        count("decided_within_6_weeks", "Decided within 6 weeks", "up", "d <= 42."),
        pc("pc_decided_within_6_weeks", "% decided within 6 weeks", "up",
           "decided_within_6_weeks", "requests_decided",
           "Decisions made within 6 weeks as a percentage of decisions."),
        count("requests_refused", "Requests refused", "neither",
              "Decisions not to assess (N)."),
        pc("pc_requests_refused", "% of decisions that refused", "neither", "requests_refused",
           "requests_decided", "Refusals as a percentage of decisions."),
    ),
))

register(Family(
    sections=("not_to_issue",),
    name="not_to_issue", title="Decisions not to issue a plan (16 weeks)", stream="sen2",
    kind=FLOW, period_kind=CALENDAR_YEAR,
    definition=("Assessments with AssessmentOutcome N dated in the period; d = "
                "AssessmentOutcomeDate - ReceivedDate, within 16 weeks when d <= 112 (reg 10)."),
    population=_requests(not_to_issue.population), summarise=not_to_issue.summarise,
    result=not_to_issue.NotToIssue, rules=rules.NOT_TO_ISSUE, breakdowns=REQUEST_DIMENSIONS, records=requests_of,
    exclusions=UNUSABLE_DATES,
    measures=(
        count("not_to_issue", "Decisions not to issue a plan", "neither",
              "Notices that no plan will be issued, dated in the period."),
        count("not_to_issue_within_16_weeks", "Of which within 16 weeks", "up", "d <= 112."),
        pc("pc_not_to_issue_within_16_weeks", "% not to issue within 16 weeks", "up",
           "not_to_issue_within_16_weeks", "not_to_issue",
           "Decisions not to issue made within 16 weeks, as a percentage of them."),
    ),
))

register(Family(
    sections=("open_assessments",),
    name="open_assessments", title="Open assessments and the backlog", stream="sen2",
    kind=STOCK, period_kind=POINT_IN_TIME,
    definition=("Open on date R: a request received on or before R, not historical (H), not "
                "withdrawn on or before R, with no final outcome dated on or before R (a "
                "decision not to assess, or an assessment outcome Y, N or W). A plan agreed "
                "but not yet issued (outcome Y with no date) is still open. age = R - "
                "ReceivedDate in days."),
    population=_requests(open_assessments.population), summarise=open_assessments.summarise,
    result=open_assessments.OpenAssessments, rules=rules.OPEN_ASSESSMENTS,
    breakdowns=REQUEST_DIMENSIONS, records=requests_of,
    exclusions="A request with no ReceivedDate has no age and is not counted.",
    measures=(
        count("open_total", "Open assessments", "neither", "Cases open on R."),
        count("open_over_20_weeks", "Open over 20 weeks", "down", "age > 140."),
        count("open_over_30_weeks", "Open over 30 weeks", "down", "age > 210."),
        count("open_over_52_weeks", "Open over 52 weeks", "down", "age > 364."),
        count("due_to_breach_4_weeks", "Due to pass 20 weeks within 4 weeks", "down",
              "112 < age <= 140: the 20 weeks pass within 4 weeks unless the plan is issued."),
    ),
))

register(Family(
    sections=("annual_reviews",),
    name="annual_reviews", title="Annual reviews (4 weeks)", stream="sen2", kind=FLOW,
    period_kind=CALENDAR_YEAR,
    definition=("Active plans with a ReviewMeeting in the period; d = LastReview (the date "
                "the decision was notified) - ReviewMeeting; on time when 0 <= d <= 28 "
                "(reg 20). A review with no decision notified yet is not on time."),
    population=_plans(annual_reviews.population), summarise=annual_reviews.summarise,
    result=annual_reviews.AnnualReviews, rules=rules.ANNUAL_REVIEWS, breakdowns=PLAN_DIMENSIONS, records=plans_of,
    exclusions="SEN2 keeps only a plan's latest review, so an earlier review in the period "
               "is not seen.",
    measures=(
        count("reviews_held", "Annual review meetings held", "neither",
              "Review meetings in the period."),
        count("reviews_within_4_weeks", "Decision notified within 4 weeks", "up", "d <= 28."),
        pc("pc_reviews_within_4_weeks", "% review decisions within 4 weeks", "up",
           "reviews_within_4_weeks", "reviews_held",
           "Review decisions notified within 4 weeks as a percentage of reviews held."),
    ),
))

register(Family(
    sections=("caseload", "placements"),
    name="caseload", title="Caseload and placements", stream="sen2", kind=STOCK,
    period_kind=POINT_IN_TIME,
    definition=("Active plans on date R: started on or before R and not ceased on or before "
                "R. The placement type is that of the rank-1 placement, from the "
                "establishments register; a plan whose placement type is unknown stays in "
                "the denominator."),
    population=_plans(caseload.population), summarise=caseload.summarise,
    result=caseload.Caseload, rules=rules.CASELOAD, breakdowns=PLAN_DIMENSIONS, records=plans_of,
    measures=(
        count("ehcplans", "Active EHC plans", "neither", "Plans active on R."),
        count("mainstream_total", "Placed in mainstream schools", "up",
              "Rank-1 placement in a mainstream school."),
        pc("mainstream_total_pc", "% in mainstream schools", "up", "mainstream_total",
           "ehcplans", "Plans placed in mainstream schools as a percentage of active plans."),
        count("special_total", "Placed in special schools", "neither",
              "Rank-1 placement in a special school."),
        pc("special_total_pc", "% in special schools", "neither", "special_total", "ehcplans",
           "Plans placed in special schools as a percentage of active plans."),
    ),
))

register(Family(
    sections=("phase_transfers",),
    name="phase_transfers", title="Phase transfers", stream="sen2", kind=FLOW,
    period_kind=CALENDAR_YEAR,
    definition=("Plans with PhaseTransferDueDate in the period. On time: "
                "PhaseTransferFinalDate on or before 15 February of the transfer year, or 31 "
                "March for a transfer from secondary school to post-16 (taken as a young "
                "person 16 or over on 31 August of the transfer year) (reg 18)."),
    population=_plans(phase_transfers.population), summarise=phase_transfers.summarise,
    result=phase_transfers.PhaseTransfers, rules=rules.PHASE_TRANSFERS,
    breakdowns=PLAN_DIMENSIONS, records=plans_of,
    measures=(
        count("phase_transfers_due", "Phase transfers due", "neither",
              "Transfers due in the period."),
        count("phase_transfers_on_time", "Phase transfers on time", "up",
              "Amended plan by the deadline."),
        pc("pc_phase_transfers_on_time", "% phase transfers on time", "up",
           "phase_transfers_on_time", "phase_transfers_due",
           "Transfers on time as a percentage of transfers due."),
    ),
))

register(Family(
    sections=("reviews_overdue",),
    name="reviews_overdue", title="Overdue annual reviews", stream="sen2", kind=STOCK,
    period_kind=POINT_IN_TIME, statutory_section=False, context=("ehcplans",),
    definition=("Plans active on date R whose last review meeting is more than 12 months "
                "before R (or, with no review, that started more than 12 months before R)."),
    population=_plans(annual_reviews.overdue_population),
    summarise=annual_reviews.summarise_overdue, result=annual_reviews.ReviewsOverdue,
    rules=rules.REVIEWS_OVERDUE, breakdowns=PLAN_DIMENSIONS, records=plans_of,
    measures=(
        count("reviews_overdue", "Plans with an overdue annual review", "down",
              "Active plans whose annual review is more than 12 months old."),
    ),
))

register(Family(
    sections=("requests_received",),
    name="redress", title="Mediation and tribunal appeals", stream="sen2", kind=FLOW,
    period_kind=CALENDAR_YEAR, statutory_section=False,
    definition=("Requests received in the period (H excluded) with mediation (Request- or "
                "AssessmentMediation = 1) or a tribunal appeal (Request- or "
                "AssessmentTribunal = 1) recorded on the return."),
    population=_requests(redress.population), summarise=redress.summarise,
    result=redress.Redress, rules=rules.REDRESS, breakdowns=REQUEST_DIMENSIONS,
    records=requests_of, exclusions=UNUSABLE_DATES,
    measures=(
        count("redress_requests", "Requests received (mediation and appeals)", "neither",
              "Requests with ReceivedDate in the period, H excluded."),
        count("with_mediation", "Requests with mediation", "neither",
              "Mediation recorded on the request or its assessment."),
        pc("pc_with_mediation", "% of requests with mediation", "neither", "with_mediation",
           "redress_requests", "Requests with mediation as a percentage of requests."),
        count("with_tribunal", "Requests with a tribunal appeal", "down",
              "An appeal to the SEND Tribunal recorded on the request or its assessment."),
        pc("pc_with_tribunal", "% of requests appealed to the tribunal", "down",
           "with_tribunal", "redress_requests",
           "Requests appealed as a percentage of requests."),
    ),
))
