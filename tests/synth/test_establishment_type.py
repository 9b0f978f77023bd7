import pytest

from sendassure.sen2.establishment_type import classify_placement


@pytest.mark.parametrize(
    "type_name",
    [
        "Community school",
        "Academy converter",
        "Free schools",
        "Voluntary aided school",
        "Other independent school",
        "Local authority nursery school",
        "  academy SPONSOR led ",
    ],
)
def test_mainstream_schools(type_name):
    assert classify_placement(type_name, None, None, "0", "0") == "mainstream"


def test_sen_unit_or_resourced_provision_stays_mainstream():
    assert (
        classify_placement("Community school", "Local authority maintained schools", None, "1", "0")
        == "mainstream"
    )
    assert classify_placement("Academy converter", "Academies", None, "0", "1") == "mainstream"


@pytest.mark.parametrize(
    "type_name",
    [
        "Community special school",
        "Foundation special school",
        "Academy special converter",
        "Academy special sponsor led",
        "Free schools special",
        "Non-maintained special school",
        "Other independent special school",
    ],
)
def test_special_schools(type_name):
    assert classify_placement(type_name, None, None, None, None) == "special"


def test_special_school_with_unit_flag_stays_special():
    assert classify_placement("Community special school", None, None, "1", "1") == "special"


@pytest.mark.parametrize(
    "type_name",
    [
        "Pupil referral unit",
        "Academy alternative provision converter",
        "Free schools alternative provision",
        "Further education",
        "Sixth form centres",
        "Special post 16 institution",
        "Academy 16-19 converter",
        "Online provider",
        "Welsh establishment",
        "Secure units",
    ],
)
def test_other_settings(type_name):
    assert classify_placement(type_name, None, None, None, None) == "other"


@pytest.mark.parametrize("setting", ["EHE", "OLA", "OPA", "EYP", "OTH", "NEET", "NIEC", "NIEO"])
def test_setting_codes_without_urn_are_other(setting):
    assert classify_placement(None, None, setting, None, None) == "other"


def test_group_decides_when_type_missing():
    assert classify_placement(None, "Special schools", None, None, None) == "special"
    assert classify_placement(None, "Academies", None, None, None) == "mainstream"
    assert classify_placement(None, "Colleges", None, None, None) == "other"
    assert classify_placement(None, None, None, None, None) == "other"
