"""Referral extracts as a user may browse them: the extracts loaded for the user's areas
(each with its providers and counts) and the findings of an extract's quarantined rows.
A finding shows a value only by its shape, even a value that passed its column's format
(a date out of order): the quarantine is read by people who need to find the row in the
provider's file, not to see what it holds (docs/adr/0016)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from sendassure.core.shapes import shape

from ..referral_models import QuarantinedReferral, ReferralExtract

_A_SHAPE = re.compile(r"\[shape .*, \d+ characters?\]", re.DOTALL)


@dataclass(frozen=True)
class QuarantineFinding:
    file_name: str
    row: int
    column: str
    shape: str  # "" for an empty cell
    code: str
    reason: str


def shape_only(value: str) -> str:
    """A finding's kept value as its shape (a value already kept as a shape stays so)."""
    if not value:
        return ""
    return value if _A_SHAPE.fullmatch(value) else shape(value)


def extracts_for(user) -> QuerySet[ReferralExtract]:
    return ReferralExtract.objects.for_user(user).order_by("-loaded_at", "-id")


def extract_for(user, pk: int) -> ReferralExtract:
    return get_object_or_404(extracts_for(user), pk=pk)


def findings_of(extract: ReferralExtract) -> list[QuarantineFinding]:
    """Every finding of the extract's quarantined rows, by row then as judged."""
    rows = QuarantinedReferral.objects.filter(extract=extract).order_by("row", "id")
    return [QuarantineFinding(extract.file_name, found["row"], found["column"],
                              shape_only(found["value"]), found["code"], found["reason"])
            for quarantined in rows for found in quarantined.findings]
