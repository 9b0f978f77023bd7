"""Already seen: an open entry for a child whose clock for the same service stopped at
another provider on or after this referral's date (seen, treated or discharged there
since being referred here)."""

from __future__ import annotations

from collections import defaultdict

from . import Entry, Issue

CODE = "already_seen_elsewhere"


def check(entries: list[Entry]) -> list[Issue]:
    stopped: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        if not entry.open:
            stopped[entry.nhs_key, entry.service].append(entry)
    issues = []
    for entry in entries:
        if not entry.open:
            continue
        elsewhere = [s for s in stopped[entry.nhs_key, entry.service]
                     if s.provider_code != entry.provider_code
                     and s.clock_stop_date >= entry.referral_date]
        if elsewhere:
            first = min(elsewhere, key=lambda s: (s.clock_stop_date, s.provider_code))
            issues.append(Issue(entry.provider_code, entry.file_name, entry.row,
                                entry.service, CODE,
                                f"clock stopped at {first.provider_code} on "
                                f"{first.clock_stop_date.isoformat()}"))
    return issues
