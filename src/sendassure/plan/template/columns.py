"""The plan template's sheets and columns: one definition drives the reader, the
validator, both writers, the README sheet of ``plan-template.xlsx`` and
``plan-template.md``.

Kinds: ``text``; ``int`` (whole number); ``date`` (a real Excel date, or ISO text
``YYYY-MM-DD``; in YAML an unquoted ISO date); ``decimal`` (at most one decimal place);
``choice`` (one of the listed codes, or its label, any case); ``list`` (measure keys:
a YAML list, or comma-separated text in a cell).
"""

from __future__ import annotations

from dataclasses import dataclass

from sendassure.plan.models.vocabulary import Direction, PlanType, Rag, RequestStatus, Status


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    help: str
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (code, label)
    max_length: int | None = None


@dataclass(frozen=True)
class Sheet:
    name: str  # XLSX sheet name
    key: str  # YAML key
    help: str
    columns: tuple[Column, ...]
    single: bool = False  # exactly one record (a mapping in YAML)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _choices(enum) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in enum.choices)


AREA = Column("area", "int", "Area of weakness number (from the Areas sheet).")
ACTION_REF = "Action reference (from the Actions sheet), e.g. 6.3."

PLAN = Sheet("Plan", "plan", "The plan itself: exactly one row. A plan is identified by "
             "(la, title): importing a file whose plan already exists replaces that plan's "
             "content.", (
    Column("la", "text", "Lead local authority: 3-digit LA code, e.g. 886.", True,
           max_length=3),
    Column("title", "text", "Title of the plan.", True, max_length=200),
    Column("plan_type", "choice", "Kind of plan.", True, _choices(PlanType)),
    Column("start_date", "date", "Date the plan starts.", True),
    Column("end_date", "date", "Date the plan ends (on or after start_date)."),
    Column("review_cycle_months", "int", "Months between progress reviews (1 to 24; "
           "default 6)."),
), single=True)

REVIEWS = Sheet("Reviews", "reviews", "Progress review meetings (DfE / NHS England), one "
                "row each.", (
    Column("date", "date", "Date of the review meeting (each date once).", True),
    Column("label", "text", "Name of the review, e.g. First progress review.",
           max_length=120),
))

AREAS = Sheet("Areas", "areas", "Areas of weakness found at inspection, one row each.", (
    Column("number", "int", "Number of the area (1, 2, ...), each once.", True),
    Column("title", "text", "The weakness in the inspection's words.", True, max_length=300),
    Column("description", "text", "Longer description."),
))

ACTIONS = Sheet("Actions", "actions", "Actions, one row each; the reference starts with "
                "the area number (action 6.3 belongs to area 6).", (
    Column("area", "int", AREA.help, True),
    Column("reference", "text", "Reference N.M where N is the area number, unique in the "
           "plan (format the column as text in Excel: 6.10 is not 6.1).", True,
           max_length=12),
    Column("outcome", "text", "Outcome sought."),
    Column("description", "text", "What will be done.", True),
    Column("action_lead", "text", "Lead for the action.", max_length=120),
    Column("council_lead", "text", "Council lead.", max_length=120),
    Column("nhs_lead", "text", "NHS lead.", max_length=120),
    Column("senior_responsible_officer", "text", "Senior responsible officer.",
           max_length=120),
    Column("start_date", "date", "Start date."),
    Column("due_date", "date", "Due date (on or after start_date)."),
    Column("measures_of_success", "text", "Measures of success, in words."),
    Column("status", "choice", "Status (default not_started).", choices=_choices(Status)),
    Column("progress", "text", "Latest progress narrative."),
))

MILESTONES = Sheet("Milestones", "milestones", "Milestones of actions, one row each.", (
    Column("action", "text", ACTION_REF, True),
    Column("title", "text", "What will have happened.", True, max_length=300),
    Column("due_date", "date", "When it is due.", True),
    Column("completed_date", "date", "When it was done (empty while not done)."),
))

MEASURES = Sheet("Measures", "measures", "KPIs from the catalogue linked to an action or "
                 "to an area (exactly one of the two).", (
    Column("measure", "text", "A key for this row, unique in the file, used by "
           "MeasureMilestones and EvidenceRequests (export writes M1, M2, ...).", True,
           max_length=20),
    Column("area", "int", "Area number, for a measure of the whole area."),
    Column("action", "text", ACTION_REF + " For a measure of one action."),
    Column("section", "text", "Family of the measure (docs/measures.md): timeliness, "
           "decisions, not_to_issue, open_assessments, annual_reviews, caseload, "
           "phase_transfers, reviews_overdue (may be left empty: found from the KPI name)."),
    Column("kpi", "text", "Registered measure (DfE output name), e.g. "
           "pc_plans_issued_within_20_weeks.", True, max_length=60),
    Column("breakdown", "text", "Optional: one group, dimension=value, e.g. "
           "primary_need=ASD (dimensions: sex, age_group, ethnicity_group, primary_need, "
           "request_source (requests only), locality, la).", max_length=60),
    Column("period", "text", "Optional: the kind of period 'now' is shown for: "
           "rolling_12 (default), rolling_3, calendar_year (default with a breakdown), "
           "financial_year, academic_year, quarter or month; empty for a measure taken at "
           "a date (open assessments, caseload).", max_length=16),
    Column("direction", "choice", "Which way is better.", True, _choices(Direction)),
    Column("baseline_value", "decimal", "Baseline value."),
    Column("baseline_date", "date", "Date of the baseline."),
    Column("baseline_period", "text", "The period the baseline value is for, as a key: "
           "2023, FY2023-24, AY2023/24, 2023-Q2, 2023-06, R12-2023-06 or a date "
           "(2023-01-19) for a measure taken at a date. The plan page flags a baseline that "
           "differs from the records' figure for that period.", max_length=16),
    Column("target_value", "decimal", "Target value."),
    Column("target_date", "date", "Date the target should be reached."),
))

MEASURE_MILESTONES = Sheet("MeasureMilestones", "measure_milestones", "Milestone targets "
                           "of measures by date, one row each.", (
    Column("measure", "text", "Measure key from the Measures sheet.", True),
    Column("due_date", "date", "Date of the milestone (each once per measure).", True),
    Column("target_value", "decimal", "Value the measure should have reached.", True),
))

RATINGS = Sheet("Ratings", "ratings", "RAG ratings of an area or an action (exactly one "
                "of the two) at a review date; history: one row per rating given.", (
    Column("area", "int", "Area number, for a rating of the whole area."),
    Column("action", "text", ACTION_REF + " For a rating of one action."),
    Column("review_date", "date", "A date from the Reviews sheet.", True),
    Column("rating", "choice", "The rating given.", True, _choices(Rag)),
    Column("suggested", "choice", "The rating the rules suggested then (optional).",
           choices=_choices(Rag)),
    Column("rationale", "text", "Why; required when rating differs from suggested."),
    Column("set_by", "text", "Who set it (name or body).", max_length=150),
))

EVIDENCE_REQUESTS = Sheet("EvidenceRequests", "evidence_requests", "Reviewers' requests "
                          "(\"for the next review meeting we will be looking for evidence "
                          "of ...\"), one line of the letter per row.", (
    Column("area", "int", AREA.help, True),
    Column("text", "text", "The line of the letter, quoted as written (each once per "
           "area).", True),
    Column("letter_date", "date", "Date of the review letter."),
    Column("due_review", "date", "The review it is due at (a date from the Reviews sheet)."),
    Column("owner", "text", "Who answers it.", max_length=120),
    Column("status", "choice", "Status (default open).", choices=_choices(RequestStatus)),
    Column("response", "text", "The answer so far."),
    Column("measures", "list", "Measure keys that answer it (comma-separated)."),
))

SHEETS: tuple[Sheet, ...] = (
    PLAN, REVIEWS, AREAS, ACTIONS, MILESTONES, MEASURES, MEASURE_MILESTONES, RATINGS,
    EVIDENCE_REQUESTS,
)
BY_NAME = {s.name: s for s in SHEETS}
BY_KEY = {s.key: s for s in SHEETS}


def readme_rows() -> list[tuple[str, str, str, str, str]]:
    """(sheet, column, required, format, meaning) for the README sheet and markdown."""
    rows = []
    for sheet in SHEETS:
        rows.append((sheet.name, "", "", "", sheet.help))
        for c in sheet.columns:
            fmt = {"text": "text", "int": "whole number", "date": "date (YYYY-MM-DD)",
                   "decimal": "number, at most 1 decimal place",
                   "list": "comma-separated keys"}.get(c.kind, "")
            if c.kind == "choice":
                fmt = "one of: " + ", ".join(code for code, _ in c.choices)
            if c.max_length:
                fmt += f", at most {c.max_length} characters"
            rows.append((sheet.name, c.name, "yes" if c.required else "", fmt, c.help))
    return rows
