"""The demo rates every area at the Kent example's second and third reviews as the rules
suggest (marked synthetic), so the demo pack for the third review shows each area's
rating at every review: the first from the example's letter, the next two from the rules,
the last two as later reviews."""

from __future__ import annotations

from datetime import date

import pytest
from rich.console import Console

from sendassure.cli import demo
from sendassure.plan.models import RagRating
from sendassure.plan.rag import facts_for_area, review_figures, suggest
from sendassure.plan.template import import_file
from sendassure.reports.review_pack import build_pack

pytestmark = pytest.mark.django_db


def test_every_area_is_rated_at_each_review_up_to_the_demo_pack(tmp_path, settings):
    settings.SENDASSURE_OUT = str(tmp_path)
    plan = import_file(demo.KENT_PLAN)
    quiet = Console(file=open("/dev/null", "w"))  # noqa: SIM115
    assert demo._ratings(quiet, plan) == 2 * plan.areas.count()
    assert demo._ratings(quiet, plan) == 0  # already rated: nothing added
    area = plan.areas.get(number=6)
    rating = RagRating.objects.get(area=area, review_date=date(2024, 5, 15))
    expected = suggest(facts_for_area(area, review_figures(plan, date(2024, 5, 15)),
                                      date(2024, 5, 15)), date(2024, 5, 15))
    assert (rating.rating, rating.suggested, rating.set_by_name) == (
        expected.rating, expected.rating, demo.DEMO_RATER)
    assert rating.rationale.startswith("Synthetic demo rating, as the rules suggest")
    pack = build_pack(plan, demo.DEMO_REVIEW)
    for section in pack.areas:
        assert len(section.trajectory) == 5
        assert section.trajectory[0]["rating"] != "Not rated at this review"
        assert all(t["rating"] in ("Red", "Amber", "Green")
                   for t in section.trajectory[1:3])
        assert [t["rating"] for t in section.trajectory[3:]] == ["Later review"] * 2
