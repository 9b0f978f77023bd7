"""HR07: the referral date is given and every date is an ISO date (YYYY-MM-DD) from
1900 to 2100; the other dates may be blank (not yet happened)."""

from . import formats, rule


@rule("HR07", formats.DATES, "ISO dates; the referral date required")
def check(cells):
    if not cells["referral_date"].strip():
        yield "referral_date", "is required"
    for column in formats.DATES:
        if cells[column].strip() and formats.day(cells[column]) is None:
            yield column, "is not a date YYYY-MM-DD"
