import random

from sendassure.synth.identity import make_postcode, make_uln, make_upn, upn_check_letter


def test_upn_check_letter_by_hand():
    # body 886123423001, weights 2..13:
    # 8*2 + 8*3 + 6*4 + 1*5 + 2*6 + 3*7 + 4*8 + 2*9 + 3*10 + 0*11 + 0*12 + 1*13
    # = 16 + 24 + 24 + 5 + 12 + 21 + 32 + 18 + 30 + 0 + 0 + 13 = 195; 195 mod 23 = 11
    # letters without I, O, S: A B C D E F G H J K L M -> index 11 is M
    assert upn_check_letter("886123423001") == "M"


def test_upns_are_unique_and_well_formed():
    upns = {make_upn("886", i, 2015) for i in range(3000)}
    assert len(upns) == 3000
    for u in upns:
        assert len(u) == 13 and u[0].isalpha() and u[1:].isdigit() and u[1:4] == "886"
        assert upn_check_letter(u[1:]) == u[0]


def test_ulns_are_ten_digits_and_unique():
    ulns = {make_uln(o, i) for o in (0, 152) for i in range(500)}
    assert len(ulns) == 1000
    assert all(len(u) == 10 and u.isdigit() and u[0] != "0" for u in ulns)


def test_postcodes_look_like_kent():
    pc = make_postcode(random.Random(1))
    district, inward = pc.split(" ")
    assert district[:2] in {"ME", "CT", "TN", "DA", "BR"}
    assert len(inward) == 3 and inward[0].isdigit()
