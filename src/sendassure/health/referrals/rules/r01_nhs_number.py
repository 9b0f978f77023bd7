"""HR01: the NHS number is ten digits whose last is the Modulus 11 check digit of the
first nine (NHS Data Dictionary; checked by the ``nhs-number`` package). A number that
fails is never kept or shown as given: only its shape."""

from . import formats, rule


@rule("HR01", ("nhs_number",), "a valid NHS number (10 digits, Modulus 11 check digit)")
def check(cells):
    if not cells["nhs_number"].strip():
        yield "nhs_number", "is required"
    elif formats.nhs_number(cells["nhs_number"]) is None:
        yield "nhs_number", "is not a valid NHS number (10 digits passing Modulus 11)"
