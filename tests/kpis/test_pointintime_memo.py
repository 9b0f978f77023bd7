"""The point-in-time memo: the same frame and day give the very same answer object, a
different day or frame is worked out afresh."""

from datetime import date

import polars as pl

from sendassure.kpis.frames import requests_frame
from sendassure.kpis.pointintime import requests_known_on


def _frame():
    return requests_frame([{
        "la": "886", "request_id": 1, "person_id": 1, "received_date": date(2024, 1, 10),
        "request_outcome": "Y", "request_outcome_date": date(2024, 3, 1),
        "assessment_outcome": "Y", "assessment_outcome_date": date(2024, 6, 1),
    }])


def test_the_same_frame_and_day_are_worked_out_once():
    frame = _frame()
    first = requests_known_on(frame, date(2024, 4, 1))
    assert requests_known_on(frame, date(2024, 4, 1)) is first
    # on 1 April the assessment outcome (1 June) was not yet known
    assert first["assessment_outcome"].to_list() == ["A"]
    later = requests_known_on(frame, date(2024, 7, 1))
    assert later is not first and later["assessment_outcome"].to_list() == ["Y"]


def test_an_equal_but_different_frame_is_not_confused_with_another():
    a, b = _frame(), _frame().with_columns(pl.lit("Y").alias("assessment_outcome"))
    assert requests_known_on(a, date(2024, 4, 1)) is not requests_known_on(b, date(2024, 4, 1))
