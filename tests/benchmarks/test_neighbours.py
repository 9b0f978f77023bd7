from sendassure.benchmarks.neighbours import LA_NAMES, comparison_group, neighbours_of


def test_kent_list_is_shipped():
    kent = neighbours_of("886")
    assert len(kent) == 10 and "886" not in kent
    assert all(code in LA_NAMES for code in kent)
    assert comparison_group("886")[0] == "886"
    assert neighbours_of("886", limit=3) == kent[:3]


def test_configurable_mapping():
    assert neighbours_of("887", {"887": ["886", "845"]}) == ("886", "845")
    assert neighbours_of("999") == ()
