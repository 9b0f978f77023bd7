import json
from collections import Counter

from lxml import etree

from sendassure.synth.deliberate_errors import KINDS


def test_manifest_lists_files_seed_and_errors(kent_tenth):
    manifest = json.loads((kent_tenth / "manifest.json").read_text())
    assert manifest["seed"] == 2024
    assert [f["path"] for f in manifest["files"]] == [
        f"sen2_886_{y}.xml" for y in range(2021, 2026)
    ]
    per_file = Counter((e["file"], e["kind"]) for e in manifest["deliberate_errors"])
    for f in manifest["files"]:
        assert f["persons"] > 1000
        for kind in KINDS:
            assert per_file[(f["path"], kind)] >= 1, (f["path"], kind)
        # ~0.1 % of persons, at least one of each kind
        assert f["deliberate_errors"] == max(len(KINDS), round(f["persons"] / 1000))


def test_each_error_is_in_the_xml(kent_tenth):
    manifest = json.loads((kent_tenth / "manifest.json").read_text())
    trees = {}
    for e in manifest["deliberate_errors"]:
        tree = trees.setdefault(e["file"], etree.parse(str(kent_tenth / e["file"])))
        found = tree.xpath(e["location"])
        assert len(found) == 1, e
        assert found[0].text == e["value"], e
        person = tree.xpath(f"/Message/Persons/Person[{e['person_index']}]")[0]
        assert person.findtext("UPN") == e["upn"]
        ref = tree.findtext("Header/CollectionDetails/ReferenceDate")
        if e["kind"] == "malformed_upn":
            assert not (
                e["value"][0].isalpha() and e["value"][1:].isdigit() and len(e["value"]) == 13
            )
        elif e["kind"] == "outcome_before_received":
            received = found[0].getparent().getparent().findtext("ReceivedDate")
            assert e["value"] < received
        elif e["kind"] == "cease_reason_without_date":
            assert found[0].getparent().find("CeaseDate") is None
        elif e["kind"] == "two_rank1_placements":
            ranks = [
                p.findtext("PlacementRank")
                for p in found[0].getparent().getparent().findall("PlacementDetail")
            ]
            assert ranks.count("1") == 2
        elif e["kind"] == "date_after_reference":
            assert e["value"] > ref
        elif e["kind"] == "unknown_sen_setting":
            assert e["value"] == "ZZZ"


def test_no_errors_when_switched_off(kent_tenth_clean):
    manifest = json.loads((kent_tenth_clean / "manifest.json").read_text())
    assert manifest["deliberate_errors"] == []
    assert all(f["deliberate_errors"] == 0 for f in manifest["files"])
