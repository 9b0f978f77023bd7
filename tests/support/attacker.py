"""An attacker for disclosure tests, written apart from the product's own check.

Given what was published (text: numbers, ``c``, or nothing for a cell never shown), the
additive lines that tie the cells together, and each cell's true value, it asks an
integer programme for the smallest and largest value every hidden cell can take, and
reports each one whose true value is 1 to 4 and is pinned down exactly. The attacker
knows that counts are whole numbers, that a ``c`` is at least 1 and that a cell never
shown is at least 0.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


def recovered(published: dict, lines, truth: dict) -> dict:
    """Hidden cells whose true value (1 to 4) the attacker can work out: ``{cell: value}``."""
    unknown = sorted({k for parts, total in lines for k in (*parts, total)
                      if not _number(published.get(k))}, key=str)
    if not unknown:
        return {}
    index = {k: i for i, k in enumerate(unknown)}
    rows, rhs = [], []
    for parts, total in lines:
        row, constant = np.zeros(len(unknown)), 0.0
        for key, sign in [*((p, 1) for p in parts), (total, -1)]:
            if key in index:
                row[index[key]] += sign
            else:
                constant -= sign * _number(published[key])
        if row.any():
            rows.append(row)
            rhs.append(constant)
    if not rows:
        return {}
    constraint = LinearConstraint(np.array(rows), np.array(rhs), np.array(rhs))
    lower = [1.0 if published.get(k) == "c" else 0.0 for k in unknown]
    bounds = Bounds(np.array(lower), np.full(len(unknown), np.inf))
    found = {}
    for key in unknown:
        if not 1 <= truth[key] <= 4:
            continue
        ends = []
        for sign in (1.0, -1.0):
            objective = np.zeros(len(unknown))
            objective[index[key]] = sign
            result = milp(objective, constraints=constraint, bounds=bounds,
                          integrality=np.ones(len(unknown)))
            ends.append(None if result.x is None else round(result.x[index[key]]))
        if ends[0] is not None and ends[0] == ends[1]:
            found[key] = ends[0]
    return found


def _number(text):
    if text is None or text in ("c", "x", "z", ""):
        return None
    return float(str(text).replace(",", ""))
