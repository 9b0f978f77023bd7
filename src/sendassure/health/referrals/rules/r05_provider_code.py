"""HR05: the provider is given by its ODS code (3 to 6 letters or digits)."""

from . import formats, rule


@rule("HR05", ("provider_code",), "an ODS code of 3 to 6 letters or digits")
def check(cells):
    if formats.provider_code(cells["provider_code"]) is None:
        yield "provider_code", "is not an ODS code (3 to 6 letters or digits)"
