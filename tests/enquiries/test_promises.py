"""Promised reply and update dates in working days (England and Wales) across Easter, the
May bank holidays, Christmas and a year boundary, worked by hand from the 2025-26
calendar, with the shipped promises: urgent reply 1, update 5; routine reply 10,
update 20 working days after the day received."""

from datetime import date

import pytest

from sendassure.enquiries.promises import promised
from sendassure.enquiries.vocabulary import vocabulary
from sendassure.kpis.working_days import working_days_between


@pytest.mark.parametrize("received, category, reply_by, update_by", [
    # Thu 17 Apr 2025, urgent: Good Friday 18 Apr and Easter Monday 21 Apr are holidays,
    # so the reply is due Tue 22 Apr; update: 22, 23, 24, 25, 28 Apr
    (date(2025, 4, 17), "out_of_education", date(2025, 4, 22), date(2025, 4, 28)),
    # Fri 2 May 2025, routine: Mon 5 May is the early May bank holiday: 6-9, 12-16, 19 May
    # (reply); then 20-23, (26 May spring holiday) 27-30 May, 2, 3 Jun (update)
    (date(2025, 5, 2), "transport", date(2025, 5, 19), date(2025, 6, 3)),
    # Wed 24 Dec 2025, urgent: 25, 26 Dec holidays, the weekend, so Mon 29 Dec; update:
    # 29, 30, 31 Dec, (1 Jan holiday) 2, 5 Jan 2026
    (date(2025, 12, 24), "placement_breakdown", date(2025, 12, 29), date(2026, 1, 5)),
    # Mon 22 Dec 2025, routine: 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7, 8 Jan 2026
    (date(2025, 12, 22), "annual_review", date(2026, 1, 8), None),
])
def test_promised_dates(settings, received, category, reply_by, update_by):
    found = promised(received, category, vocabulary())
    assert found["reply_by"] == reply_by
    assert found["urgent"] == (category in {"out_of_education", "placement_breakdown"})
    if update_by:
        assert found["update_by"] == update_by


def test_working_days_between_counts_after_the_day_received():
    assert working_days_between(date(2025, 4, 17), date(2025, 4, 22)) == 1
    assert working_days_between(date(2025, 12, 22), date(2026, 1, 8)) == 10
    assert working_days_between(date(2025, 12, 24), date(2025, 12, 28)) == 0
    assert working_days_between(date(2025, 6, 3), date(2025, 6, 3)) == 0


def test_urgency_and_promises_are_configurable(settings, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("promises:\n  urgent: {reply: 2, update: 3}\n  routine: {reply: 15, "
                    "update: 30}\nchannels: {phone: Phone}\ncategories:\n  transport: "
                    "{label: Transport, urgent: true}\n", encoding="utf-8")
    settings.SENDASSURE_ENQUIRY_CATEGORIES = str(path)
    words = vocabulary()
    assert words.urgent == {"transport"} and words.channels == {"phone": "Phone"}
    # Fri 2 May 2025, now urgent: 6, 7 May (5 May a holiday)
    assert promised(date(2025, 5, 2), "transport", words)["reply_by"] == date(2025, 5, 7)
