"""HR10: a referral appears once in a file: a later row with the same NHS number,
service, provider and referral date is a duplicate (the first is judged on its own).
Rows are compared by the values their cells stand for, so ``943 476 5919`` and
``9434765919`` are the same number."""

from . import formats, rule

KEY = ("nhs_number", "service", "provider_code", "referral_date")


@rule("HR10", KEY, "one row per referral", whole_file=True)
def check(rows):
    first: dict[tuple, int] = {}
    for row in rows:
        key = tuple(formats.value(c, row.cells[c]) for c in KEY)
        if None in key:
            continue
        if key in first:
            yield row, [("nhs_number", f"repeats the referral on row {first[key]} "
                                       "(same NHS number, service, provider and date)")]
        else:
            first[key] = row.number
