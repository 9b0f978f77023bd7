import json

from lxml import etree

from sendassure.synth import generate_england
from sendassure.synth.la_table import la_codes, local_authorities


def test_la_table_has_the_153_english_las():
    codes = la_codes()
    assert len(codes) == 153 and len(set(codes)) == 153
    assert "886" in codes and "201" in codes
    assert all(len(c) == 3 and c.isdigit() for c in codes)
    # DfE: 638,745 active plans in England in January 2025
    assert sum(la.ehcplans[2024] for la in local_authorities()) == 638745


def test_two_las_stream_to_separate_files(tmp_path):
    seen = []
    paths = generate_england(
        [2023, 2024],
        3,
        tmp_path,
        la_codes=["201", "202"],
        fraction=0.5,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert [p.name for p in paths] == [
        "sen2_201_2024.xml",
        "sen2_201_2025.xml",
        "sen2_202_2024.xml",
        "sen2_202_2025.xml",
    ]
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    for p in paths:
        root = etree.parse(str(p)).getroot()
        assert root.findtext("Header/Source/LEA") == p.name.split("_")[1]
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["la_codes"] == ["201", "202"]
    assert len(manifest["files"]) == 4
    # Camden (202) had 1,607 active plans in January 2025: half is ~800.
    camden = [f for f in manifest["files"] if f["path"] == "sen2_202_2025.xml"][0]
    assert 700 < camden["active_plans"] < 900
    # URNs of the two LAs never collide: each LA has its own URN block.
    rows = (tmp_path / "establishments.csv").read_text().splitlines()[1:]
    by_urn = {}
    for row in rows:
        urn, la = row.split(",")[:2]
        assert by_urn.setdefault(urn, la) == la
    assert {row.split(",")[1] for row in rows} == {"201", "202"}
