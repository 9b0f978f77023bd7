"""Generated data against the published shape it is calibrated to (a tenth of Kent)."""

from collections import Counter
from datetime import date

from sendassure.sen2.establishment_type import classify_placement

from .sen2_reading import active_plans, d, establishments, persons, requests_by_month, timeliness


def test_requests_per_year_follow_kent(kent_tenth_clean):
    # Kent received 4,047 requests in 2021 and 4,001 in 2024; a tenth is ~405 and ~400.
    for year, kent in ((2021, 4047), (2024, 4001)):
        months = requests_by_month(kent_tenth_clean / f"sen2_886_{year + 1}.xml", year)
        assert abs(sum(months.values()) - kent / 10) <= 3


def test_august_low_september_high(kent_tenth_clean):
    for year in (2021, 2024):
        months = requests_by_month(kent_tenth_clean / f"sen2_886_{year + 1}.xml", year)
        total = sum(months.values())
        assert months[8] < months[9]
        # August about 2.8 % of the year (Kent: ~100 of ~3,500-4,000)
        assert 0.015 < months[8] / total < 0.045


def test_timeliness_near_kents_published_rate(kent_tenth_clean):
    # Kent: 41.3 % within 20 weeks in 2021, 18.0 % in 2023, 32.3 % in 2024.
    for year, target in ((2021, 41.3), (2023, 18.0), (2024, 32.3)):
        den, within = timeliness(kent_tenth_clean / f"sen2_886_{year + 1}.xml", year)
        assert den > 120
        assert abs(within / den * 100 - target) < 5, (year, within, den)


def test_active_plans_follow_kent(kent_tenth_clean):
    # Kent: 15,281 active plans in January 2021 and 20,635 in January 2025.
    for year, kent in ((2020, 15281), (2024, 20635)):
        n = len(active_plans(kent_tenth_clean / f"sen2_886_{year + 1}.xml"))
        assert abs(n - kent / 10) < 0.04 * kent / 10, (year, n)


def test_autism_is_about_a_third_of_primary_needs(kent_tenth_clean):
    plans = active_plans(kent_tenth_clean / "sen2_886_2025.xml")
    primary = Counter(
        n.findtext("SENtype")
        for ap in plans
        for n in ap.findall("SENneed")
        if n.findtext("SENtypeRank") == "1"
    )
    assert sum(primary.values()) == len(plans)
    assert 0.28 < primary["ASD"] / len(plans) < 0.38


def test_mainstream_rank1_about_a_third(kent_tenth_clean):
    known = establishments(kent_tenth_clean / "establishments.csv")
    counts = Counter()
    for ap in active_plans(kent_tenth_clean / "sen2_886_2025.xml"):
        rank1 = [p for p in ap.findall("PlacementDetail") if p.findtext("PlacementRank") == "1"]
        assert len(rank1) == 1
        p = rank1[0]
        est = known.get(p.findtext("URN") or "", {})
        counts[
            classify_placement(
                est.get("TypeOfEstablishment (name)"),
                est.get("EstablishmentTypeGroup (name)"),
                p.findtext("SENSetting"),
                p.findtext("SENunitIndicator"),
                p.findtext("ResourcedProvisionIndicator"),
            )
        ] += 1
    total = sum(counts.values())
    # Kent January 2025: 36.1 % mainstream, 39.0 % special.
    assert 0.30 < counts["mainstream"] / total < 0.42
    assert 0.30 < counts["special"] / total < 0.48


def test_request_and_assessment_outcomes(kent_tenth_clean):
    outcomes, assessments, flags, requests = Counter(), Counter(), 0, 0
    for p in persons(kent_tenth_clean / "sen2_886_2024.xml"):
        for r in p.findall("Requests"):
            received = d(r.findtext("ReceivedDate"))
            if r.findtext("RequestOutcome") == "H" or received.year != 2023:
                continue
            requests += 1
            outcomes[r.findtext("RequestOutcome")] += 1
            flags += "1" in (
                r.findtext("RequestMediation"),
                r.findtext("RequestTribunal"),
                r.findtext("Assessment/AssessmentMediation"),
                r.findtext("Assessment/AssessmentTribunal"),
            )
            if r.findtext("RequestOutcome") == "Y":
                assessments[r.findtext("Assessment/AssessmentOutcome")] += 1
    decided = outcomes["Y"] + outcomes["N"]
    assert 0.58 < outcomes["Y"] / decided < 0.72
    assert outcomes["A"] > 0 and outcomes["W"] + outcomes["A"] < 0.1 * requests
    settled = assessments["Y"] + assessments["N"] + assessments["W"]
    assert 0.8 < assessments["Y"] / settled < 0.95
    assert assessments["A"] > 0  # still being assessed at the census
    assert 0.01 < flags / requests < 0.08


def test_reviews_ceases_transfers_and_exceptions(kent_tenth_clean):
    path = kent_tenth_clean / "sen2_886_2025.xml"
    reviews = within = phase = ceased = week20 = transfers_in = 0
    for p in persons(path):
        for r in p.findall("Requests"):
            ap = r.find("ActivePlans")
            if r.findtext("Assessment/NamedPlan/CeaseDate"):
                assert r.findtext("Assessment/NamedPlan/CeaseReason")
                ceased += 1
            week20 += r.findtext("Assessment/Week20") == "1"
            if ap is None:
                continue
            transfers_in += ap.find("TransferLA") is not None
            meeting, decision = d(ap.findtext("ReviewMeeting")), d(ap.findtext("LastReview"))
            if meeting and decision and meeting.year == 2024:
                reviews += 1
                within += (decision - meeting).days <= 28
            phase += ap.find("PhaseTransferDueDate") is not None
    assert 0.37 < within / reviews < 0.51  # ~44 % of decisions within 4 weeks
    assert ceased > 50 and phase > 50 and week20 > 0 and transfers_in > 0


def test_ethnicity_sex_and_request_source(kent_tenth_clean):
    sexes, sources, ethnicity = Counter(), Counter(), Counter()
    for p in persons(kent_tenth_clean / "sen2_886_2025.xml"):
        sexes[p.findtext("Sex")] += 1
        ethnicity[p.findtext("Ethnicity")] += 1
        for r in p.findall("Requests"):
            if r.findtext("RequestSource"):
                sources[r.findtext("RequestSource")] += 1
    assert set(sexes) == {"M", "F"} and sexes["M"] > sexes["F"]
    assert set(sources) == {"1", "2", "3", "4", "5"}
    assert ethnicity.most_common(1)[0][0] == "WBRI" and len(ethnicity) > 10
    assert date(2025, 1, 16)  # reference date of this return (documented rule)
