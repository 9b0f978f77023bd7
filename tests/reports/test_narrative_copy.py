"""The drafted narrative reads as written English: '1 evidence request ... is', not
'1 evidence request(s) ... are' (issue 10 item 7: copy checked)."""

from __future__ import annotations

from types import SimpleNamespace

from sendassure.plan.models import Status
from sendassure.reports.review_pack import positioning_statement


def _section(statuses, requests, evidence):
    return SimpleNamespace(
        area=SimpleNamespace(number=4, title="Waits"), rating="amber", suggested="amber",
        did=[{"status": s} for s in statuses], measures=[], requests=[{}] * requests,
        evidence=[{}] * evidence)


def test_one_of_each_is_singular():
    text = positioning_statement(
        _section([Status.COMPLETED, Status.DELAYED], 1, 1), "Third progress review")
    assert text == ("At the Third progress review, area 4 (Waits) is rated amber. "
                    "1 of 2 actions is completed or embedded and 1 is delayed or off track. "
                    "1 evidence request from the last review letter is still open. "
                    "1 evidence file supports this area.")


def test_several_are_plural_and_none_are_left_out():
    text = positioning_statement(
        _section([Status.COMPLETED, Status.EMBEDDED, Status.OFF_TRACK, Status.DELAYED], 3, 0),
        "Third progress review")
    assert "2 of 4 actions are completed or embedded and 2 are delayed or off track." in text
    assert "3 evidence requests from the last review letter are still open." in text
    assert "evidence file" not in text and "(s)" not in text
