"""r1015_duplicate_upn: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1015_duplicate_upn import duplicate_upn
from sendassure.sen2.values import upn_check_letter


def test_duplicate_upn_flags(build, check):
    issues = check(duplicate_upn, build(), build(location="/Message/Persons/Person[2]"))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1015", "query", "UPN", "B*********001"),
    ]
    assert issues[0].location == "/Message/Persons/Person[2]/UPN"
    assert "at /Message/Persons/Person[1]" in issues[0].message


def test_duplicate_upn_passes_valid(build, check):
    assert (
        check(
            duplicate_upn,
            build(),
            build(person={"UPN": "A80120000500A"}, location="/Message/Persons/Person[2]"),
        )
        == []
    )
    assert duplicate_upn in all_rules()


def test_duplicate_upn_names_a_csv_first_location(build, check):
    issues = check(
        duplicate_upn,
        build(location="person.csv line 7"),
        build(location="person.csv line 12"),
    )
    assert [i.location for i in issues] == ["person.csv line 12, column UPN"]
    assert issues[0].message.endswith("at person.csv line 7")


def test_duplicate_upn_ignores_case_and_spaces(build, check):
    issues = check(
        duplicate_upn,
        build(person={"UPN": " b801200005001 "}),
        build(location="/Message/Persons/Person[2]"),
    )
    # the second person's UPN is the first one's, trimmed and upper-cased
    assert len(issues) == 1 and issues[0].message.endswith("at /Message/Persons/Person[1]")


def test_duplicate_upn_of_an_odd_shape_or_at_an_odd_location(build, check):
    odd = {"UPN": "A801200005001"}  # well-shaped, but its check letter is B
    issues = check(
        duplicate_upn,
        build(person=odd, location="/Message/Persons/Person[01]"),
        build(location="somewhere without a number"),
        build(person={"UPN": "not-a-upn"}, location="/Message/Persons/Person[3]"),
        build(person=odd, location="/Message/Persons/Person[4]"),
        build(location="/Message/Persons/Person[5]"),
        build(person={"UPN": "not-a-upn"}, location="/Message/Persons/Person[6]"),
    )
    assert [i.location for i in issues] == [
        "/Message/Persons/Person[4]/UPN", "/Message/Persons/Person[5]/UPN",
        "/Message/Persons/Person[6]/UPN",
    ]
    assert issues[0].message.endswith("at /Message/Persons/Person[01]")
    assert issues[1].message.endswith("at somewhere without a number")
    assert issues[2].message.endswith("at /Message/Persons/Person[3]")


def test_duplicate_upn_remembers_thousands_of_first_locations(build, check):
    """3,000 distinct UPNs (the rule's table grows several times), then each of three
    again: each duplicate names the place its UPN was first seen."""

    def upn(n: int) -> str:  # a well-formed UPN with its check letter
        digits = f"{n:012d}"
        return upn_check_letter("A" + digits) + digits

    first = [build(person={"UPN": upn(n)}, location=f"/Message/Persons/Person[{n}]")
             for n in range(1, 3001)]
    again = [build(person={"UPN": upn(n)}, location=f"/Message/Persons/Person[{3000 + i}]")
             for i, n in enumerate((1, 1500, 3000), start=1)]
    issues = check(duplicate_upn, *first, *again)
    assert [i.message.rsplit(" at ", 1)[1] for i in issues] == [
        "/Message/Persons/Person[1]", "/Message/Persons/Person[1500]",
        "/Message/Persons/Person[3000]",
    ]
