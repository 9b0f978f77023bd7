"""Every evidence test stores files in its own temporary folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path):
    root = tmp_path / "evidence"
    settings.EVIDENCE_ROOT = str(root)
    settings.EVIDENCE_MAX_MB = 5
    return root


@pytest.fixture
def plan(db):
    from sendassure.plan.models import Action, AreaOfWeakness, Plan

    kent = Plan.objects.create(la="886", title="Kent WSoA", plan_type="wsoa",
                               start_date="2023-01-01")
    area = AreaOfWeakness.objects.create(plan=kent, number=6, title="Timeliness of EHC plans")
    action = Action.objects.create(area=area, reference="6.3", description="Recruit EPs")
    return kent, area, action
