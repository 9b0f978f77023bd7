"""What may be kept of a raw value: a value that fails its field's format keeps only its
shape, whatever the field (issue 14, item 1); valid values stay as they are."""

from __future__ import annotations

import pytest

from sendassure.ingest import formats, privacy
from sendassure.ingest.readers.fields import MODULE_FIELDS
from sendassure.ingest.readers.sen2_xml import read_sen2_xml

from .samples import SMALL_XML


@pytest.mark.parametrize(("text", "expected"), [
    ("Smithsons", "[shape Aaaaaaaaa, 9 characters]"),
    ("ME14 1XX", "[shape AA99 9AA, 8 characters]"),
    ("Jean-Luc O'Neil", "[shape Aaaa-Aaa A'Aaaa, 15 characters]"),
    ("Zoë\tÅsa", "[shape Aaa Aaa, 7 characters]"),
    (" 7 ", "[shape 9, 1 character]"),
    ("x\u2603\x01", "[shape a??, 3 characters]"),
    ("A" * 50, "[shape " + "A" * 40 + "…, 50 characters]"),
])
def test_a_shape_keeps_classes_of_characters_and_the_length(text, expected):
    assert privacy.shape(text) == expected


def test_every_sen2_field_has_a_format_except_names_and_free_text():
    fields = {f for names in MODULE_FIELDS.values() for f in names}
    missing = fields - set(formats.FORMATS) - privacy.NEVER_STORED - formats.FREE_TEXT
    assert missing == set()


@pytest.mark.parametrize(("field", "raw", "kept"), [
    ("Sex", "F", "F"),
    ("Sex", "Smithsons", "[shape Aaaaaaaaa, 9 characters]"),
    ("Ethnicity", "WBRI", "WBRI"),
    ("Ethnicity", "Quillamina", "[shape Aaaaaaaaaa, 10 characters]"),
    ("Ethnicity", "ME14 1XX", "[shape AA99 9AA, 8 characters]"),
    ("ReceivedDate", "2024-03-01", "2024-03-01"),
    ("ReceivedDate", "Ann Smith", "[shape Aaa Aaaaa, 9 characters]"),
    ("SENtypeRank", "1", "1"),
    ("SENtypeRank", "first", "[shape aaaaa, 5 characters]"),
    ("URN", "Smith", "[shape Aaaaa, 5 characters]"),
    ("Exported", "XXX", "XXX"),
    ("SENSettingOther", "A farm school", "A farm school"),  # free text: no format to fail
    ("persontableid", "p1", "p1"),  # the module CSVs' own row ids
    ("NotASen2Field", "anything", "[shape aaaaaaaa, 8 characters]"),
    ("Surname", "Smith", "(removed)"),
    ("PostCode", "ME14 1XX", "ME14"),
    ("PostCode", "Smith", "[shape Aaaaa, 5 characters]"),
    ("PersonBirthDate", "2012-03-04", "2012-03"),
    ("PersonBirthDate", "Ann", "[shape Aaa, 3 characters]"),
    ("UPN", "B801200005001", "B*********001"),
    ("UPN", "Smithsons", "[shape Aaaaaaaaa, 9 characters]"),
])
def test_reduce_value_keeps_valid_values_and_the_shape_of_the_rest(field, raw, kept):
    assert privacy.reduce_value(field, raw) == kept


def test_reduce_text_takes_out_whole_values_that_may_not_be_shown():
    raw = [("Sex", "Al"), ("Ethnicity", "Quillamina"), ("RYA", "1"), ("Sex", "F")]
    text = "Also Al (Quillamina) request 1 F"
    assert privacy.reduce_text(text, raw) == (
        "Also [shape Aa, 2 characters] ([shape Aaaaaaaaaa, 10 characters]) request 1 F")


def test_a_field_given_twice_names_its_first_value_by_shape(tmp_path):
    text = SMALL_XML.replace("<Ethnicity>WBRI</Ethnicity>",
                             "<Ethnicity>Quillamina</Ethnicity><Ethnicity>WBRI</Ethnicity>", 1)
    assert text != SMALL_XML
    path = tmp_path / "twice.xml"
    path.write_text(text, encoding="utf-8")
    sen2 = read_sen2_xml(path)
    list(sen2.persons)
    [problem] = [p for p in sen2.problems if p.field == "Ethnicity"]
    assert "Quillamina" not in problem.message
    assert "first value ([shape Aaaaaaaaaa, 10 characters]) was kept" in problem.message
