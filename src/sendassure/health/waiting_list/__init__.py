"""Waiting-list validation across providers, from the referrals loaded for an area: each
check (one a module) names the entries a provider should look at, by their row in the
provider's extract; the NHS number is never shown (entries are matched by its hash).
Every date is measured against the data (the latest referral date loaded for the area),
never today's date (docs/adr/0016)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Entry:
    """A stored referral as the checks see it."""

    provider_code: str
    file_name: str
    row: int
    nhs_key: str
    service: str
    birth_month: date
    referral_date: date
    first_contact_date: date | None = None
    clock_stop_date: date | None = None

    @property
    def open(self) -> bool:
        return self.clock_stop_date is None


@dataclass(frozen=True)
class Issue:
    provider_code: str
    file_name: str
    row: int
    service: str
    issue: str
    detail: str


def validate(entries: list[Entry], stale_months: int = 6,
             adult_age: int = 18) -> tuple[date | None, list[Issue]]:
    """(the date staleness is measured from, every issue ordered by provider, file and
    row)."""
    from . import age, already_seen, duplicates, stale

    reference = max((e.referral_date for e in entries), default=None)
    issues = [*duplicates.check(entries), *already_seen.check(entries),
              *age.check(entries, adult_age)]
    if reference is not None:
        issues += stale.check(entries, reference, stale_months)
    issues.sort(key=lambda i: (i.provider_code, i.file_name, i.row, i.issue))
    return reference, issues
