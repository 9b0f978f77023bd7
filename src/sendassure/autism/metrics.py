"""The NHS Autism Statistics metrics sendassure keeps, with NHS England's published
definitions word for word (the file's METRIC_DESCRIPTION). ASD19 is ASD18 over ASD16a
and ASD19c is ASD18c over ASD16c, so an ICB's and England's proportions are worked out
from the counts, never averaged."""

from __future__ import annotations

DEFINITIONS = {
    "ASD16a": 'Number of patients with an open "suspected autism" referral in the month '
              "that has been open for at least 13 weeks",
    "ASD16c": 'Number of patients aged 0 to 17 with an open "suspected autism" referral in '
              "the month that has been open for at least 13 weeks",
    "ASD18": 'Number of patients with an open "suspected autism" referral in the month, '
             "that has been open for at least 13 weeks, receiving a first appointment in "
             "13 weeks or less",
    "ASD18c": 'Number of patients aged 0 to 17 with an open "suspected autism" referral in '
              "the month, that has been open for at least 13 weeks, receiving a first "
              "appointment in 13 weeks or less",
    "ASD19": 'Proportion of patients with an open "suspected autism" referral in the month, '
             "that has been open for at least 13 weeks, receiving a first appointment in "
             "13 weeks or less",
    "ASD19c": 'Proportion of patients aged 0 to 17 with an open "suspected autism" referral '
              "in the month, that has been open for at least 13 weeks, receiving a first "
              "appointment in 13 weeks or less",
}
METRICS = tuple(DEFINITIONS)
COUNTS = ("ASD16a", "ASD16c", "ASD18", "ASD18c")
# proportion -> (numerator, denominator)
PROPORTIONS = {"ASD19": ("ASD18", "ASD16a"), "ASD19c": ("ASD18c", "ASD16c")}
SUPPRESSED, NOT_PUBLISHED = "suppressed", "not_published"
