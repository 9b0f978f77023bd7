"""HR01: NHS number by Modulus 11, checked against the shared test vectors (public
examples and constructed edge cases, each verified with the nhs-number package)."""

import csv

import pytest

from tests.support.shared import DATA

from .checks import findings

VECTORS = DATA / "nhs" / "nhs_number" / "nhs_number_test_vectors.csv"


def _vectors():
    with VECTORS.open(encoding="utf-8") as handle:
        return [(r["nhs_number"], r["nhs_number_pkg_is_valid"] == "True")
                for r in csv.DictReader(handle)]


def test_the_vectors_are_there():
    assert len(_vectors()) == 7  # 9434765919, 6541003238, 6716689966, 4000000020 valid


@pytest.mark.parametrize(("number", "valid"), _vectors())
def test_each_vector(number, valid):
    assert (findings("HR01", {"nhs_number": number}) == []) is valid


def test_a_bad_number_is_shown_by_its_shape_only():
    assert findings("HR01", {"nhs_number": "9434765918"}) == [
        (2, "nhs_number", "[shape 9999999999, 10 characters]",
         "is not a valid NHS number (10 digits passing Modulus 11)")]


def test_spaces_between_groups_are_allowed_and_letters_are_not():
    assert findings("HR01", {"nhs_number": "943 476 5919"}) == []
    assert findings("HR01", {"nhs_number": "943476591X"})[0][2] == \
        "[shape 999999999A, 10 characters]"


def test_blank_is_required():
    assert findings("HR01", {"nhs_number": ""}) == [(2, "nhs_number", "", "is required")]


def test_a_name_in_the_column_is_never_shown():
    assert findings("HR01", {"nhs_number": "Jane Smith"})[0][2] == \
        "[shape Aaaa Aaaaa, 10 characters]"
