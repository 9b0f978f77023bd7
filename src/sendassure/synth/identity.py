"""Synthetic identities: names, postcodes, UPNs and ULNs.

Everything here is invented. Names come from small built-in lists; postcodes use
real Kent postcode districts (ME, CT, TN, DA) with made-up sectors and units, so
the privacy tests have realistic full postcodes to look for.

UPN (13 characters): check letter, 3-digit LA code, 4-digit establishment
number, 2-digit year of allocation, 3-digit serial. The check letter follows
DfE's published rule: weight characters 2..13 by their position (2..13), sum,
take the remainder mod 23 and index the 23-letter alphabet without I, O and S.

ULN (10 digits): the check digit used here (weights 10..2 over the first nine
digits, ``10 - sum mod 11``) is the commonly described rule but has not been
verified against an official specification; treat ULNs as plausibly formed.
"""

from __future__ import annotations

import random

UPN_CHECK_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"

FORENAMES_M = (
    "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar",
    "William", "James", "Leo", "Alfie", "Henry", "Joshua", "Freddie", "Archie", "Ethan",
    "Isaac", "Alexander", "Joseph", "Edward", "Samuel", "Max", "Logan", "Lucas", "Daniel",
    "Theo", "Arthur", "Mohammed", "Harrison", "Benjamin", "Mason", "Finley", "Sebastian",
)  # fmt: skip
FORENAMES_F = (
    "Olivia", "Amelia", "Isla", "Ava", "Emily", "Isabella", "Mia", "Poppy", "Ella", "Lily",
    "Evie", "Sophia", "Grace", "Freya", "Ruby", "Chloe", "Daisy", "Sophie", "Phoebe",
    "Florence", "Alice", "Jessica", "Sienna", "Matilda", "Evelyn", "Harper", "Millie",
    "Ivy", "Erin", "Holly", "Zara", "Amira", "Maya", "Esme", "Rosie",
)  # fmt: skip
SURNAMES = (
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
    "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
    "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King",
    "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis",
    "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook",
    "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller",
    "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams",
    "Singh", "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers",
)  # fmt: skip
POSTCODE_DISTRICTS = (
    "ME1", "ME2", "ME3", "ME4", "ME5", "ME7", "ME8", "ME10", "ME12", "ME13", "ME14",
    "ME15", "ME16", "ME17", "ME19", "ME20", "CT1", "CT2", "CT3", "CT5", "CT6", "CT9",
    "CT10", "CT11", "CT12", "CT14", "CT16", "CT17", "CT19", "CT20", "CT21", "TN1", "TN2",
    "TN4", "TN8", "TN9", "TN10", "TN11", "TN12", "TN13", "TN15", "TN16", "TN23", "TN24",
    "TN25", "TN26", "TN27", "TN28", "TN29", "TN30", "DA1", "DA2", "DA3", "DA4", "DA9",
    "DA10", "DA11", "DA12", "DA13", "BR8",
)  # fmt: skip
# Inward-code unit letters never use C, I, K, M, O or V.
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def upn_check_letter(body: str) -> str:
    """Check letter for the 12 characters that follow it in a UPN.

    >>> upn_check_letter("886123423001")
    'M'
    """
    if len(body) != 12:
        raise ValueError("a UPN body has 12 characters")
    total = 0
    for position, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_CHECK_ALPHABET.index(char)
        total += value * position
    return UPN_CHECK_ALPHABET[total % 23]


def make_upn(la_code: str, person_index: int, year_allocated: int) -> str:
    """A well-formed permanent UPN, unique for (LA, person_index < 9,000,000)."""
    establishment = 1000 + person_index // 1000
    serial = person_index % 1000
    body = f"{int(la_code):03d}{establishment:04d}{year_allocated % 100:02d}{serial:03d}"
    return upn_check_letter(body) + body


def uln_check_digit(first_nine: str) -> int | None:
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 10 - total % 11
    return None if check == 10 else check


def make_uln(la_ordinal: int, person_index: int) -> str:
    """A 10-digit ULN unique for (LA ordinal < 160, person_index < 500,000)."""
    base = 100_000_000 + la_ordinal * 500_000 + person_index
    for bump in range(0, 11):
        first_nine = f"{(base + bump * 80_000_000) % 1_000_000_000:09d}"
        if first_nine[0] == "0":
            continue
        check = uln_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)
    raise AssertionError("unreachable")  # pragma: no cover


def make_name(rng: random.Random, sex: str) -> tuple[str, str]:
    """(forename, surname)."""
    forenames = FORENAMES_M if sex == "M" else FORENAMES_F
    return rng.choice(forenames), rng.choice(SURNAMES)


def make_postcode(rng: random.Random) -> str:
    """A full postcode such as ``ME14 1AA``."""
    district = rng.choice(POSTCODE_DISTRICTS)
    return f"{district} {rng.randrange(10)}{rng.choice(UNIT_LETTERS)}{rng.choice(UNIT_LETTERS)}"
