"""`sendassure plan import` and `sendassure plan export`: exit codes 0, 1 and 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sendassure.cli.plan import app
from sendassure.plan import models as m

from .conftest import KENT

pytestmark = pytest.mark.django_db
runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_import_then_export_both_forms(tmp_path):
    result = runner.invoke(app, ["import", str(KENT)])
    assert result.exit_code == 0, result.output
    plan = m.Plan.objects.get()
    # actions 4+4+3+3+4+4+3+4+3 = 32 in the example; evidence requests 5+5+4+2+4+7+2+2+2
    # = 33 lines in the letter
    assert flat(result.output) == (
        f"STORED plan {plan.pk} 'Kent SEND Accelerated Progress Plan' (LA 886): 9 areas, "
        "32 actions, 5 reviews, 33 evidence requests")
    out = tmp_path / "kent.yaml"
    result = runner.invoke(app, ["export", "--la", "886", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == KENT.read_bytes()
    result = runner.invoke(app, ["export", "--plan", str(plan.pk), "--out",
                                 str(tmp_path / "kent.xlsx")])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["import", str(tmp_path / "kent.xlsx")]).exit_code == 0
    assert m.Plan.objects.count() == 1


def test_an_invalid_template_exits_1_listing_errors_and_stores_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(KENT.read_text().replace("  plan_type: app", "  plan_type: xyz"))
    result = runner.invoke(app, ["import", str(bad)])
    assert result.exit_code == 1
    assert flat(result.output) == (
        "INVALID bad.yaml: 1 error(s); nothing stored - plan.plan_type (line 7): value 'xyz': "
        "unknown plan_type; one of wsoa, app, pap")
    assert m.Plan.objects.count() == 0 and m.AreaOfWeakness.objects.count() == 0


@pytest.mark.parametrize("args", [
    ["import", "missing.yaml"],  # no such file
    ["import", "plan.csv"],  # wrong extension
    ["export", "--out", "x.yaml"],  # neither --plan nor --la
    ["export", "--plan", "1", "--la", "886", "--out", "x.yaml"],  # both
    ["export", "--plan", "999", "--out", "x.yaml"],  # unknown plan
    ["export", "--la", "886", "--out", "x.csv"],  # wrong extension
    ["export", "--la", "123", "--out", "x.yaml"],  # an LA with no plan
])
def test_usage_errors_exit_2(tmp_path, args):
    (tmp_path / "plan.csv").write_text("la,title\n")
    args = [str(tmp_path / a) if a.endswith((".yaml", ".csv")) else a for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "x.yaml").exists()
