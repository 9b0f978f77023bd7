"""Parents' and carers' survey answers in the figures service: for each headline
statement (``voice.headlines``), the respondents who answered (not blank, not don't
know), those who agree (agree or strongly agree), the % agree and its Wilson 95% score
interval, and the parents who responded at all. A respondent counts in the period they
completed the survey (a wave is read as the calendar year it was completed in) and is
known from that date. Aggregate roles see counts of 1 to 4, and the percentage and
interval of a hidden count, as ``c``."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sendassure.kpis.disclosure import Rules
from sendassure.kpis.percent import percent, round_half_up
from sendassure.kpis.periods import CALENDAR_YEAR
from sendassure.kpis.results import Result
from sendassure.kpis.surveys import agree_counts, wilson

from .registry import FLOW, DataCurrency, Family, Measure, Stream, register, register_stream

STREAM = "surveys"


def _inputs(areas: Sequence[str]) -> list[tuple]:
    from sendassure.voice.headlines import parent_answers

    return parent_answers(list(areas))


def _currency(areas: Sequence[str]) -> DataCurrency:
    from django.db.models import Max, Min

    from sendassure.voice.models import SurveyResponse

    found = SurveyResponse.objects.filter(la__in=list(areas), group="parent_carer").aggregate(
        first=Min("completed_on"), last=Max("completed_on"))
    if found["last"] is None:
        return DataCurrency(None, None)
    return DataCurrency(found["first"].replace(day=1), found["last"], "surveys")


def _version(areas: Sequence[str]) -> str:
    from sendassure.core.versions import current
    from sendassure.voice.surveys import VERSION_KEY

    return current([VERSION_KEY])


def _areas() -> list[str]:
    from sendassure.voice.models import SurveyResponse

    return sorted(set(SurveyResponse.objects.values_list("la", flat=True)))


register_stream(Stream(STREAM, "Surveys of parents and carers", _inputs, _currency,
                       _version, _areas))


def _headlines() -> dict[str, str]:
    from sendassure.voice.headlines import headline_statements

    return headline_statements()


HEADLINES = _headlines()
OUTPUTS = ("responses", "agree", "pc_agree", "ci_low", "ci_high")


def _name(code: str, output: str) -> str:
    return {"responses": f"survey_{code}_responses", "agree": f"survey_{code}_agree",
            "pc_agree": f"pc_survey_{code}_agree", "ci_low": f"survey_{code}_ci_low",
            "ci_high": f"survey_{code}_ci_high"}[output]


ParentSurvey = dataclasses.make_dataclass(
    "ParentSurvey", [("parent_respondents", int)] + [
        (_name(c, o), int if o in ("responses", "agree") else Decimal | None)
        for c in HEADLINES for o in OUTPUTS], bases=(Result,), frozen=True)


def population(inputs: list[tuple], start: date, end: date, as_of: date) -> list[dict]:
    return [answers for day, answers in inputs if start <= day <= end and day <= as_of]


def summarise(rows: list[dict]) -> Result:
    values = {"parent_respondents": len(rows)}
    for code, text in HEADLINES.items():
        agree, n = agree_counts(r.get(text, "") for r in rows)
        interval = wilson(agree, n)
        values |= {_name(code, "responses"): n, _name(code, "agree"): agree,
                   _name(code, "pc_agree"): percent(agree, n),
                   _name(code, "ci_low"): None if interval is None else
                   round_half_up(interval[0] * 100),
                   _name(code, "ci_high"): None if interval is None else
                   round_half_up(interval[1] * 100)}
    return ParentSurvey(**values)


def _rules() -> Rules:
    lines, percentages, complements = [], {}, {}
    for code in HEADLINES:
        n, agree = _name(code, "responses"), _name(code, "agree")
        rest, unanswered = f"survey_{code}_not_agree", f"survey_{code}_no_answer"
        lines += [((agree, rest), n), ((n, unanswered), "parent_respondents")]
        complements |= {rest: (n, (agree,)), unanswered: ("parent_respondents", (n,))}
        # the interval gives the share away as the percentage does: hidden with it
        percentages |= {_name(code, o): (agree, n) for o in ("pc_agree", "ci_low", "ci_high")}
    return Rules(lines=tuple(lines), percentages=percentages, complements=complements)


def _measures(code: str, text: str) -> tuple[Measure, ...]:
    said = f"'{text}'"
    return (
        Measure(_name(code, "responses"), f"Parents answering {said}", "count", "neither",
                "Parents and carers who answered (not blank, not don't know)."),
        Measure(_name(code, "agree"), f"Parents agreeing {said}", "count", "up",
                "Of those, agree or strongly agree."),
        Measure(_name(code, "pc_agree"), f"% of parents agreeing {said}", "percent", "up",
                "Agree or strongly agree as a percentage of those who answered.",
                _name(code, "agree"), _name(code, "responses")),
        Measure(_name(code, "ci_low"), f"% agreeing {said}: lower 95% limit", "percent",
                "up", "The Wilson 95% score interval's lower end.", _name(code, "agree"),
                _name(code, "responses")),
        Measure(_name(code, "ci_high"), f"% agreeing {said}: upper 95% limit", "percent",
                "up", "The Wilson 95% score interval's upper end.", _name(code, "agree"),
                _name(code, "responses")),
    )


register(Family(
    name="parent_survey", title="Parents' and carers' confidence (surveys)", stream=STREAM,
    kind=FLOW, period_kind=CALENDAR_YEAR,
    definition=("Parent and carer respondents to the area's surveys who completed them in "
                "the period, and their answers to the headline statements (configurable): "
                "those who answered on the five-point scale (blank and don't know left "
                "out), those who agree or strongly agree, the % agree and its Wilson 95% "
                "score interval."),
    population=population, summarise=summarise, result=ParentSurvey, rules=_rules(),
    statutory_section=False,
    exclusions="Young people's and practitioners' answers are not in this family.",
    measures=(Measure("parent_respondents", "Parents and carers responding", "count",
                      "neither", "Parent and carer respondents in the period."),
              *(m for code, text in HEADLINES.items() for m in _measures(code, text))),
))
