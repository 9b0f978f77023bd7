"""HR09: a stopped clock says why, from the vocabulary; a reason without a clock stop
date is refused (the referral would count as open and seen at once)."""

from . import formats, rule


@rule("HR09", ("clock_stop_reason",), "a clock stop reason exactly when the clock stopped")
def check(cells):
    reason, stopped = cells["clock_stop_reason"].strip(), cells["clock_stop_date"].strip()
    if reason and formats.clock_stop_reason(reason) is None:
        yield "clock_stop_reason", "is not one of " + ", ".join(formats.CLOCK_STOP_REASONS)
    elif stopped and not reason:
        yield "clock_stop_reason", "is required when the clock has stopped"
    elif reason and not stopped:
        yield "clock_stop_reason", "is given but the clock stop date is blank"
