"""The demo's synthetic audits (``synth.audits``): seeded, in the import layout, each
after its plan started, with double audits by a second auditor and re-audits of weak
plans that show the change; and they import cleanly."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.kpis.plan_quality import AuditRow, double_audits, in_period
from sendassure.quality.loop import changes
from sendassure.quality.models import Audit
from sendassure.synth import audits as synthetic

runner = CliRunner()


def _plans(n: int = 600) -> list[tuple[str, date]]:
    return [(f"A{k:012d}", date(2019 + k % 3, 1 + k % 12, 1)) for k in range(n)]


def _rows(rows) -> list[AuditRow]:
    return [AuditRow(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5]) for r in rows]


def test_the_synthetic_audits_have_double_audits_and_re_audits():
    plans = _plans()
    rows = synthetic.generate(plans, date(2020, 1, 1), date(2024, 12, 31), seed=42)
    assert rows == synthetic.generate(plans, date(2020, 1, 1), date(2024, 12, 31), seed=42)
    starts = dict(plans)
    assert all(starts[r[1]] <= date.fromisoformat(r[2]) <= date(2024, 12, 31) for r in rows)
    audits = _rows(rows)
    pairs = double_audits(in_period(audits, date(2020, 1, 1), date(2024, 12, 31)))
    assert len(pairs) >= 20  # about a fifth of 400 first audits
    assert all(a.auditor != b.auditor for a, b in pairs)
    # re-audits: the same auditor, 12 weeks after a weak grade
    re_audits = [(a, b) for a in audits for b in audits
                 if a.plan == b.plan and a.auditor == b.auditor and a.reference != b.reference
                 and (b.audit_date - a.audit_date).days == 84]
    assert len(re_audits) >= 20
    assert all(a.overall_grade in ("requires_improvement", "inadequate") for a, _ in re_audits)
    assert any(b.overall_grade != a.overall_grade for a, b in re_audits)


def test_the_synthetic_audits_import_and_re_audits_show_the_change(tmp_path, children):
    plans = [(upn, date(2023, 5, 1)) for upn in children.values()]
    rows = synthetic.generate(plans, date(2023, 6, 1), date(2024, 12, 31), seed=3,
                              per_quarter=3)
    path = synthetic.write(rows, tmp_path / "synthetic-audits.csv")
    result = runner.invoke(app, ["audits", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert Audit.objects.count() == len(rows)
    for change in changes(Audit.objects.all()):
        assert change.before.overall_grade in ("requires_improvement", "inadequate")
        assert change.before.audit_date < change.after.audit_date
    # importing the same file again changes nothing
    again = runner.invoke(app, ["audits", "import", str(path)])
    assert f"0 audit(s) added, 0 updated, {len(rows)} unchanged" in again.output
