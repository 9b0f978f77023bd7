"""The public page's families' voice headlines: parents' confidence from the latest
survey year, always with its 95% interval (or c, with none, when the counts are small),
and the enquiries answered on time over the last 12 months, both controlled."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendassure.core import versions
from sendassure.core.models import Area
from sendassure.enquiries.models import Enquiry
from sendassure.voice.surveys import import_survey

pytestmark = pytest.mark.django_db
S = "I am confident that the SEND system in my area meets my child's needs"


def _survey(tmp_path, agree: int, disagree: int, year: int):
    rows = [f"p{n},{year},parent_carer,{year}-06-01,{'agree' if n < agree else 'disagree'}"
            for n in range(agree + disagree)]
    path = tmp_path / f"s{year}.csv"
    path.write_text("\n".join([f'respondent_id,wave,respondent_group,completed_on,"{S}"',
                               *rows]) + "\n", encoding="utf-8")
    import_survey(path, "886")


def _headlines(client) -> str:
    html = " ".join(client.get(reverse("public") + "?area=886").content.decode().split())
    table = html[html.index('id="headlines"'):]
    return table[:table.index("</table>")]


def test_confidence_is_shown_with_its_interval(client, tmp_path):
    Area.objects.create(code="886", name="Kent")
    _survey(tmp_path, 3, 1, 2023)  # an older, small wave: not the one shown
    _survey(tmp_path, 12, 8, 2024)
    table = _headlines(client)
    # 12 of 20 agree: 60.0%, Wilson 95% interval 38.7% to 78.1%
    assert "% of parents agreeing &#39;I am confident" in table
    assert "60.0% (95% interval 38.7% to 78.1%)" in table and ">2024<" in table


def test_small_counts_are_c_without_an_interval(client, tmp_path):
    Area.objects.create(code="886", name="Kent")
    _survey(tmp_path, 3, 9, 2024)  # 3 agree: c, and the share with it
    for n in range(6):
        Enquiry.objects.create(la="886", reference=f"E{n}", received_on=date(2024, 3, 1),
                               channel="phone", category="transport",
                               reply_by=date(2024, 3, 15), update_by=date(2024, 3, 29),
                               replied_on=date(2024, 3, 4 + 4 * n))
    # the data runs to 2 May 2024, so the 12 months to Apr 2024 are complete
    Enquiry.objects.create(la="886", reference="E9", received_on=date(2024, 5, 2),
                           channel="phone", category="transport",
                           reply_by=date(2024, 5, 17), update_by=date(2024, 5, 31))
    versions.changed(["enquiries"], ["886"])  # stored here without a loader
    table = _headlines(client)
    row = table[table.index("I am confident"):]
    assert row[:row.index("</tr>")].count(">c<") == 1 and "interval" not in table
    # 6 enquiries replied, 3 on time (4, 8, 12 Mar) and 3 late: 3 is c, so the share is
    enquiries = table[table.index("% of enquiries replied to on time"):]
    assert ">c<" in enquiries[:enquiries.index("</tr>")] and "12 months to Apr 2024" in table
