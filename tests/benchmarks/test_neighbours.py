import csv

import pytest

from sendassure.benchmarks.authorities import authorities, code_for, name_key, name_of
from sendassure.benchmarks.neighbours import comparison_group, neighbours_of
from tests.support.shared import DATA

LOOKUP = DATA / "ofsted_area_send" / "Provider_data_lookup.csv"


def test_kent_list_is_the_published_one():
    kent = neighbours_of("886")
    assert kent == ("881", "845", "878", "303", "935", "926", "891", "938", "822", "933")
    assert all(code in authorities() for code in kent) and "886" not in kent
    assert comparison_group("886")[0] == "886"
    assert neighbours_of("886", limit=3) == kent[:3]


@pytest.mark.skipif(not LOOKUP.exists(), reason="the shared inspection data is not here")
def test_every_shipped_list_matches_the_inspection_data():
    with open(LOOKUP, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with_lists = 0
    for row in rows:
        published = tuple(c.strip() for c in row["stat_neighbours"].split(",") if c.strip())
        assert neighbours_of(row["la_code"]) == published, row["la_code"]
        with_lists += bool(published)
    assert with_lists == 153  # Cumbria, Northamptonshire and Poole have none


def test_configurable_mapping():
    assert neighbours_of("887", {"887": ["886", "845"]}) == ("886", "845")
    assert neighbours_of("999") == ()


@pytest.mark.parametrize("published, code", [
    ("Kent", "886"), ("Bristol, City of", "801"), ("Bristol", "801"),
    ("Kingston upon Hull, City of", "810"), ("Northamptonshire7", "928"),
    ("County Durham", "840"), ("Durham", "840"), ("Bedford", "822"),
    ("Bedford Borough", "822"), ("St. Helens", "342"), ("Herefordshire, County of", "884"),
    ("Bournemouth, Christchurch & Poole", "839"),
])
def test_published_names_find_their_code(published, code):
    assert code_for(published) == code
    assert name_key(published) == name_key(name_of(code)) or code_for(name_of(code)) == code


def test_unknown_names_are_not_guessed():
    assert code_for("Atlantis") is None
    assert code_for("") is None
