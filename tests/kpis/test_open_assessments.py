from datetime import date, timedelta

import polars as pl

from sendassure.kpis.open_assessments import (
    ASSESSING,
    AWAITING_DECISION,
    PLAN_NOT_YET_ISSUED,
    backlog_bands,
    open_assessments,
    worklist,
)

R = date(2024, 6, 30)


def ago(days):
    return R - timedelta(days=days)


def frame(build):
    r = build.request
    return build.requests([
        r(ago(140), request_id=1),                                      # age 140
        r(ago(141), request_id=2, request_outcome="Y"),                 # assessing
        r(ago(210), request_id=3, request_outcome="Y",
          assessment_outcome="Y"),                                      # agreed, not issued
        r(ago(211), request_id=4),
        r(ago(364), request_id=5),
        r(ago(365), request_id=6),
        r(ago(112), request_id=7),
        r(ago(113), request_id=8),
        # closed on R
        r(ago(50), request_id=20, request_outcome="N", request_outcome_date=ago(10)),
        r(ago(150), request_id=21, request_outcome="Y", assessment_outcome="Y",
          assessment_outcome_date=ago(1)),
        r(ago(150), request_id=22, request_outcome="W", request_outcome_date=R),
        r(ago(150), request_id=23, request_outcome="Y", assessment_outcome="W"),
        r(ago(150), request_id=24, request_outcome="Y", assessment_outcome="N",
          assessment_outcome_date=ago(3)),
        r(None, request_id=25, request_outcome="H"),
        r(R + timedelta(days=1), request_id=26),                        # received after R
        r(None, request_id=27),                                         # no ReceivedDate
        # open on R because their outcomes are dated after R
        r(ago(200), request_id=30, request_outcome="Y", assessment_outcome="Y",
          assessment_outcome_date=R + timedelta(days=1)),
        r(ago(10), request_id=31, request_outcome="N",
          request_outcome_date=R + timedelta(days=5)),
    ])


def test_counts(build):
    result = open_assessments(frame(build), R)
    assert result.open_total == 10  # ids 1-8, 30, 31
    assert result.open_over_20_weeks == 6  # ages 141, 210, 211, 364, 365, 200
    assert result.open_over_30_weeks == 3  # 211, 364, 365
    assert result.open_over_52_weeks == 1  # 365
    assert result.due_to_breach_4_weeks == 2  # 140 and 113 (112 is not > 112)


def test_later_knowledge_does_not_change_the_answer(build):
    requests = frame(build)
    before = open_assessments(requests, R)
    # record refusals a week after R for every case open on R: the answer on R must not move
    open_ids = [1, 2, 3, 4, 5, 6, 7, 8, 30, 31]
    was_open = pl.col("request_id").is_in(open_ids)
    later = requests.with_columns(
        request_outcome=pl.when(was_open).then(pl.lit("N")).otherwise("request_outcome"),
        request_outcome_date=pl.when(was_open).then(pl.lit(R + timedelta(days=7)))
        .otherwise("request_outcome_date"),
    )
    assert open_assessments(later, R) == before
    # a week later only request 26 (received the day after R) is open
    assert open_assessments(later, R + timedelta(days=7)).open_total == 1


def test_worklist(build):
    rows = worklist(frame(build), R).to_dicts()
    assert [row["request_id"] for row in rows] == [6, 5, 4, 3, 30, 2, 1, 8, 7, 31]  # oldest first
    first = rows[0]
    assert first["age_days"] == 365 and first["age_weeks"] == 52  # 365 // 7
    assert first["days_left_to_20_weeks"] == -225  # 140 - 365
    assert (first["over_20"], first["over_30"], first["over_52"]) == (True, True, True)
    by_id = {row["request_id"]: row for row in rows}
    assert by_id[1]["days_left_to_20_weeks"] == 0 and by_id[1]["due_to_breach_4_weeks"]
    assert not by_id[1]["over_20"]
    assert by_id[1]["stage"] == AWAITING_DECISION
    assert by_id[2]["stage"] == ASSESSING
    assert by_id[3]["stage"] == PLAN_NOT_YET_ISSUED
    assert by_id[30]["stage"] == ASSESSING  # its issue date is after R
    assert by_id[31]["stage"] == AWAITING_DECISION  # its refusal is after R
    assert not by_id[7]["due_to_breach_4_weeks"] and by_id[8]["due_to_breach_4_weeks"]


def test_worklist_flags_the_six_week_decision(build):
    r = build.request
    rows = {row["request_id"]: row for row in worklist(build.requests([
        r(ago(42), request_id=1),                                   # day 42: still in time
        r(ago(43), request_id=2),                                   # day 43: overdue
        r(ago(10), request_id=3),                                   # 32 days left
        r(ago(60), request_id=4, request_outcome="Y"),              # decided: no clock
        r(ago(60), request_id=5, request_outcome="N",
          request_outcome_date=R + timedelta(days=1)),              # decided after R
    ]), R).to_dicts()}
    assert {i: (row["days_left_to_6_weeks"], row["decision_overdue"])
            for i, row in rows.items()} == {
        1: (0, False), 2: (-1, True), 3: (32, False), 4: (None, False), 5: (-18, True)}


def test_bands(build):
    bands = dict(backlog_bands(frame(build), R).iter_rows())
    # <=140: ids 1, 7, 8, 31; 141-210: 2, 3, 30; 211-364: 4, 5; >364: 6
    assert bands == {"up to 20 weeks": 4, "over 20 to 30 weeks": 3,
                     "over 30 to 52 weeks": 2, "over 52 weeks": 1}


def test_empty(build):
    result = open_assessments(build.requests([]), R)
    assert result.open_total == 0
    assert worklist(build.requests([]), R).height == 0
