"""The explainable priority, worked by hand. Scores over open referrals first, then the
command over loaded extracts (json, csv, table: rows, never NHS numbers), then the
weights: shown, changed, audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.health.priority import Open, Weights, next_transition, rank, score
from sendassure.health.referrals.store import load_extract

from ..referrals.extracts import CHILD_A, CHILD_B, CHILD_C, CHILD_D, row, write_extract

runner = CliRunner()
D = date.fromisoformat
AS_OF = D("2024-04-30")


@pytest.fixture(autouse=True)
def _weights_in_tmp(settings, tmp_path):
    settings.HEALTH_PRIORITY_WEIGHTS = str(tmp_path / "weights.json")


def referral(provider="RXY", row=2, born="2015-03-01", referred="2024-01-10",
             priority="routine", ehc=None) -> Open:
    return Open(provider, f"{provider.lower()}.csv", row, "salt", D(born), D(referred),
                priority, ehc and D(ehc))


def parts(s):
    return {p.name: p.points for p in s.parts}


def test_a_routine_wait_is_only_its_weeks():
    # 10 Jan to 30 Apr 2024: 21 + 29 + 31 + 30 = 111 days = 15 completed weeks
    s = score(referral(), AS_OF, Weights())
    assert parts(s) == {"wait": 15, "urgency": 0, "ehc": 0, "transition": 0}
    assert s.total == 15
    assert s.part("wait").basis == "15 week(s) since 2024-01-10"
    assert s.part("transition").basis == "no transition age within 6 month(s)"


def test_urgent_with_ehc_advice_turning_eleven_has_every_part():
    # 1 Mar to 30 Apr: 60 days = 8 weeks; born 2013-09 turns 11 in 2024-09, 5 months on
    s = score(referral(born="2013-09-01", referred="2024-03-01", priority="urgent",
                       ehc="2024-03-15"), AS_OF, Weights())
    assert parts(s) == {"wait": 8, "urgency": 20, "ehc": 15, "transition": 10}
    assert s.total == 53
    assert [p.basis for p in s.parts] == ["8 week(s) since 2024-03-01", "urgent",
                                          "EHC advice requested 2024-03-15",
                                          "turns 11 in 5 month(s)"]


def test_transition_counts_the_birthday_month_and_stops_after_the_window():
    assert next_transition(D("2019-04-01"), AS_OF, 6) == (5, 0)      # turns 5 this month
    assert next_transition(D("2006-11-01"), AS_OF, 6) is None        # 18 in 7 months
    assert next_transition(D("2006-11-01"), AS_OF, 7) == (18, 7)
    assert next_transition(D("2008-03-01"), AS_OF, 6) is None        # 16 last month
    s = score(referral(born="2006-11-01", referred="2024-04-02", ehc="2024-04-20"), AS_OF,
              Weights())
    assert parts(s) == {"wait": 4, "urgency": 0, "ehc": 15, "transition": 0}  # 28 days


def test_weights_scale_each_part():
    w = Weights(wait=2.5, urgency=0, ehc=1, transition=3, transition_months=12)
    s = score(referral(born="2006-11-01", referred="2024-03-01", priority="urgent",
                       ehc="2024-03-02"), AS_OF, w)
    assert parts(s) == {"wait": 20.0, "urgency": 0, "ehc": 1, "transition": 3}
    assert s.total == 24


def test_ties_are_broken_by_earlier_referral_then_provider_file_and_row():
    # each scores 20: an urgent referral of this week, or 20 weeks' wait
    tied = [referral("RYX", 3, referred="2024-04-29", priority="urgent"),
            referral("RXY", 9, referred="2024-04-29", priority="urgent"),
            referral("RXY", 4, referred="2024-04-29", priority="urgent"),
            referral("RZZ", 2, referred="2023-12-10")]  # 142 days = 20 weeks
    as_of, ranked = rank(tied, Weights(), AS_OF)
    assert all(s.total == 20 for s in ranked)
    assert [(s.referral.provider_code, s.referral.row) for s in ranked] == \
        [("RZZ", 2), ("RXY", 4), ("RXY", 9), ("RYX", 3)]
    assert rank(list(reversed(tied)), Weights(), AS_OF) == (as_of, ranked)


def test_nothing_open_ranks_nothing():
    assert rank([], Weights()) == (None, [])


def _load(tmp_path):
    load_extract(write_extract(tmp_path / "rxy.csv", [
        row(nhs_number=CHILD_A, referral_date="2024-01-10"),
        row(nhs_number=CHILD_B, birth_month="2013-09", referral_date="2024-03-01",
            priority="urgent", ehc_advice_requested="2024-03-15"),
        # clock stopped: not listed, but its date is the area's latest (waits run to it)
        row(nhs_number=CHILD_D, referral_date="2024-04-30", first_contact_date="2024-04-30",
            clock_stop_date="2024-04-30", clock_stop_reason="seen"),
    ]), "886")
    load_extract(write_extract(tmp_path / "ryx.csv", [
        row(nhs_number=CHILD_C, provider_code="RYX", birth_month="2019-04",
            referral_date="2024-04-25"),
    ]), "886")


@pytest.mark.django_db
def test_the_command_lists_open_referrals_by_score_with_parts(tmp_path):
    _load(tmp_path)
    result = runner.invoke(app, ["health", "priority", "--area", "886", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert (found["as_of"], found["open_referrals"], found["listed"]) == ("2024-04-30", 3, 3)
    assert [(r["rank"], r["provider_code"], r["file_name"], r["row"], r["score"])
            for r in found["referrals"]] == [(1, "RXY", "rxy.csv", 3, 53),
                                             (2, "RXY", "rxy.csv", 2, 15),
                                             (3, "RYX", "ryx.csv", 2, 10)]
    assert found["referrals"][2]["parts"]["transition"] == {"points": 10,
                                                            "basis": "turns 5 in 0 month(s)"}
    assert found["referrals"][2]["parts"]["wait"]["points"] == 0  # 5 days
    top = json.loads(runner.invoke(app, ["health", "priority", "--area", "886", "--top", "1",
                                         "--format", "json"]).stdout)
    assert [r["row"] for r in top["referrals"]] == [3]
    ryx = json.loads(runner.invoke(app, ["health", "priority", "--area", "886", "--provider",
                                         "ryx", "--format", "json"]).stdout)
    assert (ryx["as_of"], [r["provider_code"] for r in ryx["referrals"]]) == \
        ("2024-04-30", ["RYX"])  # waits still run to the area's latest date
    as_csv = runner.invoke(app, ["health", "priority", "--area", "886", "--format", "csv"]).stdout
    rows = list(csv.reader(io.StringIO(as_csv)))
    assert rows[0][:10] == ["rank", "provider_code", "file_name", "row", "service", "score",
                            "wait", "urgency", "ehc", "transition"]
    assert rows[1][:10] == ["1", "RXY", "rxy.csv", "3", "salt", "53.0", "8.0", "20.0",
                            "15.0", "10.0"]
    assert len(rows) == 4
    table = runner.invoke(app, ["health", "priority", "--area", "886"]).stdout
    assert "3 of 3 open referral(s)." in table
    for output in (result.stdout, as_csv, table):
        assert not any(n in output for n in (CHILD_A, CHILD_B, CHILD_C, CHILD_D))
        assert "n:" not in output  # nor the hashes


@pytest.mark.django_db
def test_each_listing_is_audited():
    from sendassure.core.models import AuditEvent

    runner.invoke(app, ["health", "priority", "--area", "886", "--format", "csv"])
    event = AuditEvent.objects.get(object_type="ReferralPriority")
    assert (event.action, event.object_id, event.areas) == ("view", "886", ",886,")


@pytest.mark.django_db
def test_a_weight_change_is_written_and_audited_with_who_old_and_new(tmp_path, make_user):
    from sendassure.core.models import AuditEvent

    _load(tmp_path)
    make_user("analyst", "ana")
    shown = runner.invoke(app, ["health", "priority-weights"])
    assert shown.exit_code == 0, shown.output
    assert "wait=1.0, urgency=20.0, ehc=15.0, transition=10.0, transition_months=6" in \
        shown.stdout
    assert not AuditEvent.objects.filter(object_type="PriorityWeights").exists()
    changed = runner.invoke(app, ["health", "priority-weights", "wait=2", "urgency=0",
                                  "--user", "ana"])
    assert changed.exit_code == 0, changed.output
    event = AuditEvent.objects.get(object_type="PriorityWeights")
    assert (event.action, event.username, event.role) == ("change", "ana", "analyst")
    assert "wait 1.0 -> 2.0; urgency 20.0 -> 0.0" in event.summary
    found = json.loads(runner.invoke(app, ["health", "priority", "--area", "886",
                                           "--format", "json"]).stdout)
    # child B: 16 + 0 + 15 + 10; child A: 30; child C: 10
    assert [(r["row"], r["score"]) for r in found["referrals"]] == [(3, 41), (2, 30), (2, 10)]
    assert found["weights"]["wait"] == 2
    again = runner.invoke(app, ["health", "priority-weights", "wait=2", "--user", "ana"])
    assert "Weights unchanged." in again.stdout
    assert AuditEvent.objects.filter(object_type="PriorityWeights").count() == 1


@pytest.mark.django_db
def test_a_bad_weight_or_no_user_is_refused_and_nothing_changes(make_user):
    from sendassure.core.models import AuditEvent

    make_user("analyst", "ana")
    make_user("board", "bo")
    for args in (["wait=2", "--user", "bo"], ["speed=2", "--user", "ana"], ["wait=fast", "--user", "ana"],
                 ["wait=-1", "--user", "ana"], ["transition_months=1.5", "--user", "ana"],
                 ["wait=2"], ["wait=2", "--user", "nobody"]):
        result = runner.invoke(app, ["health", "priority-weights", *args])
        assert result.exit_code == 2, (args, result.output)
    assert not AuditEvent.objects.filter(object_type="PriorityWeights").exists()
    shown = runner.invoke(app, ["health", "priority-weights"]).stdout
    assert "wait=1.0" in shown


@pytest.mark.django_db
def test_a_hand_edited_weights_file_that_is_not_weights_is_refused(settings):
    from pathlib import Path

    held = Path(settings.HEALTH_PRIORITY_WEIGHTS)
    for text in ("{not json", '["wait", 1]', '{"wait": "fast"}', '{"urgency": -5}'):
        held.write_text(text, encoding="utf-8")
        for args in (["priority", "--area", "886"], ["priority-weights"]):
            result = runner.invoke(app, ["health", *args])
            assert result.exit_code == 2, (text, args, result.output)
            assert "Traceback" not in result.output
    held.write_text('{"urgency": 5, "unknown": 1}', encoding="utf-8")  # others ignored
    assert "urgency=5, ehc=15.0" in runner.invoke(app, ["health", "priority-weights"]).stdout


@pytest.mark.django_db
def test_the_table_shows_each_part_with_its_basis(tmp_path):
    _load(tmp_path)
    table = runner.invoke(app, ["health", "priority", "--area", "886"],
                          env={"COLUMNS": "250"}).stdout
    assert "turns 11 in 5 month(s)" in table
    assert "waits measured to 2024-04-30" in table
