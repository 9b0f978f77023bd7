"""``docs/measures.md``, generated from the registry (``sendassure measures --markdown``):
the project's own definition of every measure, kept in step with the code by a test."""

from __future__ import annotations

from sendassure.kpis import periods as P
from sendassure.kpis.disclosure import THRESHOLD
from sendassure.kpis.spc import LIMIT_FACTOR, MIN_POINTS, RUN_LENGTH

from .registry import FAMILIES, FLOW, STREAMS, Family

INTRO = """# Measures

Every figure sendassure shows, in a page, a pack, the command line or the API, is one of
the measures below, computed by one function (the figures service) from the area's
records. This page is generated from the measure registry (`sendassure measures
--markdown`); a test keeps it in step with the code.

## How a figure is worked out

- **Periods.** A *flow* measure counts events dated in a period; a *stock* measure is
  taken on a date (the period's end). Periods are given by key:

| kind | key | period |
|---|---|---|
""" + "".join(
    f"| {P.KIND_LABELS[kind]} | `{example}` | {meaning} |\n" for kind, example, meaning in (
        (P.CALENDAR_YEAR, "2024", "1 January to 31 December"),
        (P.FINANCIAL_YEAR, "FY2024-25", "1 April 2024 to 31 March 2025"),
        (P.ACADEMIC_YEAR, "AY2024/25", "1 September 2024 to 31 August 2025"),
        (P.QUARTER, "2024-Q3", "a calendar quarter (Q1 is January to March)"),
        (P.MONTH, "2024-03", "a calendar month"),
        (P.ROLLING_3, "R3-2024-10", "the 3 months ending October 2024"),
        (P.ROLLING_12, "R12-2024-10", "the 12 months ending October 2024"),
        (P.POINT_IN_TIME, "2024-12-31", "one day"),
    )) + f"""
- **As known on a date.** A figure answers as known on its *as-of* date: nothing dated
  after it changes the answer (a decision dated later had not been made; a request
  received later did not exist). The default as-of date is the area's **data to** date,
  the reference date of its latest return, never today's date.
- **Status.** `final` when the data covers the whole period; `partial` when it covers
  only part of it (the period has not ended by the data's end, or began before the
  data does), and the page says how far it goes; `no_data` when it covers none of it.
  Trend charts and their rules never use a partial point.
- **Percentages** are worked out as DfE does: `numerator / denominator * 100` in double
  precision (divide, then multiply), and that double's exact decimal value rounded to
  one place, half up. A zero denominator gives no value (`null`, shown as `z`), never 0.
- **Averages of weeks**: the mean of `d / 7` in double precision, rounded the same way.
- `d` is the whole number of days between two dates. Within 20 weeks is `d <= 140`,
  20 to 52 weeks `140 < d <= 364`, over 52 weeks `d > 364`; within 6 weeks `d <= 42`;
  within 4 weeks `d <= 28`.
- **Breakdowns** split a measure's population by one dimension (`sex`, `age_group`,
  `ethnicity_group`, `primary_need`, `request_source`, `locality`, `la`); each group is
  computed exactly as the whole. Ages are whole years from the month of birth.

## Disclosure control

Figures for roles without child-level access (the board, the parent carer forum,
reviewers, health and audit roles, the public) are controlled so that no count from 1
to {THRESHOLD - 1} can be worked out, whether it is shown or not:

- a count from 1 to {THRESHOLD - 1} is shown as `c`; 0 stays 0 (and a `c` is never a 0);
- a percentage or mean is `c` when its numerator or denominator is hidden, or its
  denominator is below {THRESHOLD};
- counts that add up are controlled together: a measure beside its
  excluding-exceptions version (the exceptions are their difference), nested backlog
  bands, a family's parts and total, a breakdown's groups and total, and a year's
  months and quarters. An integer programme checks every hidden or unpublished count
  from 1 to {THRESHOLD - 1} and more cells are hidden until none can be pinned down;
- rolling periods and financial and academic years are sums of months: a count is
  shown only where every month in it is shown;
- breakdowns are shown for complete calendar years (and, for stock measures, dates);
- figures are published as known on month ends, review dates and the data's own end
  only: any other as-of date is moved back to the latest of those before it. (Figures
  for the same period as known on two such dates can still differ by what was learnt
  between them, such as a review decision notified late.)

Symbols: `c` confidential, `z` not applicable (no value), `x` not available.

## Trend and assurance

Monthly series are shown as XmR charts (NHS "Making Data Count"): the centre line is the
mean, process limits are the mean ± {LIMIT_FACTOR} × the mean moving range, and a point
shows special cause when it is outside the limits, in a run of {RUN_LENGTH} or more on
one side of the mean, in a run of {RUN_LENGTH} or more rising or falling, or is one of 2
of 3 points beyond two thirds of the way to a limit on the same side. Fewer than
{MIN_POINTS} points give a run chart without limits. Limits are recalculated only at a known
change to the process, set per area and measure in the recalculation file
(`var/spc-recalculations.yaml`; see `sendassure.charts.recalculations`), so they never
span a step change; the chart marks the change and its table says where and why. A
trajectory to a target is drawn only when the trend of the last 12 points (since the
latest recalculation) is significant: the slope's 95% confidence interval, slope ±
t(0.975, n-2) × its standard error, excludes 0; otherwise the chart says the trend is not
significant.
"""


def _family(family: Family) -> str:
    kind = "flow: counts events dated in the period" if family.kind == FLOW else (
        "stock: taken on a date")
    lines = [
        f"### {family.title} (`{family.name}`)", "",
        f"- Kind: {kind}; published by default for each "
        f"{P.KIND_LABELS[family.period_kind]}.",
        f"- Definition: {family.definition}",
    ]
    if family.exclusions:
        lines.append(f"- Records left out: {family.exclusions}")
    barring = _barring_rules(family)
    if barring:
        lines.append("- Validation problems that keep a record out (`docs/rules.md`): "
                     + "; ".join(barring) + ". A record quarantined whole (a rule "
                     "excluded from `all`) is out of every measure.")
    if family.breakdowns:
        lines.append("- Breakdowns: " + ", ".join(f"`{d}`" for d in family.breakdowns) + ".")
    tied = [f"{' + '.join(parts)} = {total}" for parts, total in family.rules.lines]
    if tied:
        lines.append("- Controlled together: " + "; ".join(f"`{t}`" for t in tied) + ".")
    lines += ["", "| name | label | unit | better when | definition |", "|---|---|---|---|---|"]
    better = {"up": "higher", "down": "lower", "neither": "neither"}
    for m in family.measures:
        of = f" Numerator `{m.numerator}`, denominator `{m.denominator}`." if m.numerator else (
            f" Over `{m.denominator}`." if m.denominator else "")
        lines.append(f"| `{m.name}` | {m.label} | {m.unit} | {better[m.polarity]} | "
                     f"{m.definition}{of} |")
    return "\n".join(lines) + "\n"


PUBLISHED_INTRO = """Series published by DfE, MoJ and Ofsted for every LA, its region and England,
loaded by `sendassure outcomes load` (the shipped extract by default) and printed by
`sendassure outcomes --la CODE [--series NAME]... --format json|table|csv` as
`{"la", "series": {NAME: [{"period", "characteristic", "value", "numerator",
"denominator", "region", "england"}]}}`. Values are kept as published (KS2 and phonics as
DfE's whole percent, with the counts alongside); a symbol (`x`, `c`, `..`, `~`, `-`) is a
missing value with its reason, never 0. Periods: academic years `2022/23`, financial
years `2021-22`, calendar years `2022`, an inspection's publication date. Each series is
also a family of the figures service, one measure per characteristic
(`NAME_CHARACTERISTIC`, e.g. `ks2_rwm_expected_ehc_plan`, with `_num` and `_den` where
counts are published), so plan areas link to them; on a date a measure is the latest
published period that had ended by then, shown as published to every audience.
"""


def _published(family: Family) -> str:
    main = [m for m in family.measures if m.unit != "count" or not m.name.endswith(
        ("_num", "_den"))]
    counts = [m for m in family.measures if m not in main]
    better = {"up": "higher", "down": "lower", "neither": "neither"}
    first = main[0]
    return "\n".join([
        f"### {family.title} (`{family.name}`)", "",
        f"- Published for each {P.KIND_LABELS[family.period_kind]}; unit {first.unit}; "
        f"better when {better[first.polarity]}.",
        f"- Definition: {family.definition}",
        "- Characteristics and measures: " + "; ".join(
            f"{m.label.split(': ', 1)[-1]} `{m.name}`" for m in main) + ".",
        ("- Counts: " + ", ".join(f"`{m.name}`" for m in counts) + ".") if counts
        else "- Counts: not published.",
    ]) + "\n"


def _barring_rules(family) -> list[str]:
    """The error rules whose scope reaches the family's sections, as "code (fields)"."""
    if not family.sections:
        return []
    from sendassure.ingest.rules import all_rules

    found = []
    for rule in all_rules():
        if rule.severity != "error":
            continue
        fields = [name for name, sections in rule.scopes().items()
                  if set(sections) & set(family.sections)]
        if fields:
            named = ", ".join(rule.fields if fields == ["*"] else fields)
            found.append(f"{rule.code} ({named})")
    return found


def render_markdown() -> str:
    parts = [INTRO]
    for stream in STREAMS.values():
        families = [f for f in FAMILIES.values() if f.stream == stream.name]
        parts.append(f"## {stream.label} (stream `{stream.name}`)\n")
        outcomes = stream.name == "outcomes"  # the published series, one measure each
        if families and outcomes:
            parts.append(PUBLISHED_INTRO)
        parts += [_published(f) if outcomes else _family(f) for f in families]
    return "\n".join(parts)
