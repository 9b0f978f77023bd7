"""HR03: sex is M, F, I (indeterminate) or U (not known), or the NHS codes 1, 2, 9, 0
for the same."""

from . import formats, rule


@rule("HR03", ("sex",), "M, F, I or U (or NHS codes 1, 2, 9, 0)")
def check(cells):
    if formats.sex(cells["sex"]) is None:
        yield "sex", "is not one of M, F, I, U (or 1, 2, 9, 0)"
