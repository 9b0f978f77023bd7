"""Open at two providers: the same child (NHS number hash) waiting for the same service
at another provider as well, both clocks running. Each provider is told of its own
entry and where else the child waits."""

from __future__ import annotations

from collections import defaultdict

from . import Entry, Issue

CODE = "duplicate_across_providers"


def check(entries: list[Entry]) -> list[Issue]:
    waiting: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.open:
            waiting[entry.nhs_key, entry.service].append(entry)
    issues = []
    for same in waiting.values():
        providers = {e.provider_code for e in same}
        if len(providers) < 2:
            continue
        for entry in same:
            others = sorted(p for p in providers if p != entry.provider_code)
            issues.append(Issue(entry.provider_code, entry.file_name, entry.row,
                                entry.service, CODE,
                                "also waiting for this service at " + ", ".join(others)))
    return issues
