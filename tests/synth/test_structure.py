import re
from datetime import date

from lxml import etree

from sendassure.synth.sen2_xml import reference_date
from tests.support.shared import DATA

from .sen2_reading import establishments, persons

XSD = DATA / "sen2" / "sen2_schema_2025.xsd"
UPN_RE = re.compile(r"^[A-Z]\d{12}$")


def _xsd_element_names() -> set[str]:
    tree = etree.parse(str(XSD))
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    return {e.get("name") for e in tree.iterfind(".//xs:element", ns)}


def test_reference_date_is_third_thursday_of_january():
    # January 2025 starts on a Wednesday: Thursdays 2, 9, 16 -> 16th.
    assert reference_date(2025) == date(2025, 1, 16)
    # January 2021 starts on a Friday: Thursdays 7, 14, 21 -> 21st.
    assert reference_date(2021) == date(2021, 1, 21)
    # January 2024 starts on a Monday: Thursdays 4, 11, 18 -> 18th.
    assert reference_date(2024) == date(2024, 1, 18)


def test_header_per_collection(kent_tenth):
    for year in range(2020, 2025):
        root = etree.parse(str(kent_tenth / f"sen2_886_{year + 1}.xml")).getroot()
        assert root.tag == "Message"
        assert root.findtext("Header/CollectionDetails/Collection") == "SEN2"
        assert root.findtext("Header/CollectionDetails/Year") == str(year + 1)
        assert (
            root.findtext("Header/CollectionDetails/ReferenceDate")
            == reference_date(year + 1).isoformat()
        )
        src = root.find("Header/Source")
        assert src.findtext("SourceLevel") == "L"
        assert src.findtext("LEA") == "886"
        for tag in ("SoftwareCode", "Release", "SerialNo", "DateTime", "DMO", "DCO", "DSCO"):
            assert src.findtext(tag), tag


def test_every_element_name_is_in_the_2025_xsd(kent_tenth_clean):
    allowed = _xsd_element_names()
    seen = set()
    for path in kent_tenth_clean.glob("*.xml"):
        for _, el in etree.iterparse(str(path)):
            seen.add(el.tag)
    assert seen <= allowed, seen - allowed
    # the modules the domain relies on are all exercised
    for tag in (
        "Requests",
        "Assessment",
        "NamedPlan",
        "PlanDetail",
        "ActivePlans",
        "PlacementDetail",
        "SENneed",
        "ReviewMeeting",
        "LastReview",
        "ReviewOutcome",
        "PhaseTransferDueDate",
        "PhaseTransferFinalDate",
        "CeaseDate",
        "CeaseReason",
        "Week20",
        "TransferLA",
        "UniqueLearnerNumber",
        "UPNunknown",
        "RYA",
        "RequestSource",
    ):
        assert tag in seen, tag


def test_nesting_follows_the_sample_files(kent_tenth_clean):
    parents = {}
    for _, el in etree.iterparse(str(kent_tenth_clean / "sen2_886_2025.xml")):
        parent = el.getparent()
        if parent is not None:
            parents.setdefault(el.tag, set()).add(parent.tag)
    assert parents["Person"] == {"Persons"}
    assert parents["Requests"] == {"Person"}
    assert parents["ActivePlans"] == {"Requests"}
    assert parents["Assessment"] == {"Requests"}
    assert parents["NamedPlan"] == {"Assessment"}
    assert parents["PlanDetail"] == {"NamedPlan"}
    assert parents["PlacementDetail"] == {"ActivePlans"}
    assert parents["SENneed"] == {"ActivePlans"}


def test_names_postcodes_and_identifiers_are_present(kent_tenth_clean):
    path = kent_tenth_clean / "sen2_886_2025.xml"
    names = postcodes = upns = ulns = 0
    for p in persons(path):
        names += bool(p.findtext("Surname")) and bool(p.findtext("Forename"))
        pc = p.findtext("PostCode")
        postcodes += bool(pc and re.fullmatch(r"[A-Z]{1,2}\d{1,2} \d[A-Z]{2}", pc))
        upn = p.findtext("UPN")
        if upn:
            assert UPN_RE.match(upn), upn
            upns += 1
        else:
            assert p.findtext("UPNunknown") in {"UN1", "UN2", "UN9"}
        uln = p.findtext("UniqueLearnerNumber")
        if uln:
            assert re.fullmatch(r"[1-9]\d{9}", uln)
            ulns += 1
    assert names > 1000 and postcodes == names
    assert upns > 0.8 * names and ulns > 0


def test_same_child_keeps_identifiers_across_returns(kent_tenth_clean):
    def people(year):
        out = {}
        for p in persons(kent_tenth_clean / f"sen2_886_{year}.xml"):
            if p.findtext("UPN"):
                out[p.findtext("UPN")] = (
                    p.findtext("Surname"),
                    p.findtext("Forename"),
                    p.findtext("PersonBirthDate"),
                )
        return out

    earlier, later = people(2023), people(2024)
    common = set(earlier) & set(later)
    assert len(common) > 0.5 * len(earlier)
    assert all(earlier[u] == later[u] for u in common)


def test_no_date_after_the_reference_date_without_errors(kent_tenth_clean):
    for year in range(2020, 2025):
        path = kent_tenth_clean / f"sen2_886_{year + 1}.xml"
        ref = reference_date(year + 1).isoformat()
        for _, el in etree.iterparse(str(path)):
            text = el.text or ""
            if len(el) == 0 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                assert text <= ref, (el.tag, text)


def test_establishments_cover_every_urn(kent_tenth_clean):
    known = establishments(kent_tenth_clean / "establishments.csv")
    first = next(iter(known.values()))
    for column in (
        "URN",
        "LA (code)",
        "EstablishmentName",
        "TypeOfEstablishment (name)",
        "EstablishmentTypeGroup (name)",
        "PhaseOfEducation (name)",
    ):
        assert column in first
    for path in kent_tenth_clean.glob("*.xml"):
        for _, el in etree.iterparse(str(path), tag="URN"):
            assert el.text in known
