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
    "ActivePlan", "Assessment", "NamedPlan", "Person", "PersonIdentity", "PhaseTransfer",
    "PlacementDetail", "PlanDetail", "Request", "Review", "SenNeed",
]
