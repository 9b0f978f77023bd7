"""Synthetic referral extracts for the demo area (no real child: NHS numbers from the
999 range, which is never issued, with a Modulus 11 check digit). Seeded: the same seed
writes the same files. One CSV per provider, with what a validation exercise finds in
real lists planted at known rates: children waiting at two providers, seen elsewhere,
stale entries, ages out of range, and a few rows each rule quarantines."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .extract import COLUMNS

# synthetic providers of a Kent-like area: ODS-shaped codes and the services each runs
PROVIDERS = {"RYY": ("salt", "ot", "physio", "wheelchair", "audiology", "dietetics"),
             "RAT": ("camhs", "adhd"),
             "RVV": ("paediatrics", "asd", "salt"),
             "RWF": ("paediatrics", "asd", "physio")}
START, END = date(2023, 4, 1), date(2024, 9, 30)
# row of a planted bad value: (column, value, the rule that quarantines it)
BAD = (("nhs_number", "9990000019", "HR01"), ("birth_month", "2015-03-14", "HR02"),
       ("service", "speech therapy", "HR04"), ("referral_date", "31/01/2024", "HR07"),
       ("priority", "soon", "HR06"))


@dataclass(frozen=True)
class Written:
    paths: list[Path]
    rows: int
    planted_bad: int


def nhs_number(rng: random.Random) -> str:
    """A valid number of the 999 (test) range."""
    while True:
        stem = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        total = sum(int(d) * w for d, w in zip(stem, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 10:
            continue
        return stem + str(0 if check == 11 else check)


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _referral(rng: random.Random, number: str, born: date, sex: str, service: str,
              provider: str, referred: date | None = None) -> dict:
    referred = referred or _day(rng, START, END)
    row = {"nhs_number": number, "birth_month": f"{born:%Y-%m}", "sex": sex,
           "service": service, "provider_code": provider,
           "referral_date": referred.isoformat(),
           "priority": "urgent" if rng.random() < 0.15 else "routine"}
    fate = rng.random()
    if fate < 0.55:  # contacted; some seen and stopped
        contact = min(referred + timedelta(days=rng.randrange(7, 200)), END)
        row["first_contact_date"] = contact.isoformat()
        if rng.random() < 0.5 and contact < END:
            stop = min(contact + timedelta(days=rng.randrange(0, 90)), END)
            row |= {"clock_stop_date": stop.isoformat(),
                    "clock_stop_reason": rng.choice(("seen", "treatment_started",
                                                     "discharged"))}
    if rng.random() < 0.2:
        asked = referred + timedelta(days=rng.randrange(0, 60))
        row["ehc_advice_requested"] = asked.isoformat()
        if rng.random() < 0.7:
            row["ehc_advice_returned"] = (asked + timedelta(days=rng.randrange(10, 70))
                                          ).isoformat()
    return row


def generate(seed: int, children: int = 600) -> dict[str, list[dict]]:
    """Provider code -> its rows (in file order)."""
    rng = random.Random(seed)
    files: dict[str, list[dict]] = {code: [] for code in PROVIDERS}
    for _ in range(children):
        number = nhs_number(rng)
        born = date(rng.randrange(2007, 2023), rng.randrange(1, 13), 1)
        if rng.random() < 0.01:  # out of range: an adult, or born after the referral
            born = date(rng.choice((1998, 2025)), rng.randrange(1, 10), 1)
        sex = rng.choice("MF")
        provider = rng.choice(list(PROVIDERS))
        service = rng.choice(PROVIDERS[provider])
        first = _referral(rng, number, born, sex, service, provider)
        files[provider].append(first)
        others = [p for p in PROVIDERS if p != provider and service in PROVIDERS[p]]
        if others and rng.random() < 0.25:  # also referred to another provider
            again = _referral(rng, number, born, sex, service, rng.choice(others),
                              date.fromisoformat(first["referral_date"]))
            files[again["provider_code"]].append(again)
    for n, (column, value, _) in enumerate(BAD):
        rows = files[list(PROVIDERS)[n % len(PROVIDERS)]]
        copied = {**rows[rng.randrange(len(rows))], "nhs_number": nhs_number(rng)}
        rows.insert(rng.randrange(len(rows)), {**copied, column: value})
    return files


def write_extracts(out: Path, seed: int, children: int = 600) -> Written:
    out.mkdir(parents=True, exist_ok=True)
    paths, rows = [], 0
    for provider, found in generate(seed, children).items():
        path = out / f"referrals-{provider}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows([[r.get(c, "") for c in COLUMNS] for r in found])
        paths.append(path)
        rows += len(found)
    return Written(paths, rows, len(BAD))


def identifiers(upns: list[str], seed: int, children: int = 600,
                share: float = 0.5) -> list[tuple[str, str]]:
    """The council's identifiers file for the synthetic extracts: (UPN, NHS number)
    pairs joining ``share`` of the children with an open referral (no clock stop) in
    ``generate(seed, children)`` to as many of ``upns`` (e.g. children with EHC plans),
    chosen by the seed, one NHS number per UPN and one UPN per NHS number. The planted
    bad rows' numbers are never paired."""
    rows = [r for found in generate(seed, children).values() for r in found]
    planted = {r["nhs_number"] for r in rows if any(r.get(c) == v for c, v, _ in BAD)}
    waiting = sorted({r["nhs_number"] for r in rows if not r.get("clock_stop_date")}
                     - planted)
    chosen = sorted(set(upns))
    rng = random.Random(f"{seed}:identifiers")
    rng.shuffle(waiting)
    rng.shuffle(chosen)
    count = round(min(len(chosen), len(waiting)) * share)
    return sorted(zip(chosen[:count], waiting[:count], strict=True))


def write_identifiers(path: Path, pairs: list[tuple[str, str]]) -> Path:
    """The pairs as the council's file (``upn,nhs_number``), in the given order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("upn", "nhs_number"))
        writer.writerows(pairs)
    return path
