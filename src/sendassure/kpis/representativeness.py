"""Is the audit sample like the plans it was drawn from? (issue 11)

An EHC plan quality audit reads a sample of plans, and its findings are only as good as
the sample is representative. This compares the sample's mix (of primary need, phase,
locality, ...) with the mix of all the plans, two ways:

- the largest gap, in percentage points, between a group's share of the sample and its
  share of the plans (easy to read: "ASD is 12 points over-represented");
- Pearson's chi-square goodness-of-fit test: ``X^2 = sum (O - E)^2 / E`` over the groups,
  ``O`` the sample count and ``E = population share x sample size``, with ``k - 1``
  degrees of freedom for ``k`` groups and the p-value from the chi-square distribution.
  A small p-value says a mix this far from the plans' mix would rarely arise by chance.

The chi-square distribution is only an approximation, and a poor one when some group's
expected count is under 5; the result then carries a plain-English warning.

Counts are integers and the statistic is worked exactly (``fractions.Fraction``) before
it is turned into a float, so it does not depend on the order of the groups.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from scipy.stats import chi2

MIN_EXPECTED = 5
"""Below this expected count the chi-square approximation is unreliable (Cochran's rule)."""


@dataclass(frozen=True)
class GoodnessOfFit:
    """The sample's mix against the population's, group by group.

    ``categories``, ``observed`` and ``expected`` line up; ``expected`` is population
    share x sample size. ``p_value`` is ``None`` with fewer than two groups (there is
    nothing to test). ``largest_gap_pp`` is the largest ``|sample share - population
    share|`` in percentage points and ``largest_gap_category`` the group it is for (the
    first such group, in ``categories`` order, on a tie). ``warning`` is set when some
    expected count is under 5.
    """

    categories: tuple[str, ...]
    observed: tuple[int, ...]
    expected: tuple[float, ...]
    statistic: float
    degrees_of_freedom: int
    p_value: float | None
    largest_gap_pp: float
    largest_gap_category: str
    warning: str | None


def chi_square_gof(
    sample_counts: Mapping[str, int], population_counts: Mapping[str, int]
) -> GoodnessOfFit:
    """Chi-square goodness of fit of ``sample_counts`` to the shares in ``population_counts``.

    Groups are the population's, in its order; a group missing from the sample counts 0.
    A group with no plans in the population is left out (it has no share to test), unless
    the sample has some, which is a ``ValueError``, as is a sample group the population
    does not have, a negative count, or an empty sample or population.
    """
    categories = _categories(sample_counts, population_counts)
    observed = tuple(sample_counts.get(c, 0) for c in categories)
    n = sum(observed)
    population_total = sum(population_counts[c] for c in categories)
    shares = tuple(Fraction(population_counts[c], population_total) for c in categories)
    expected = tuple(share * n for share in shares)
    statistic = sum(((o - e) ** 2 / e for o, e in zip(observed, expected, strict=True)),
                    Fraction(0))
    df = len(categories) - 1
    gap, gap_category = _largest_gap(categories, observed, n, shares)
    return GoodnessOfFit(
        categories=categories,
        observed=observed,
        expected=tuple(float(e) for e in expected),
        statistic=float(statistic),
        degrees_of_freedom=df,
        p_value=float(chi2.sf(float(statistic), df)) if df >= 1 else None,
        largest_gap_pp=float(gap),
        largest_gap_category=gap_category,
        warning=_small_expected_warning(categories, expected),
    )


def _categories(
    sample_counts: Mapping[str, int], population_counts: Mapping[str, int]
) -> tuple[str, ...]:
    """The population's groups with any plans, after checking the counts make sense."""
    for name, counts in (("sample", sample_counts), ("population", population_counts)):
        negative = [c for c, count in counts.items() if count < 0]
        if negative:
            raise ValueError(f"{name} counts must not be negative: {negative!r}")
    categories = tuple(c for c, count in population_counts.items() if count > 0)
    if not categories:
        raise ValueError("the population is empty")
    unknown = [c for c, count in sample_counts.items()
               if count > 0 and population_counts.get(c, 0) == 0]
    if unknown:
        raise ValueError(f"sample groups not in the population: {unknown!r}")
    if sum(sample_counts.values()) == 0:
        raise ValueError("the sample is empty")
    return categories


def _largest_gap(
    categories: tuple[str, ...], observed: tuple[int, ...], n: int, shares: tuple[Fraction, ...]
) -> tuple[Fraction, str]:
    """The largest ``|sample share - population share|`` in percentage points, and its group."""
    gaps = [abs(Fraction(o, n) - share) * 100 for o, share in zip(observed, shares, strict=True)]
    largest = max(gaps)
    return largest, categories[gaps.index(largest)]


def _small_expected_warning(
    categories: tuple[str, ...], expected: tuple[Fraction, ...]
) -> str | None:
    small = [f"{c} {float(e):.1f}" for c, e in zip(categories, expected, strict=True)
             if e < MIN_EXPECTED]
    if not small:
        return None
    return (
        f"Some groups would expect fewer than {MIN_EXPECTED} plans in a sample this size "
        f"({', '.join(small)}). The chi-square test is unreliable with counts this small, "
        "so treat its p-value as a rough guide only: look at the gaps between the shares, "
        "combine small groups, or take a bigger sample."
    )
