"""Hypothesis fuzz of the plan template's YAML reader: the Kent example with hostile
changes (values of any type, keys removed, unknown keys, records of the wrong shape) and
hostile documents (aliases, tags, anything). Every file is either stored whole or refused
with ``TemplateInvalid`` naming each error's place and rule, storing nothing; no other
exception ever escapes."""

from __future__ import annotations

import datetime

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendassure.plan.models import Action, AreaOfWeakness, Plan
from sendassure.plan.template import TemplateInvalid, import_file

from .conftest import KENT

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
EXAMPLE = yaml.safe_load(KENT.read_text(encoding="utf-8"))
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.dates(min_value=datetime.date(1, 1, 1)), st.sampled_from([
        "=HYPERLINK(\"http://x\")", "2024-02-30", "9999-12-31", "0001-01-01", "x" * 5000,
        "\x00", "886", "887", "red", "on_track", "6.1", "-1", "1e309", "\ufeff"]))
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3),
                   st.dictionaries(st.text(max_size=5), SCALARS, max_size=3))
MUTATION = st.tuples(st.sampled_from([*EXAMPLE, "unknown"]), st.integers(0, 12),
                     st.sampled_from(["set", "delete", "replace record", "replace sheet"]),
                     st.one_of(st.sampled_from(sorted({k for v in EXAMPLE.values()
                                                       for r in (v if isinstance(v, list)
                                                                 else [v])
                                                       for k in r})), st.text(max_size=8)),
                     VALUES)


def _mutated(mutations) -> dict:
    document = yaml.safe_load(yaml.safe_dump(EXAMPLE))
    for sheet, index, how, column, value in mutations:
        if how == "replace sheet" or sheet not in document:
            document[sheet] = value
            continue
        records = document[sheet] if isinstance(document[sheet], list) else [document[sheet]]
        if not records or not isinstance(records[index % len(records)], dict):
            continue
        record = records[index % len(records)]
        if how == "set":
            record[column] = value
        elif how == "delete":
            record.pop(column, None)
        elif isinstance(document[sheet], list):
            document[sheet][index % len(records)] = value
        else:
            document[sheet] = value
    return document


def _store() -> tuple:
    return tuple(tuple(m.objects.order_by("pk").values_list()) for m in
                 (Plan, AreaOfWeakness, Action))


def _imports_or_names_every_error(path) -> None:
    before = _store()
    try:
        plan = import_file(path)
    except TemplateInvalid as error:
        assert error.errors
        for problem in error.errors:
            assert problem.where and problem.rule and str(problem)
        assert _store() == before  # nothing stored
    else:
        assert Plan.objects.filter(pk=plan.pk).exists()


@settings(FUZZ, max_examples=20)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_a_changed_template_is_stored_whole_or_every_error_named(tmp_path, mutations):
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(_mutated(mutations), allow_unicode=True),
                    encoding="utf-8")
    _imports_or_names_every_error(path)


@FUZZ
@given(text=st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.sampled_from([
        "a: &a [*a, *a]\nb: *a\n",
        "plan: !!python/object/apply:os.system ['true']\n",
        "plan: {la: !!binary aGVsbG8=}\n",
        "plan: [" * 200,
        "- 1\n- 2\n",
        "plan:\n  la: '886'\nplan:\n  la: '887'\n",
        "\ufeffplan: {}\n",
        "%YAML 9.9\n---\nplan: {}\n",
        "x: " + "[" * 50 + "]" * 50 + "\n",
    ])))
def test_any_yaml_text_is_stored_whole_or_every_error_named(tmp_path, text):
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    _imports_or_names_every_error(path)
