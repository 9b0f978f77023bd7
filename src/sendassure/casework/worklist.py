"""The casework worklist: open assessments oldest first. Child-level: only casework,
analyst and administrator roles, only their areas, and every read is audited."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from datetime import date

import polars as pl

from sendassure.core import audit
from sendassure.core.models import User
from sendassure.core.roles import CHILD_LEVEL_ROLES
from sendassure.kpis.open_assessments import (
    ASSESSING,
    AWAITING_DECISION,
    PLAN_NOT_YET_ISSUED,
    worklist,
)

STAGES = {
    AWAITING_DECISION: "Awaiting decision to assess",
    ASSESSING: "Assessing",
    PLAN_NOT_YET_ISSUED: "Plan agreed, not yet issued",
}


class WorklistRefused(Exception):
    pass


def worklist_for_user(
    username: str | None, areas: Sequence[str] | None, as_of: date | None, frames: Callable,
    data_to: Callable,
) -> tuple[date, pl.DataFrame]:
    """For the CLI: a named user is checked for role and areas; without one, the command
    line's operating-system user is recorded in the audit log. ``frames(areas)`` gives the
    case frames and ``data_to(areas)`` the data's end, the default as-of date."""
    user = None
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise WorklistRefused(f"There is no active user called {username!r}.")
        if user.role not in CHILD_LEVEL_ROLES:
            raise WorklistRefused(
                f"{username} is a {user.role} user: the worklist is child-level data, for "
                "casework, analyst and administrator roles only."
            )
        allowed = set(user.area_codes)
        if areas and not set(areas) <= allowed:
            raise WorklistRefused(f"{username} may only see areas {', '.join(sorted(allowed))}.")
        areas = sorted(areas or allowed)
        if not areas:
            raise WorklistRefused(f"{username} belongs to no area.")
    as_of = as_of or data_to(areas)
    if as_of is None:
        raise WorklistRefused("There is no data yet: import a return first.")
    rows = worklist(frames(areas).requests, as_of)
    if user is None:
        audit.record(None, "export", "Worklist", "", (
            f"command line ({getpass.getuser()}): {rows.height} open cases as at {as_of}, "
            f"areas {', '.join(areas) if areas else 'all'}"))
    else:
        audit.record(user, "export", "Worklist", "",
                     f"command line: {rows.height} open cases as at {as_of}, areas {', '.join(areas)}")
    return as_of, rows


def worklist_rows(frame: pl.DataFrame) -> list[dict]:
    return [
        {**row, "stage_label": STAGES.get(row["stage"], row["stage"])}
        for row in frame.iter_rows(named=True)
    ]
