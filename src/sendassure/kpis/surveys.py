"""Survey statements: the share who agree, with honest intervals, and the change from a
baseline wave (``sendassure surveys summary``).

For each statement of a wave: ``responses`` = answers other than blank and don't know;
``agree`` = agree or strongly agree; ``pc_agree`` = ``percent.percent(agree,
responses)``; ``ci_low`` / ``ci_high`` = the Wilson 95% score interval in percent
(z = 1.959963984540054), each rounded to 1 place half up like every percentage. With a
baseline wave: ``baseline_pc_agree`` (same rule), ``change_pp`` = the difference of the
unrounded percentages rounded to 1 place half up, and ``p_value`` = the two-sided pooled
two-proportion z-test, rounded half up to 3 places (``None`` when undefined).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from .percent import percent, round_half_up

Z95 = 1.959963984540054
AGREE = ("strongly_agree", "agree")
NOT_COUNTED = ("", "dont_know")
SCALE = ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know")


def wilson(agree: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval for agree/n as proportions; None when n is 0."""
    if n == 0:
        return None
    p = agree / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def two_proportion_p(x1: int, n1: int, x2: int, n2: int) -> float | None:
    """Two-sided p-value of the pooled two-proportion z-test; None when undefined."""
    if not n1 or not n2:
        return None
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return None
    z = (x1 / n1 - x2 / n2) / se
    return math.erfc(abs(z) / math.sqrt(2))


def agree_counts(answers: Iterable[str]) -> tuple[int, int]:
    """(agree, responses) of a statement's answer codes."""
    answers = list(answers)
    responses = sum(1 for a in answers if a not in NOT_COUNTED)
    return sum(1 for a in answers if a in AGREE), responses


def statement(answers: Iterable[str], baseline: Iterable[str] | None = None) -> dict:
    agree, n = agree_counts(answers)
    interval = wilson(agree, n)
    out = {"responses": n, "agree": agree, "pc_agree": percent(agree, n),
           "ci_low": None if interval is None else round_half_up(interval[0] * 100),
           "ci_high": None if interval is None else round_half_up(interval[1] * 100)}
    if baseline is not None:
        b_agree, b_n = agree_counts(baseline)
        out["baseline_pc_agree"] = percent(b_agree, b_n)
        change = (agree / n * 100 - b_agree / b_n * 100) if n and b_n else None
        out["change_pp"] = None if change is None else round_half_up(change)
        p = two_proportion_p(agree, n, b_agree, b_n)
        out["p_value"] = None if p is None else Decimal(p).quantize(Decimal("0.001"),
                                                                     rounding=ROUND_HALF_UP)
    return out


def summary(wave: str, answers: Mapping[str, list[str]], respondents: int,
            baseline: str | None = None,
            baseline_answers: Mapping[str, list[str]] | None = None) -> dict:
    """``answers``: statement text -> every respondent's answer code in the wave."""
    return {
        "wave": wave, "baseline": baseline, "respondents": respondents,
        "statements": {text: statement(found, None if baseline is None else
                                       (baseline_answers or {}).get(text, []))
                       for text, found in answers.items()},
    }


def tag_counts(tagged: Iterable[tuple[str, Iterable[str]]]) -> dict[str, int]:
    """Respondents per tag: ``tagged`` holds (respondent key, tags of one comment); a
    respondent whose comments share a tag counts once for it. Most first, ties by name."""
    who: dict[str, set[str]] = {}
    for respondent, tags in tagged:
        for tag in tags:
            who.setdefault(tag, set()).add(respondent)
    return dict(sorted(((t, len(r)) for t, r in who.items()), key=lambda x: (-x[1], x[0])))


def shown_tag_count(count: int, threshold: int) -> str:
    """A tag count as published: below ``threshold`` respondents (and above 0) it is
    suppressed (``c``); free text is never published, only these counts."""
    return "c" if 0 < count < threshold else str(count)
