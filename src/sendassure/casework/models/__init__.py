from .assignment import CaseAssignment
from .establishment import Establishment
from .person import Person, PersonIdentity
from .plans import (
    ActivePlan,
    NamedPlan,
    PhaseTransfer,
    PlacementDetail,
    PlanDetail,
    Review,
    SenNeed,
)
from .request import Assessment, Request

__all__ = [
    "ActivePlan", "Assessment", "CaseAssignment", "Establishment", "NamedPlan", "Person", "PersonIdentity", "PhaseTransfer",
    "PlacementDetail", "PlanDetail", "Request", "Review", "SenNeed",
]
