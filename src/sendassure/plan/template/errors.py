"""A template error names where (sheet, row and column, or YAML path and line), the value
found and the rule broken."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


def shown(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "(empty)"
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    return repr(value) if isinstance(value, str) else str(value)


@dataclass(frozen=True)
class TemplateError:
    where: str
    value: Any
    rule: str
    show_value: bool = True

    def __str__(self) -> str:
        if not self.show_value:
            return f"{self.where}: {self.rule}"
        return f"{self.where}: value {shown(self.value)}: {self.rule}"


class TemplateInvalid(Exception):
    """The template broke rules; nothing was stored."""

    def __init__(self, errors: list[TemplateError]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s) in the template")
