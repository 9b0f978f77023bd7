"""The measure registry: its declarations, their checks, and docs/measures.md."""

from __future__ import annotations

import dataclasses

import pytest

from sendassure.figures.docs import render_markdown
from sendassure.figures.registry import FAMILIES, MEASURES, Measure, RegistryError, register

from ..support.shared import CHECKOUT


def test_docs_measures_md_is_generated_from_the_registry():
    assert (CHECKOUT / "docs" / "measures.md").read_text(encoding="utf-8") == render_markdown()


def test_every_statutory_output_is_registered_once_with_a_definition():
    for family in FAMILIES.values():
        for name in family.outputs:
            assert name in MEASURES, name
            assert MEASURES[name].definition.strip(), name
    # the names are DfE's, so a local figure lines up with a published one
    assert {"pc_plans_issued_within_20_weeks", "plans_issued_den_ex", "ehcplans",
            "mainstream_total_pc", "open_over_52_weeks"} <= set(MEASURES)


def test_a_family_with_a_measure_already_registered_is_refused():
    family = FAMILIES["timeliness"]
    copy = dataclasses.replace(family, name="timeliness_again")
    with pytest.raises(RegistryError, match="registered twice"):
        register(copy)
    assert "timeliness_again" not in FAMILIES


def test_a_family_must_declare_every_output():
    family = FAMILIES["decisions"]
    fewer = dataclasses.replace(family, name="decisions_fewer", measures=family.measures[:2])
    with pytest.raises(RegistryError, match="undeclared"):
        register(fewer)
    bad = dataclasses.replace(family, name="decisions_bad", measures=(
        *family.measures[:-1], Measure("pc_requests_refused", "x", "ratio", "up", "x")))
    with pytest.raises(RegistryError):
        register(bad)
