"""Hypothesis fuzz of the sitrep reader: hostile titles, headers, organisation labels
and cells either load or are refused with NotASitrep and a reason; no other exception
escapes and a refused file stores nothing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendassure.health.models import ServiceWait, SitrepEdition
from sendassure.health.sitrep import NotASitrep
from sendassure.health.store import load_sitrep

from .sitrep_files import EIGHT, ORGANISATIONS, SERVICES, SEVEN, write_sitrep

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
XML_SAFE = st.characters(blacklist_categories=("Cs", "Cc"))
HOSTILE = st.one_of(
    st.text(alphabet=XML_SAFE, max_size=20),
    st.integers(min_value=-5, max_value=10**12), st.floats(allow_nan=True),
    st.booleans(), st.none(),
    st.sampled_from(["*", "", " ", "=1+1", "x" * 600, "-1", "12.5", "1e3", "NaN", "\u0663"]))


@FUZZ
@given(cells=st.dictionaries(st.tuples(st.integers(0, 8), st.integers(0, 3),
                                       st.integers(0, 1)), HOSTILE, max_size=6),
       month=st.one_of(st.just("June 2023"), st.text(alphabet=XML_SAFE, max_size=15)),
       titles=st.one_of(st.just(SEVEN), st.just(EIGHT),
                        st.lists(st.text(alphabet=XML_SAFE, max_size=30), min_size=1,
                                 max_size=3)),
       services=st.one_of(st.just(SERVICES), st.lists(
           st.text(alphabet=XML_SAFE, max_size=250).map(lambda t: "(A) " + t), min_size=1,
           max_size=2)),
       organisations=st.one_of(st.just(ORGANISATIONS), st.lists(
           st.tuples(st.text(alphabet=XML_SAFE, max_size=10),
                     st.text(alphabet=XML_SAFE, max_size=30)), max_size=3)))
def test_reader_loads_or_refuses_with_a_reason(tmp_path_factory, cells, month, titles,
                                                services, organisations):
    path = tmp_path_factory.mktemp("fuzz") / "sitrep.xlsx"
    write_sitrep(path, month=month, titles=titles, cells=cells, services=services,
                 organisations=organisations)
    before = SitrepEdition.objects.count(), ServiceWait.objects.count()
    try:
        load_sitrep(path)
    except NotASitrep as error:
        assert str(error)
        assert (SitrepEdition.objects.count(), ServiceWait.objects.count()) == before


@FUZZ
@given(data=st.binary(max_size=400))
def test_any_bytes_load_or_are_refused(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "sitrep.xlsx"
    path.write_bytes(b"PK\x03\x04" + data if data[:1] == b"\x00" else data)
    with pytest.raises(NotASitrep, match="."):
        load_sitrep(path)
