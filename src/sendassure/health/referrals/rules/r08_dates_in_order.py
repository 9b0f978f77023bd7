"""HR08: dates in order: first contact and clock stop not before the referral, the clock
stop not before the first contact, advice returned not before it was requested. A pair
with a date missing or not a date is not judged here (HR07 judges the format)."""

from . import formats, rule

ORDER = (("referral_date", "first_contact_date", "is before the referral date"),
         ("referral_date", "clock_stop_date", "is before the referral date"),
         ("first_contact_date", "clock_stop_date", "is before the first contact date"),
         ("ehc_advice_requested", "ehc_advice_returned", "is before the advice was requested"))


@rule("HR08", formats.DATES, "dates in order")
def check(cells):
    for earlier, later, reason in ORDER:
        first, then = formats.value(earlier, cells[earlier]), formats.value(later, cells[later])
        if first is not None and then is not None and then < first:
            yield later, f"{reason} ({first.isoformat()})"
