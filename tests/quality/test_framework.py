"""The quality framework as data: the shipped default, how section grades combine, and
refusals of a malformed framework; audits keep the version they were made with."""

from __future__ import annotations

import pytest

from sendassure.quality.framework import SECTION_CODES, FrameworkError, default, parse


def test_the_default_has_every_section_of_the_national_template():
    framework = default()
    assert tuple(s.code for s in framework.sections) == SECTION_CODES  # A-K with H1, H2
    assert [g.code for g in framework.grades] == [
        "outstanding", "good", "requires_improvement", "inadequate"]
    assert {s.code for s in framework.sections if s.limiting} == {"B", "E", "F"}
    # preparing for adulthood from Year 9
    adulthood = [c for s in framework.sections for c in s.criteria if c.from_year == 9]
    assert {c.id for c in adulthood} == {"A4", "E4"}
    assert not adulthood[0].applies(8) and adulthood[0].applies(9)
    assert all(c.text and c.guidance and c.good for s in framework.sections
               for c in s.criteria)


@pytest.mark.parametrize("grades, overall", [
    # weights B 2, E 2, F 2, A 1: (2x3 + 2x3 + 2x3 + 1x4) / 7 = 22/7 = 3.14 -> good
    ({"A": "outstanding", "B": "good", "E": "good", "F": "good"}, "good"),
    # (1x4 + 1x4 + 2x2) / 4 = 3.0 -> good; (A 4, C 4, B 2: 12/4 = 3)
    ({"A": "outstanding", "C": "outstanding", "B": "requires_improvement"}, "good"),
    # (1x3 + 1x2) / 2 = 2.5 -> rounds half up to 3: good
    ({"A": "good", "C": "requires_improvement"}, "good"),
    # a limiting section inadequate caps at requires improvement:
    # (A 4 + C 4 + D 4 + G 4 + B 2x1) / 6 = 18/6 = 3 -> good, capped
    ({"A": "outstanding", "C": "outstanding", "D": "outstanding", "G": "outstanding",
      "B": "inadequate"}, "requires_improvement"),
    # a non-limiting section inadequate does not cap: (B 2x4 + C 1) / 3 = 3 -> good
    ({"B": "outstanding", "C": "inadequate"}, "good"),
    ({"A": None}, None),
])
def test_section_grades_combine_into_the_overall_grade(grades, overall):
    assert default().overall(grades) == overall


def _yaml(**changes) -> str:
    import yaml

    from sendassure.quality.framework import DEFAULT

    data = yaml.safe_load(DEFAULT.read_text())
    data.update(changes)
    return yaml.safe_dump(data)


@pytest.mark.parametrize("changes, reason", [
    ({"grades": [{"code": "good", "label": "Good", "score": 3}]}, "grades must be"),
    ({"sections": [{"code": "Z", "criteria": []}]}, "code 'Z' is not one of"),
    ({"sections": [{"code": "A"}, {"code": "A"}]}, "a section is listed twice"),
    ({"combine": {"method": "median"}}, "combine.method must be weighted_mean"),
    ({"sections": [{"code": "A", "criteria": [{"id": "A1"}]}]}, "a criterion has no text"),
])
def test_a_malformed_framework_is_refused_with_the_reason(changes, reason):
    with pytest.raises(FrameworkError, match=reason):
        parse(_yaml(**changes), "mine.yaml")


def test_a_version_cannot_change_once_loaded(db, tmp_path):
    from sendassure.quality.frameworks import framework_version, load_framework

    stored = framework_version()
    assert stored.version == default().version
    changed = tmp_path / "changed.yaml"
    changed.write_text(_yaml(name="Changed but same version"))
    with pytest.raises(FrameworkError, match="already loaded with different content"):
        load_framework(changed)
    renamed = tmp_path / "new.yaml"
    renamed.write_text(_yaml(version="2027.1"))
    assert load_framework(renamed).version == "2027.1"
    assert framework_version().version == default().version  # the default is unchanged
