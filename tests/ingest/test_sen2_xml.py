"""The streaming SEN2 XML reader: shared samples, tolerance, and safe rejection."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import etree

from sendassure.ingest.readers import open_return
from sendassure.ingest.readers.sen2_xml import read_sen2_xml
from sendassure.ingest.records import ReturnRejected
from sendassure.ingest.rules import Checker

from .samples import SHARED, SMALL_XML, shape


def write(tmp_path: Path, text: str | bytes, name: str = "return.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


# Persons and requests counted by eye in the shared files: 2023 has three persons
# with 1, 2 and 1 requests; 2024 and 2025 have two persons with 1 and 2.
@pytest.mark.parametrize(
    ("year", "requests_per_person"),
    [(2023, [1, 2, 1]), (2024, [1, 2]), (2025, [1, 2])],
)
def test_shared_samples_read_with_the_right_counts(year, requests_per_person):
    ret = read_sen2_xml(SHARED / f"sen2_sample_{year}.xml")
    persons = list(ret.persons)
    assert [len(p.requests) for p in persons] == requests_per_person
    assert ret.header.get("LEA") == "201"
    assert ret.file_format == "xml" and ret.file_name == f"sen2_sample_{year}.xml"


def test_sample_2024_structure_and_locations():
    ret = read_sen2_xml(SHARED / "sen2_sample_2024.xml")
    first, second = list(ret.persons)
    request = first.requests[0]
    assert request.location == "/Message/Persons/Person[1]/Requests[1]"
    plan = request.assessment.named_plan
    assert [d.get("URN") for d in plan.plan_details] == ["999999", "999998"]
    assert plan.plan_details[1].location.endswith("/Assessment/NamedPlan/PlanDetail[2]")
    assert plan.get("PlanWBP") == "T"
    active = request.active_plan
    assert [p.get("SENSetting") for p in active.placements] == ["OLA", "OPA"]
    assert [n.get("SENtype") for n in active.sen_needs] == ["SEMH", "SPLD"]
    assert second.requests[1].location == "/Message/Persons/Person[2]/Requests[2]"
    assert second.requests[1].get("RequestOutcomeDate") is None


def test_sample_2023_keeps_gendercurrent_and_activeplan_res():
    ret = read_sen2_xml(SHARED / "sen2_sample_2023.xml")
    first = next(ret.persons)
    assert first.get("GenderCurrent") == "1" and first.get("Sex") is None
    assert first.requests[0].active_plan.get("Res") == "B"  # 2023: Res on ActivePlans


def test_malformed_sample_upns_are_reported_by_the_upn_rules():
    found = {}
    for year in (2023, 2024, 2025):
        ret = read_sen2_xml(SHARED / f"sen2_sample_{year}.xml")
        checker = Checker(ret.header)
        for person in ret.persons:
            for issue in checker.check(person):
                if issue.field == "UPN":
                    found[(year, issue.value)] = issue.code
    # A UPN of the right format is shown by its ends; one of the wrong format by its shape.
    assert found == {
        # 13 characters but the check letter for digits 123456789876 is F: weighted
        # sum 580, 580 mod 23 = 5 -> F. (X123456789832 happens to be valid: 480 -> X.)
        (2023, "X*********876"): "SEN2-1011",
        (2023, "[shape A99999999999999999, 18 characters]"): "SEN2-1010",
        (2024, "[shape A9999999999999, 14 characters]"): "SEN2-1010",  # X1234567898765
        (2025, "[shape A9999999999999, 14 characters]"): "SEN2-1010",  # and X1234567898321
    }


def _shuffle(elem: etree._Element, rng: random.Random) -> None:
    """Reorder children, keeping the order among same-named siblings (Requests[1]
    stays before Requests[2])."""
    children = list(elem)
    by_tag: dict[str, list] = {}
    for child in children:
        by_tag.setdefault(child.tag, []).append(child)
    slots = [tag for tag in by_tag for _ in by_tag[tag]]
    rng.shuffle(slots)
    for child in children:
        elem.remove(child)
    for tag in slots:
        elem.append(by_tag[tag].pop(0))
    for child in elem:
        _shuffle(child, rng)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_element_order_does_not_matter(tmp_path, seed):
    original = read_sen2_xml(write(tmp_path, SMALL_XML, "a.xml"))
    tree = etree.fromstring(SMALL_XML.encode())
    _shuffle(tree, random.Random(seed))
    shuffled = read_sen2_xml(write(tmp_path, etree.tostring(tree), "b.xml"))
    assert shuffled.header == original.header
    assert list(shuffled.persons) == list(original.persons)  # locations included


def test_variant_spellings_are_stored_canonically_and_reported(tmp_path):
    text = (
        SMALL_XML.replace("<SENSetting>OLA</SENSetting>", "<SENsetting>OLA</SENsetting>")
        .replace("<PB>0</PB>", "<PlanWPB>A</PlanWPB><PB>0</PB>")
        .replace("<SENneed>", "<SenNeed>")
        .replace("</SENneed>", "</SenNeed>")
    )
    ret = read_sen2_xml(write(tmp_path, text))
    ann = next(ret.persons)
    plan = ann.requests[0].assessment.named_plan
    assert plan.plan_details[1].get("SENSetting") == "OLA"
    assert plan.get("PlanWBP") == "A"
    needs = ann.requests[0].active_plan.sen_needs
    assert [n.location.rsplit("/", 1)[1] for n in needs] == ["SENneed[1]", "SENneed[2]"]
    assert ret.variants == {"SENsetting", "PlanWPB", "SenNeed"}


def test_namespaces_are_ignored(tmp_path):
    text = SMALL_XML.replace("<Message>", '<Message xmlns="http://example.org/sen2">')
    plain = read_sen2_xml(write(tmp_path, SMALL_XML, "a.xml"))
    spaced = read_sen2_xml(write(tmp_path, text, "b.xml"))
    assert list(spaced.persons) == list(plain.persons)


def test_blank_text_is_none_and_unknown_elements_are_collected(tmp_path):
    text = SMALL_XML.replace("<UPN>B801200005001</UPN>", "<UPN>   </UPN><Shoe>9</Shoe>")
    ret = read_sen2_xml(write(tmp_path, text))
    ann = next(ret.persons)
    assert ann.get("UPN") is None and "UPN" in ann.fields
    assert ret.unknown_elements == {"Shoe"}


def test_a_field_given_twice_keeps_the_first_and_is_reported(tmp_path):
    text = SMALL_XML.replace("<Sex>F</Sex>", "<Sex>F</Sex><Sex>M</Sex>")
    ret = read_sen2_xml(write(tmp_path, text))
    assert next(ret.persons).get("Sex") == "F"
    [problem] = ret.problems
    assert (problem.location, problem.value) == ("/Message/Persons/Person[1]/Sex", "M")


XXE = """<?xml version="1.0"?>
<!DOCTYPE Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Message><Header><CollectionDetails><Collection>SEN2</Collection>
<ReferenceDate>2025-01-16</ReferenceDate></CollectionDetails><Source><LEA>886</LEA></Source>
</Header><Persons><Person><Surname>&xxe;</Surname></Person></Persons></Message>
"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Message a="&lol9;"><Header><CollectionDetails><Collection>&lol9;</Collection>
</CollectionDetails></Header></Message>
"""


@pytest.mark.parametrize(
    "text", [XXE, LAUGHS, XXE.encode("utf-16")], ids=["xxe", "laughs", "utf16"]
)
def test_entity_declarations_are_refused_without_expansion(tmp_path, text):
    path = write(tmp_path, text)
    with pytest.raises(ReturnRejected, match="DOCTYPE") as caught:
        open_return([path])
    message = str(caught.value)
    assert "return.xml" in message
    assert "root:" not in message and "lollol" not in message


def test_truncated_file_is_rejected_mid_stream(tmp_path):
    cut = SMALL_XML[: SMALL_XML.index("<Surname>Bob")]  # second person never finishes
    ret = read_sen2_xml(write(tmp_path, cut))
    persons = ret.persons
    assert next(persons).get("Surname") == "Ann"  # the first person was complete
    with pytest.raises(ReturnRejected, match="not well-formed XML"):
        next(persons)


def test_file_truncated_in_the_header_is_rejected_at_once(tmp_path):
    cut = SMALL_XML[: SMALL_XML.index("<LEA>")]
    with pytest.raises(ReturnRejected, match="return.xml is not well-formed XML"):
        read_sen2_xml(write(tmp_path, cut))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (("<Message>", "<CINMessage>"), "top element is <CINMessage>"),
        (("<Collection>SEN2</Collection>", "<Collection>CIN</Collection>"), "Collection is 'CIN'"),
        (("<ReferenceDate>2025-01-16</ReferenceDate>", ""), "no valid ReferenceDate"),
        (("<ReferenceDate>2025-01-16", "<ReferenceDate>16/01/2025"), "found '16/01/2025'"),
        (("<LEA>886</LEA>", "<LEA>Kent</LEA>"), "no valid LEA"),
        (("<LEA>886</LEA>", ""), "no valid LEA"),
    ],
)
def test_returns_that_are_not_sen2_are_rejected(tmp_path, change, reason):
    old, new = change
    text = SMALL_XML.replace(old, new)
    if old == "<Message>":
        text = text.replace("</Message>", "</CINMessage>")
    with pytest.raises(ReturnRejected, match=reason):
        read_sen2_xml(write(tmp_path, text))


def test_unreadable_and_empty_files_are_rejected(tmp_path):
    with pytest.raises(ReturnRejected, match="could not be opened"):
        read_sen2_xml(tmp_path / "missing.xml")
    with pytest.raises(ReturnRejected, match="not well-formed"):
        read_sen2_xml(write(tmp_path, b""))


def test_header_after_persons_is_still_read(tmp_path):
    tree = etree.fromstring(SMALL_XML.encode())
    header = tree.find("Header")
    tree.remove(header)
    tree.append(header)
    ret = read_sen2_xml(write(tmp_path, etree.tostring(tree)))
    assert ret.header.get("LEA") == "886"
    assert [shape(p) for p in ret.persons] == [
        shape(p) for p in read_sen2_xml(write(tmp_path, SMALL_XML, "b.xml")).persons
    ]


def test_many_persons_stream_in_file_order(tmp_path):
    person = SMALL_XML[SMALL_XML.index("<Person>") : SMALL_XML.index("</Persons>")]
    head, tail = SMALL_XML.split(person)
    big = head + person * 300 + tail  # 300 copies of two persons = 600
    ret = read_sen2_xml(write(tmp_path, big))
    count = 0
    for count, person_record in enumerate(ret.persons, start=1):  # noqa: B007
        pass
    assert count == 600
    assert person_record.location == "/Message/Persons/Person[600]"
