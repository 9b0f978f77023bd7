"""HR04: the service is a code of the area's service vocabulary (``services``)."""

from ..services import services
from . import formats, rule


@rule("HR04", ("service",), "a service code of the vocabulary")
def check(cells):
    if formats.service(cells["service"]) is None:
        yield "service", "is not a known service: one of " + ", ".join(services())
