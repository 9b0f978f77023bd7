"""HR02: the birth month is given as YYYY-MM (only the month of birth is kept); a
spreadsheet's date cell holding the first of a month is read as that month."""

from . import formats, rule


@rule("HR02", ("birth_month",), "a birth month YYYY-MM")
def check(cells):
    if not cells["birth_month"].strip():
        yield "birth_month", "is required"
    elif formats.birth_month(cells["birth_month"]) is None:
        yield "birth_month", "is not a month YYYY-MM (a full date of birth is not taken)"
