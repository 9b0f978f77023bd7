"""What validation holds back, as an aggregate audience sees it: no count of 1 to 4,
shown or worked out from a total and the other rules' counts."""

from sendassure.figures.registry import Withheld


def test_a_small_rule_count_cannot_be_had_from_the_total():
    held = Withheld({"SEN2-3005": (1, "why"), "SEN2-2007": (6, "why")}, {"SEN2-2013": (9, "w")})
    shown = held.as_json(controlled=True)
    assert shown["excluded_by_rule"]["SEN2-3005"] == "c"
    # 7 - 6 would give the 1 back: one of them must be hidden too
    assert "c" in (shown["excluded"], shown["excluded_by_rule"]["SEN2-2007"])
    assert shown["quarantined"] == 9 and shown["quarantined_by_rule"] == {"SEN2-2013": 9}
    lines = held.sentences(controlled=True)
    assert lines[1].startswith("fewer than 5 stored request(s) left out (SEN2-3005")
    assert held.as_json() == {"excluded": 7, "quarantined": 9,
                              "excluded_by_rule": {"SEN2-2007": 6, "SEN2-3005": 1},
                              "quarantined_by_rule": {"SEN2-2013": 9}}
