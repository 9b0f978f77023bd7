"""The published series: one declaration each (name, label, unit, which way is better),
and the columns each published table carries it in.

A series is published per period (academic year ``2022/23``, financial year
``2021-22``, calendar year ``2022`` or an inspection's date) for England, each region and
each LA, usually by SEN status (``characteristic``). Values are kept as published: KS2
"percentage meeting the expected standard" as DfE's whole percent (``pt_...``), with the
counts it is a percentage of alongside (``t_...``).
"""

from __future__ import annotations

from dataclasses import dataclass

ACADEMIC = "academic_year"
FINANCIAL = "financial_year"
CALENDAR = "calendar_year"
DATED = "date"

# SEN status as the contract names it; other characteristics keep their own names
EHC_PLAN, SEN_SUPPORT, NO_SEN, ALL_SEN, ALL = "EHC plan", "SEN support", "No SEN", "All SEN", "All"
SEN_STATUSES = (EHC_PLAN, SEN_SUPPORT, NO_SEN, ALL_SEN)


@dataclass(frozen=True)
class Series:
    name: str
    label: str
    topic: str
    unit: str  # percent, score, grade or pounds
    polarity: str  # up (higher is better), down or neither
    period_kind: str
    definition: str
    source: str
    characteristics: tuple[str, ...] = SEN_STATUSES


SERIES: dict[str, Series] = {s.name: s for s in (
    Series("eyfs_gld", "Children with a good level of development (EYFS profile)",
           "Attainment", "percent", "up", ACADEMIC,
           "Percentage of children at the end of reception reaching a good level of "
           "development (gld_percentage; gld_number of children_number).",
           "DfE, Early years foundation stage profile results",
           (EHC_PLAN, SEN_SUPPORT, NO_SEN, ALL_SEN)),
    Series("ks1_phonics_expected", "Year 1 pupils meeting the phonics expected standard",
           "Attainment", "percent", "up", ACADEMIC,
           "Published whole percentage of year 1 pupils meeting the expected standard in "
           "the phonics screening check (pt_phonics_y1_met_expected_standard; "
           "t_phonics_y1_met_expected_standard of t_phonics_y1_eligible_pupils).",
           "DfE, Key stage 1 and phonics screening check attainment"),
    Series("ks2_rwm_expected",
           "Pupils meeting the expected standard in reading, writing and maths (KS2)",
           "Attainment", "percent", "up", ACADEMIC,
           "Published whole percentage of pupils at the end of key stage 2 meeting the "
           "expected standard in reading, writing and maths (pt_rwm_met_expected_standard; "
           "t_rwm_met_expected_standard of t_rwm_eligible_pupils).",
           "DfE, Key stage 2 attainment"),
    Series("ks4_attainment8", "Average Attainment 8 score (KS4)", "Attainment", "score", "up",
           ACADEMIC, "Average Attainment 8 score per pupil at the end of key stage 4 "
           "(avg_att8; of t_pupils).", "DfE, Key stage 4 performance", (ALL_SEN, NO_SEN)),
    Series("ks4_progress8", "Average Progress 8 score (KS4)", "Attainment", "score", "up",
           ACADEMIC, "Average Progress 8 score at the end of key stage 4 (avg_p8score; of "
           "t_pupils); 0 is the national average of all pupils.",
           "DfE, Key stage 4 performance", (ALL_SEN, NO_SEN)),
    Series("absence_overall", "Overall absence rate", "Attendance", "percent", "down",
           ACADEMIC, "Percentage of possible sessions missed through absence, authorised "
           "or not (sess_overall_percent).", "DfE, Pupil absence in schools in England"),
    Series("absence_authorised", "Authorised absence rate", "Attendance", "percent", "down",
           ACADEMIC, "Percentage of possible sessions missed through authorised absence "
           "(sess_authorised_percent).", "DfE, Pupil absence in schools in England"),
    Series("absence_unauthorised", "Unauthorised absence rate", "Attendance", "percent",
           "down", ACADEMIC, "Percentage of possible sessions missed through unauthorised "
           "absence (sess_unauthorised_percent).", "DfE, Pupil absence in schools in England"),
    Series("persistent_absence", "Persistent absence (10% or more of sessions missed)",
           "Attendance", "percent", "down", ACADEMIC,
           "Percentage of pupil enrolments missing 10% or more of possible sessions "
           "(enrolments_pa_10_exact_percent; enrolments_pa_10_exact of enrolments). "
           "Loaded from EES absence files.", "DfE, Pupil absence in schools in England"),
    Series("destinations_1618_sustained",
           "Students in a sustained education, employment or training destination after "
           "16-18 study", "Destinations", "percent", "up", ACADEMIC,
           "Percentage of the 16-18 cohort with an 'Overall sustained' destination (of "
           "cohort), by SEN or LLDD status in mainstream.",
           "DfE, 16-18 destination measures",
           (NO_SEN, "Identified SEN (mainstream)", "No identified LLDD",
            "Identified LLDD (mainstream)")),
    Series("ks4_destinations_sustained",
           "Pupils in a sustained education, employment or training destination after KS4",
           "Destinations", "percent", "up", ACADEMIC,
           "Percentage of the key stage 4 cohort with an overall sustained destination "
           "(overall; of cohort). Loaded from EES destination measures files.",
           "DfE, Key stage 4 destination measures"),
    Series("sen_prevalence", "Pupils with an EHC plan or on SEN support",
           "Inclusion", "percent", "neither", ACADEMIC,
           "Percentage of pupils in all schools with an EHC plan, or on SEN support.",
           "DfE, Special educational needs in England", (EHC_PLAN, SEN_SUPPORT)),
    Series("mainstream_with_sen", "Pupils in state-funded mainstream schools with SEN",
           "Inclusion", "percent", "neither", ACADEMIC,
           "Percentage of pupils in state-funded mainstream schools with an EHC plan, on "
           "SEN support, or either (of total_pupils).",
           "DfE, Special educational needs in England", (EHC_PLAN, SEN_SUPPORT, ALL_SEN)),
    Series("ehcp_in_mainstream",
           "Children and young people with an EHC plan placed in mainstream schools",
           "Inclusion", "percent", "neither", ACADEMIC,
           "Percentage of all children and young people with an EHC plan (January census) "
           "whose placement is a mainstream school: LA maintained, academy, free school or "
           "independent, with or without resourced provision or a SEN unit "
           "(mainstream_total_pc; mainstream_total of ehcplans). Loaded from the EES "
           "'Education, health and care plans' caseload file.",
           "DfE, Education, health and care plans", (EHC_PLAN,)),
    Series("cin_with_sen", "Children in need with SEN (at 31 March)", "Inclusion",
           "percent", "neither", ACADEMIC,
           "Percentage of children in need at 31 March by SEN provision.",
           "DfE, Children in need"),
    Series("cla_with_sen", "Children looked after for 12 months with SEN (at 31 March)",
           "Inclusion", "percent", "neither", ACADEMIC,
           "Percentage of children looked after continuously for 12 months at 31 March by "
           "SEN provision.", "DfE, Children in need"),
    Series("cpp_with_sen", "Children on a child protection plan with SEN (at 31 March)",
           "Inclusion", "percent", "neither", ACADEMIC,
           "Percentage of children on a child protection plan at 31 March by SEN "
           "provision.", "DfE, Children in need"),
    Series("dsg_deficit", "DSG cumulative balance as a % of total income", "Finance",
           "percent", "down", FINANCIAL,
           "Dedicated schools grant cumulative deficit as a percentage of the grant's total "
           "income (a surplus is negative).", "DfE, LA and school expenditure", (ALL,)),
    Series("specialist_spend_per_head", "High-needs specialist placement spend per head",
           "Finance", "pounds", "neither", FINANCIAL,
           "Spend on specialist placements per head of the 2-18 population, in pounds, "
           "by kind of provider (total_spend over pop_est).",
           "DfE, LA and school expenditure", ("Total", "State", "Independent or non-maintained")),
    Series("tribunal_appeal_rate", "SEND Tribunal appeal rate", "Redress", "percent", "down",
           CALENDAR, "Appeals registered with the SEND Tribunal as a percentage of "
           "appealable decisions in the calendar year (numerator: appeals registered; "
           "denominator: total appealable decisions).",
           "MoJ and DfE, SEND appeal rate table", (ALL,)),
    Series("area_send_inspection", "Area SEND inspection outcome (2023 framework)",
           "Inspection", "grade", "down", DATED,
           "The outcome of the area SEND inspection published on the date given: 1 typically "
           "positive experiences and outcomes, 2 inconsistent, 3 widespread or systemic "
           "failings. Lower is better.",
           "Ofsted and CQC, area SEND inspection reports", (ALL,)),
    Series("area_send_wsoa",
           "Written statement of action required after the area SEND inspection (2016-2022 "
           "framework)",
           "Inspection", "grade", "down", DATED,
           "Whether the area SEND inspection under the 2016-2022 framework, published on the "
           "date given, required a written statement of action: 1 required, 0 not required. "
           "The revisit's outcome, where there was one, is in the note. Lower is better.",
           "Ofsted and CQC, area SEND inspection outcomes (DfE SEND dashboard)", (ALL,)),
)}


def period_key(period: str) -> tuple[int, str]:
    """Sort key: "2022/23", "2022-23", "2022" and "2022-06-30" by their first year."""
    digits = period[:4]
    return (int(digits) if digits.isdigit() else 0, period)
