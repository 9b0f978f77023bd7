"""Synthetic families' voice for the demo, seeded: complaints whose top themes move from
the assessment to decisions and communication (as Kent's triage reported), parents'
surveys whose confidence rises from about 30% (2019) to about 62% (December 2020) and
holds, enquiries to the hub from its opening in January 2023, and a "you said, we did"
log. Each stream is written in its import layout and loaded by the real importer. No
real person: respondents and enquiries are numbered, free text comes from fixed phrases.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

STATEMENTS = (
    "I am confident that the SEND system in my area meets my child's needs",
    "I feel listened to",
    "I was involved in planning my child's support",
)
# (wave, completed on, parents, young people, chance a parent agrees with each statement)
WAVES = (("2019", date(2019, 11, 15), 420, 0, (0.304, 0.35, 0.40)),
         ("2020-12", date(2020, 12, 1), 510, 40, (0.62, 0.60, 0.58)),
         ("2023", date(2023, 6, 9), 480, 50, (0.59, 0.61, 0.60)),
         ("2024", date(2024, 6, 14), 460, 60, (0.60, 0.63, 0.61)))
COMMENTS = ("Nobody rang back when they said they would", "The new letters were clearer",
            "We waited too long for the assessment", "The hub answered quickly",
            "Transport was sorted after we asked", "Meetings happen at times I cannot make")
# themes weighted by year: assessment issues fade, decisions and communication grow
THEMES = {2020: {"assessment": 5, "delay": 3, "communication": 2, "decision": 1,
                 "provision": 1, "transport": 1},
          2024: {"assessment": 1, "delay": 2, "communication": 4, "decision": 5,
                 "provision": 2, "transport": 1, "placement": 1}}
CHANNELS = {"phone": 5, "email": 4, "web_form": 3, "letter": 1, "in_person": 1}
URGENT = ("out_of_education", "placement_breakdown", "exclusion_risk", "part_time_timetable")
ROUTINE = ("assessment_progress", "plan_amendment", "annual_review", "transport",
           "provision", "school_place", "general")
COPRODUCTION = (
    (date(2023, 2, 7), "Parent carer forum meeting", "We cannot get through to anyone about "
     "our child's plan", "Opened the enquiries hub with one number and promised reply "
     "times", "1.1"),
    (date(2023, 5, 16), "Survey wave 2020-12 comments", "Letters from the council are hard "
     "to follow", "Rewrote the EHC process letters with parents", "1.2"),
    (date(2023, 9, 12), "Co-production workshop", "Transport decisions come too late for "
     "the start of term", "Transport applications decided by the end of June", ""),
    (date(2024, 1, 23), "Forum annual conference", "Parents want a say in how services are "
     "designed", "Parents sit on the design group for the new autism pathway", "3.1"),
    (date(2024, 4, 30), "Survey wave 2024 comments", "Nobody rings back when promised",
     "", "1.1"),
)


def _weekdays_after(day: date, n: int) -> date:
    """The n-th weekday after ``day`` (synthetic replies ignore bank holidays; the
    importers work out the real deadlines)."""
    while n > 0:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


def _pick(weights: dict, rng: random.Random) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def complaints(la: str, years: range, seed: int, path: Path) -> Path:
    rng = random.Random(f"{seed}:complaints")
    rows = []
    for year in years:
        weights = THEMES[2020] if year <= 2021 else THEMES[2024]
        for n in range(rng.randint(70, 110)):
            received = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
            stage = rng.choices(("1", "2", "ombudsman"), (85, 12, 3))[0]
            themes = ";".join(sorted({_pick(weights, rng) for _ in range(rng.randint(1, 2))}))
            days = {"1": 10, "2": 20, "ombudsman": 60}[stage]
            if rng.random() < 0.06:
                rows.append([f"C{year}-{n:03}", la, received, stage, themes, "", "withdrawn"])
                continue
            late = rng.random() < 0.3
            responded = _weekdays_after(received, days + (rng.randint(1, 10) if late else
                                                           -rng.randint(0, days - 1)))
            outcome = rng.choices(("upheld", "partly_upheld", "not_upheld"), (25, 30, 45))[0]
            rows.append([f"C{year}-{n:03}", la, received, stage, themes, responded, outcome])
    return _write(path, ["complaint_ref", "la_code", "received_on", "stage", "themes",
                         "responded_on", "outcome"], rows)


def _answer(p: float, rng: random.Random) -> str:
    if rng.random() < 0.05:
        return "Don't know"
    if rng.random() < p:
        return rng.choice(("Strongly agree", "Agree"))
    return rng.choice(("Neither agree nor disagree", "Disagree", "Strongly disagree"))


def survey(seed: int, path: Path) -> Path:
    rng = random.Random(f"{seed}:survey")
    rows = []
    for wave, day, parents, young, chances in WAVES:
        for group, count in (("parent_carer", parents), ("young_person", young)):
            for n in range(count):
                completed = day + timedelta(days=rng.randint(0, 20))
                answers = [_answer(p, rng) for p in chances]
                comment = rng.choice(COMMENTS) if rng.random() < 0.2 else ""
                rows.append([f"{wave}-{group[0]}{n:04}", wave, group, completed, *answers,
                             comment])
    return _write(path, ["respondent_id", "wave", "respondent_group", "completed_on",
                         *STATEMENTS, "Comment: What would make things better?"], rows)


def enquiries(la: str, start: date, end: date, seed: int, path: Path) -> Path:
    rng = random.Random(f"{seed}:enquiries")
    rows, day, n = [], start, 0
    while day <= end:
        if day.weekday() < 5:
            for _ in range(rng.randint(0, 3)):
                n += 1
                urgent = rng.random() < 0.15
                category = rng.choice(URGENT if urgent else ROUTINE)
                promised = 1 if urgent else 10
                wait = rng.randint(0, promised + (2 if urgent else 6))
                replied = _weekdays_after(day, wait)
                rows.append([f"ENQ-{n:05}", la, day, _pick(CHANNELS, rng), category,
                             "" if replied > end else replied])
        day += timedelta(days=1)
    return _write(path, ["enquiry_ref", "la_code", "received_on", "channel", "category",
                         "replied_on"], rows)
