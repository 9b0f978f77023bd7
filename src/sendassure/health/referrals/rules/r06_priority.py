"""HR06: the referral's priority is urgent or routine."""

from . import formats, rule


@rule("HR06", ("priority",), "urgent or routine")
def check(cells):
    if formats.priority(cells["priority"]) is None:
        yield "priority", "is not urgent or routine"
