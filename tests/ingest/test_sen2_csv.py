"""The module-CSV reader: same records as the XML, ids linking modules, rejections."""

from __future__ import annotations

import pytest

from sendassure.ingest.readers import open_return
from sendassure.ingest.readers.sen2_csv import read_sen2_csv
from sendassure.ingest.readers.sen2_xml import read_sen2_xml
from sendassure.ingest.records import ReturnRejected

from .samples import SMALL_CSV, SMALL_XML, shape, write_csvs


def test_csv_export_reads_the_same_records_as_the_xml(tmp_path):
    xml_path = tmp_path / "return.xml"
    xml_path.write_text(SMALL_XML, encoding="utf-8")
    (tmp_path / "csv").mkdir()
    paths = write_csvs(tmp_path / "csv")
    from_xml = [shape(p) for p in read_sen2_xml(xml_path).persons]
    ret = read_sen2_csv(paths)
    assert ret.file_format == "csv"
    assert [shape(p) for p in ret.persons] == from_xml
    assert ret.header.get("ReferenceDate") == "2025-01-16" and ret.header.get("LEA") == "886"
    assert ret.problems == []


def test_locations_name_file_line_and_column(tmp_path):
    ret = read_sen2_csv(write_csvs(tmp_path))
    ann, bob = ret.persons
    assert ann.location == "person.csv line 2"
    # Bob's second request is the third data row of requests.csv: line 4.
    assert bob.requests[1].location == "requests.csv line 4"
    assert bob.requests[1].field_location("RequestOutcome") == (
        "requests.csv line 4, column RequestOutcome"
    )


def test_a_directory_and_open_return_sniffing(tmp_path):
    write_csvs(tmp_path)
    via_dir = open_return([tmp_path])
    assert via_dir.file_format == "csv" and len(list(via_dir.persons)) == 2
    xml = tmp_path.parent / "one.xml"
    xml.write_text(SMALL_XML, encoding="utf-8")
    assert open_return([xml]).file_format == "xml"


def test_header_csv_wins_over_person_columns_and_variants_are_noted(tmp_path):
    files = dict(SMALL_CSV)
    files["header.csv"] = "Collection,Year,ReferenceDate,LEA\nSEN2,2024,2024-01-18,201\n"
    files["plan_detail.csv"] = files.pop("plan-detail.csv").replace("SENSetting", "SENsetting")
    ret = read_sen2_csv(write_csvs(tmp_path, files))
    assert ret.header.get("LEA") == "201"
    ann = next(ret.persons)
    assert ann.requests[0].assessment.named_plan.plan_details[1].get("SENSetting") == "OLA"
    assert ret.variants == {"SENsetting"}


def test_dangling_parent_ids_are_problems_not_rejections(tmp_path):
    files = dict(SMALL_CSV)
    files["requests.csv"] += "r9,p9,2024-05-01,,0,,A,,\n"  # line 5: no person p9
    ret = read_sen2_csv(write_csvs(tmp_path, files))
    assert [len(p.requests) for p in ret.persons] == [1, 2]
    [problem] = ret.problems
    assert (problem.location, problem.field, problem.value) == (
        "requests.csv line 5",
        "persontableid",
        "p9",
    )
    assert "matches no row of person.csv" in problem.message


def test_duplicate_ids_and_second_assessment_are_problems(tmp_path):
    files = dict(SMALL_CSV)
    files["assessment.csv"] += "a2,r1,N,2024-07-01,0\n"  # a second Assessment for r1
    files["sen-need.csv"] += "s1,ap1,HI,2\n"  # s1 used twice
    ret = read_sen2_csv(write_csvs(tmp_path, files))
    ann = next(ret.persons)
    assert ann.requests[0].assessment.get("AssessmentOutcome") == "Y"
    assert len(ann.requests[0].active_plan.sen_needs) == 2
    assert sorted(p.location for p in ret.problems) == [
        "assessment.csv line 3",
        "sen-need.csv line 4",
    ]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"drop": "person.csv"}, "no person file"),
        ({"requests.csv": "requesttableid,ReceivedDate\nr1,2024-01-01\n"}, "no persontableid"),
        (
            {"person.csv": "persontableid,Collection,ReferenceDate,LEA\np1,SEN2,2025-01-16,\n"},
            "no valid LEA",
        ),
        (
            {"person.csv": "persontableid,Collection,ReferenceDate,LEA\np1,CIN,2025-01-16,886\n"},
            "Collection is 'CIN'",
        ),
        ({"person-2.csv": "persontableid\n"}, "two files for one module"),
    ],
)
def test_exports_that_cannot_be_read_are_rejected(tmp_path, change, reason):
    files = dict(SMALL_CSV)
    for name, text in change.items():
        if name == "drop":
            files.pop(text)
        else:
            files[name] = text
    with pytest.raises(ReturnRejected, match=reason):
        read_sen2_csv(write_csvs(tmp_path, files))


def test_undecodable_bytes_are_rejected(tmp_path):
    paths = write_csvs(tmp_path)
    (tmp_path / "person.csv").write_bytes(
        SMALL_CSV["person.csv"].replace("Ann", "Ann\xe9").encode("latin-1")
    )
    with pytest.raises(ReturnRejected, match="person.csv is not UTF-8"):
        read_sen2_csv(paths)


def test_bom_and_unknown_columns_are_tolerated(tmp_path):
    files = dict(SMALL_CSV)
    files["sen-need.csv"] = "\ufeff" + files["sen-need.csv"].replace(
        "SENtypeRank", "SENtypeRank,Colour"
    )
    files["sen-need.csv"] = files["sen-need.csv"].replace(",1\n", ",1,red\n")
    ret = read_sen2_csv(write_csvs(tmp_path, files))
    needs = next(ret.persons).requests[0].active_plan.sen_needs
    assert [n.get("SENtype") for n in needs] == ["ASD", "SLCN"]
    assert ret.unknown_elements == {"Colour"}
