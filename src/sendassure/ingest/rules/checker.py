"""Run the catalogue over a return, one person at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sendassure.ingest.records import Header, Person, Record
from sendassure.ingest.rules.registry import Context, Issue, Rule, all_rules


class Checker:
    """Judge the persons of one return against the rules.

    One Checker per return: it keeps the state rules share across persons (for example
    the UPNs already seen, for the duplicate-UPN rule), so persons must be checked in
    file order through the same Checker. ``rules`` narrows the catalogue (tests).
    """

    def __init__(self, header: Header, rules: Iterable[Rule] | None = None) -> None:
        self.header = header
        chosen = list(rules) if rules is not None else all_rules()
        self._by_module: dict[str, list[Rule]] = {}
        for each in chosen:
            self._by_module.setdefault(each.module, []).append(each)
        self.state: dict[str, Any] = {}

    def check(self, person: Person) -> list[Issue]:
        context = Context(header=self.header, person=person, state=self.state)
        issues = list(self._run("person", person, context))
        for index, request in enumerate(person.requests):
            context.request, context.request_index = request, index
            issues.extend(self._run("request", request, context))
            assessment = request.assessment
            if assessment is not None:
                issues.extend(self._run("assessment", assessment, context))
                plan = assessment.named_plan
                if plan is not None:
                    issues.extend(self._run("named_plan", plan, context))
                    for detail in plan.plan_details:
                        issues.extend(self._run("plan_detail", detail, context))
            active = request.active_plan
            if active is not None:
                issues.extend(self._run("active_plan", active, context))
                for placement in active.placements:
                    issues.extend(self._run("placement", placement, context))
                for need in active.sen_needs:
                    issues.extend(self._run("sen_need", need, context))
        return issues

    def _run(self, module: str, record: Record, context: Context) -> Iterator[Issue]:
        for each in self._by_module.get(module, ()):
            yield from each(record, context)
