"""Named queries over case records; identities are read only here, and only for callers
that audit the read (see ``web.views.worklist``)."""

from __future__ import annotations

from collections.abc import Iterable

from .models import PersonIdentity


def identities_of(user, person_ids: Iterable[int]) -> dict[int, str]:
    """UPN (else ULN) of persons in the user's areas, by person id."""
    ids = list(person_ids)
    rows = PersonIdentity.objects.filter(
        person_id__in=ids, person__la__in=user.area_codes
    ).values_list("person_id", "upn", "uln")
    return {pid: upn or uln for pid, upn, uln in rows}
