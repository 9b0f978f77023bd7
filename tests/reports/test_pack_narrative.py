"""The pack prints each area's narrative at its review: the partnership's saved text,
labelled with its last edit date, or the draft from the figures, labelled as a draft."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sendassure.plan.models import AreaNarrative
from sendassure.reports.output import render_html, write_pdf, write_xlsx
from sendassure.reports.review_pack import build_pack

from ..core.test_url_roles import sample_plan

pytestmark = pytest.mark.django_db
DRAFT = "Draft from the figures (not yet edited)"


@pytest.fixture
def plan(db):
    plan = sample_plan()
    plan.reviews.create(date=date(2024, 5, 15), label="Second progress review")
    return plan


def _formats(pack):
    html = " ".join(render_html(pack).split())
    pdf, xlsx = BytesIO(), BytesIO()
    write_pdf(pack, pdf)
    write_xlsx(pack, xlsx)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.getvalue()))
                              .pages).split())
    rows = list(load_workbook(BytesIO(xlsx.getvalue()))["Narrative"].iter_rows(
        values_only=True))
    return html, text, rows


def test_with_none_saved_every_format_prints_the_draft_labelled_as_such(plan):
    pack = build_pack(plan, date(2023, 11, 15))
    section = pack.areas[0]
    assert not section.narrative.saved and section.narrative.text == section.positioning
    html, pdf, rows = _formats(pack)
    for text in (html, pdf):
        assert "Narrative: draft from the figures" in text
        assert DRAFT in text
        assert "At the First progress review, area 6 (Inconsistent EHC process) is rated " \
               "amber" in text
    assert rows[0] == ("area", "narrative", "status", "written by", "last edited")
    assert rows[1][0] == 6 and rows[1][1] == section.positioning
    assert rows[1][2:] == (DRAFT, None, None)


def test_a_saved_narrative_is_printed_for_its_review_only(plan, make_user):
    user = make_user("analyst")
    area = plan.areas.get()
    saved = AreaNarrative.objects.create(
        area=area, review_date=date(2023, 11, 15), written_by=user,
        written_by_name="analyst-user",
        text="Timeliness has turned a corner.\n\nThe backlog beyond 52 weeks is next.")
    edited = saved.edited_on
    pack = build_pack(plan, date(2023, 11, 15))
    html, pdf, rows = _formats(pack)
    label = f"Written by the partnership (analyst-user), last edited {edited.day} " \
            f"{edited:%b %Y}"
    for text in (html, pdf):
        assert label in text
        assert "Timeliness has turned a corner." in text
        assert "The backlog beyond 52 weeks is next." in text
        assert DRAFT not in text and "is rated amber" not in text
    assert '<p class="statement">Timeliness has turned a corner.</p><p class="statement">' \
           "The backlog beyond 52 weeks is next.</p>" in html  # paragraphs kept
    assert rows[1][:4] == (6, saved.text, "Written by the partnership", "analyst-user")
    assert rows[1][4].date() == edited  # a date cell
    # the next review has no narrative yet: its pack prints that review's draft
    later = build_pack(plan, date(2024, 5, 15)).areas[0].narrative
    assert not later.saved and later.label == DRAFT
    assert later.text.startswith("At the Second progress review, area 6")
