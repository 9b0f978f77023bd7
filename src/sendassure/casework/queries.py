"""Named queries over case records; identities are read only here, and only for callers
that audit the read (see ``web.views.worklist``)."""

from __future__ import annotations

from collections.abc import Iterable

from .models import CaseAssignment, PersonIdentity, Request


def identities_of(user, person_ids: Iterable[int]) -> dict[int, str]:
    """UPN (else ULN) of persons in the user's areas, by person id."""
    ids = list(person_ids)
    rows = PersonIdentity.objects.filter(
        person_id__in=ids, person__la__in=user.area_codes
    ).values_list("person_id", "upn", "uln")
    return {pid: upn or uln for pid, upn, uln in rows}


def assignments_of(user, request_ids: Iterable[int]) -> dict[int, CaseAssignment]:
    """What casework recorded (owner, team, draft sent) on requests in the user's areas."""
    # every assignment in the user's areas, matched here: a worklist asks for thousands of
    # ids, and an IN list that long costs more than reading the areas' few assignments
    wanted = set(request_ids)
    return {row.request_id: row for row in CaseAssignment.objects.for_user(user)
            if row.request_id in wanted}


def open_request_for(user, pk: int) -> Request:
    """A request in the user's areas, else 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Request.objects.for_user(user).select_related("assessment"),
                             pk=pk)
