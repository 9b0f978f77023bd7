"""The casework worklist: open assessments oldest first. Child-level: only casework,
analyst and administrator roles, only their areas, and every read is audited.

The stages come from SEN2 (awaiting decision, assessing, plan agreed not yet issued)
and from what casework records here: SEN2 has no draft-plan date, so a case is
"drafting" once a caseworker records the date its draft plan was sent."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Sequence
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

DRAFTING = "drafting"
STAGES = {
    AWAITING_DECISION: "Awaiting decision to assess",
    ASSESSING: "Assessing",
    DRAFTING: "Drafting (draft plan sent)",
    PLAN_NOT_YET_ISSUED: "Plan agreed, not yet issued",
}
# A case's flags, most urgent first: (key, label, GOV.UK tag colour, rule on a row).
FLAGS = (
    ("decision_overdue", "6-week decision overdue", "red", lambda r: r["decision_overdue"]),
    ("over_52", "Over 52 weeks", "red", lambda r: r["over_52"]),
    ("over_30", "Over 30 weeks", "orange", lambda r: r["over_30"] and not r["over_52"]),
    ("over_20", "Over 20 weeks", "yellow", lambda r: r["over_20"] and not r["over_30"]),
    ("due_20", "Due to pass 20 weeks within 4 weeks", "blue",
     lambda r: r["due_to_breach_4_weeks"]),
    ("no_owner", "No owner", "grey", lambda r: not r["owner"]),
)
SORTS = {
    "oldest": ("Oldest first", lambda r: (r["received_date"], r["la"], r["request_id"])),
    "newest": ("Newest first", lambda r: (r["age_days"], r["la"], r["request_id"])),
    "decision": ("6-week decision deadline first",
                 lambda r: (r["days_left_to_6_weeks"] is None,
                            r["days_left_to_6_weeks"] or 0, r["received_date"])),
    "owner": ("Owner", lambda r: (r["owner"].casefold() or "\uffff", r["received_date"])),
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


def worklist_rows(frame: pl.DataFrame | Iterable[dict], as_of: date,
                  assignments: dict | None = None) -> list[dict]:
    """The engine's rows (its frame, or its rows as dicts, left unchanged) with what
    casework recorded (owner, team, draft sent: a case assessing whose draft plan was
    sent on or before the as-of date is drafting), the stage's label, the case reference
    and its flags, most urgent first."""
    assignments = assignments or {}
    rows = []
    source = frame.iter_rows(named=True) if isinstance(frame, pl.DataFrame) else frame
    for row in source:
        kept = assignments.get(row["request_id"])
        stage = row["stage"]
        draft = kept.draft_sent_on if kept else None
        if stage == ASSESSING and draft is not None and draft <= as_of:
            stage = DRAFTING
        row = {**row, "stage": stage, "stage_label": STAGES.get(stage, stage),
               "reference": f"{row['la']}-{row['request_id']}",
               "owner": kept.owner if kept else "", "team": kept.team if kept else "",
               "draft_sent_on": draft}
        row["flags"] = [(key, label, colour) for key, label, colour, rule in FLAGS if rule(row)]
        rows.append(row)
    return rows


def choose(rows: list[dict], *, stage: str = "", flag: str = "", age_group: str = "",
           team: str = "", locality: str = "", reference: str = "", sort: str = "oldest"
           ) -> list[dict]:
    """The rows a caseworker asked for: each filter given must match (reference: the
    case reference, or its request number, contains the text); then sorted."""
    wanted = reference.strip().casefold()
    chosen = [
        r for r in rows
        if (not stage or r["stage"] == stage)
        and (not flag or any(key == flag for key, _, _ in r["flags"]))
        and (not age_group or r["age_group"] == age_group)
        and (not team or r["team"] == team)
        and (not locality or (r["locality"] or "Unknown") == locality)
        and (not wanted or wanted in r["reference"].casefold())
    ]
    return sorted(chosen, key=SORTS.get(sort, SORTS["oldest"])[1])
