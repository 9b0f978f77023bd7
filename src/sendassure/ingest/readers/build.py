"""Assembling records from named fields, shared by both readers: which module holds
which child modules, and how a header is checked before any person is read."""

from __future__ import annotations

from sendassure.ingest.records import (
    ActivePlan,
    Assessment,
    Header,
    NamedPlan,
    Person,
    Placement,
    PlanDetail,
    Record,
    Request,
    ReturnRejected,
    SenNeed,
)
from sendassure.sen2.values import is_la_code, parse_date

# Element name -> (module name used by the rules, record class).
MODULES: dict[str, tuple[str, type[Record]]] = {
    "Person": ("person", Person),
    "Requests": ("request", Request),
    "Assessment": ("assessment", Assessment),
    "NamedPlan": ("named_plan", NamedPlan),
    "PlanDetail": ("plan_detail", PlanDetail),
    "ActivePlans": ("active_plan", ActivePlan),
    "PlacementDetail": ("placement", Placement),
    "SENneed": ("sen_need", SenNeed),
}

# Module -> the child elements it may hold.
CHILDREN: dict[str, tuple[str, ...]] = {
    "person": ("Requests",),
    "request": ("Assessment", "ActivePlans"),
    "assessment": ("NamedPlan",),
    "named_plan": ("PlanDetail",),
    "active_plan": ("PlacementDetail", "SENneed"),
}


def attach(parent: Record, child: Record) -> bool:
    """Hang a child record on its parent. ``False`` when the parent already has the
    single child of that kind it may hold (the reader reports and drops the second)."""
    match parent, child:
        case Person(), Request():
            parent.requests.append(child)
        case Request(), Assessment():
            if parent.assessment is not None:
                return False
            parent.assessment = child
        case Request(), ActivePlan():
            if parent.active_plan is not None:
                return False
            parent.active_plan = child
        case Assessment(), NamedPlan():
            if parent.named_plan is not None:
                return False
            parent.named_plan = child
        case NamedPlan(), PlanDetail():
            parent.plan_details.append(child)
        case ActivePlan(), Placement():
            parent.placements.append(child)
        case ActivePlan(), SenNeed():
            parent.sen_needs.append(child)
        case _:
            return False
    return True


def check_header(header: Header, file_name: str) -> None:
    """Reject a return whose header does not say it is SEN2 for a known day and LA."""
    collection = header.get("Collection")
    if collection is None:
        raise ReturnRejected(
            f"The file {file_name} is not a SEN2 return: its header has no Collection "
            "(expected SEN2)."
        )
    if collection.upper() != "SEN2":
        raise ReturnRejected(
            f"The file {file_name} is not a SEN2 return: its Collection is "
            f"'{collection}', expected SEN2."
        )
    reference = header.get("ReferenceDate")
    if parse_date(reference) is None:
        found = f"'{reference}'" if reference else "nothing"
        raise ReturnRejected(
            f"The file {file_name} has no valid ReferenceDate in its header (found "
            f"{found}); expected a date such as 2025-01-16."
        )
    lea = header.get("LEA")
    if not is_la_code(lea):
        found = f"'{lea}'" if lea else "nothing"
        raise ReturnRejected(
            f"The file {file_name} has no valid LEA in its header (found {found}); "
            "expected the authority's 3-digit code, such as 886."
        )
