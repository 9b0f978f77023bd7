"""The priority weights in force: shipped defaults (``Weights()``), overridden by a JSON
file under the deployment's var/ folder (``HEALTH_PRIORITY_WEIGHTS`` may name another
path). A change is written by ``change``, which audits who changed what from what."""

from __future__ import annotations

import json
import os
from dataclasses import fields, replace
from pathlib import Path

from django.conf import settings

from . import Weights

NAMES = tuple(f.name for f in fields(Weights))


class WeightsRefused(ValueError):
    pass


def path() -> Path:
    named = getattr(settings, "HEALTH_PRIORITY_WEIGHTS", None)
    return Path(named) if named else Path(settings.VAR_DIR) / "health-priority-weights.json"


def current() -> Weights:
    where = path()
    if not where.is_file():
        return Weights()
    try:
        held = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WeightsRefused(f"{where} cannot be read as weights: {error}") from None
    if not isinstance(held, dict):
        raise WeightsRefused(f"{where} does not hold NAME: NUMBER weights")
    return _checked(replace(Weights(), **{k: v for k, v in held.items() if k in NAMES}))


def _checked(weights: Weights) -> Weights:
    for name in NAMES:
        value = getattr(weights, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise WeightsRefused(f"{name} must be a number of 0 or more, not {value!r}")
    if weights.transition_months != int(weights.transition_months):
        raise WeightsRefused("transition_months must be a whole number of months")
    return replace(weights, transition_months=int(weights.transition_months))


def parse(assignments: list[str]) -> dict[str, float]:
    """``["wait=1.5", "urgency=30"]`` -> {name: value}; an unknown name or a value that
    is not a number is refused with the reason."""
    changes = {}
    for text in assignments:
        name, sep, value = text.partition("=")
        name = name.strip()
        if not sep or name not in NAMES:
            raise WeightsRefused(f"{text!r}: give NAME=NUMBER, NAME one of {', '.join(NAMES)}")
        try:
            number = float(value)
        except ValueError:
            raise WeightsRefused(f"{text!r}: {value.strip()!r} is not a number") from None
        changes[name] = int(number) if name == "transition_months" and number.is_integer() \
            else number
    return changes


def change(changes: dict[str, float], actor) -> tuple[Weights, Weights]:
    """Write the new weights and audit the change (who, old, new); (old, new)."""
    from sendassure.core import audit

    old = current()
    new = _checked(replace(old, **changes))
    if new == old:
        return old, new
    where = path()
    where.parent.mkdir(parents=True, exist_ok=True)
    temporary = where.with_suffix(".tmp")
    temporary.write_text(json.dumps(new.as_dict(), indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, where)
    differ = [n for n in NAMES if getattr(old, n) != getattr(new, n)]
    audit.record(actor, "change", "PriorityWeights", "health",
                 "priority weights changed: " + "; ".join(
                     f"{n} {getattr(old, n)} -> {getattr(new, n)}" for n in differ)
                 + f" (now {json.dumps(new.as_dict())})")
    return old, new
