from .coproduction import CoProduction
from .evidence import EvidenceBlob, EvidenceFile, EvidenceRequest, EvidenceVersion
from .measures import MeasureLink, MeasureMilestone
from .narrative import AreaNarrative
from .plan import Action, AreaOfWeakness, Milestone, Plan, ReviewDate
from .ratings import ExceptionReport, RagRating
from .vocabulary import Direction, PlanType, Rag, RequestStatus, Status

__all__ = [
    "Action", "AreaNarrative", "AreaOfWeakness", "CoProduction", "Direction", "EvidenceBlob", "EvidenceFile", "EvidenceRequest",
    "EvidenceVersion", "ExceptionReport", "MeasureLink", "MeasureMilestone", "Milestone", "Plan",
    "PlanType", "Rag", "RagRating", "RequestStatus", "ReviewDate", "Status",
]
