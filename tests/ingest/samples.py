"""A small valid SEN2 return, as XML and as the equivalent module CSV files."""

from __future__ import annotations

from pathlib import Path

from tests.support.shared import DATA

SHARED = DATA / "sen2"

# Two persons: Ann with a request that led to a plan (two settings named, one
# placement, two needs) and Bob with a refused request and a pending one.
SMALL_XML = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>SEN2</Collection><Year>2025</Year><ReferenceDate>2025-01-16</ReferenceDate>
    </CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>886</LEA><DMO>Y</DMO><DCO>Y</DCO></Source>
  </Header>
  <Persons>
    <Person>
      <Surname>Ann</Surname><Forename>Example</Forename>
      <PersonBirthDate>2012-03-04</PersonBirthDate><Sex>F</Sex><Ethnicity>WBRI</Ethnicity>
      <PostCode>ME14 1XX</PostCode><UPN>B801200005001</UPN>
      <Requests>
        <ReceivedDate>2024-03-01</ReceivedDate><RequestSource>1</RequestSource><RYA>0</RYA>
        <RequestOutcomeDate>2024-04-10</RequestOutcomeDate><RequestOutcome>Y</RequestOutcome>
        <RequestMediation>0</RequestMediation><RequestTribunal>0</RequestTribunal>
        <Assessment>
          <AssessmentOutcome>Y</AssessmentOutcome>
          <AssessmentOutcomeDate>2024-07-15</AssessmentOutcomeDate><Week20>0</Week20>
          <NamedPlan>
            <StartDate>2024-07-15</StartDate>
            <PlanDetail><URN>118000</URN><PlacementRank>1</PlacementRank></PlanDetail>
            <PlanDetail><SENSetting>OLA</SENSetting><PlacementRank>2</PlacementRank></PlanDetail>
            <PB>0</PB><OA>0</OA>
          </NamedPlan>
        </Assessment>
        <ActivePlans>
          <PlacementDetail>
            <URN>118000</URN><PlacementRank>1</PlacementRank><EntryDate>2024-09-01</EntryDate>
          </PlacementDetail>
          <SENneed><SENtype>ASD</SENtype><SENtypeRank>1</SENtypeRank></SENneed>
          <SENneed><SENtype>SLCN</SENtype><SENtypeRank>2</SENtypeRank></SENneed>
          <ReviewMeeting>2024-11-01</ReviewMeeting><ReviewOutcome>M</ReviewOutcome>
          <LastReview>2024-11-20</LastReview>
        </ActivePlans>
      </Requests>
    </Person>
    <Person>
      <Surname>Bob</Surname><Forename>Example</Forename>
      <PersonBirthDate>2019-06-30</PersonBirthDate><Sex>M</Sex><Ethnicity>ABAN</Ethnicity>
      <UPNunknown>UN1</UPNunknown>
      <Requests>
        <ReceivedDate>2024-01-08</ReceivedDate><RYA>0</RYA>
        <RequestOutcomeDate>2024-02-12</RequestOutcomeDate><RequestOutcome>N</RequestOutcome>
      </Requests>
      <Requests>
        <ReceivedDate>2024-12-02</ReceivedDate><RYA>0</RYA><RequestOutcome>A</RequestOutcome>
      </Requests>
    </Person>
  </Persons>
</Message>
"""

# The same return as DfE module CSVs, header fields on person.csv.
SMALL_CSV = {
    "person.csv": (
        "persontableid,Collection,Year,ReferenceDate,LEA,Surname,Forename,PersonBirthDate,"
        "Sex,Ethnicity,PostCode,UPN,UPNunknown\n"
        "p1,SEN2,2025,2025-01-16,886,Ann,Example,2012-03-04,F,WBRI,ME14 1XX,B801200005001,\n"
        "p2,SEN2,2025,2025-01-16,886,Bob,Example,2019-06-30,M,ABAN,,,UN1\n"
    ),
    "requests.csv": (
        "requesttableid,persontableid,ReceivedDate,RequestSource,RYA,RequestOutcomeDate,"
        "RequestOutcome,RequestMediation,RequestTribunal\n"
        "r1,p1,2024-03-01,1,0,2024-04-10,Y,0,0\n"
        "r2,p2,2024-01-08,,0,2024-02-12,N,,\n"
        "r3,p2,2024-12-02,,0,,A,,\n"
    ),
    "assessment.csv": (
        "assessmenttableid,requesttableid,AssessmentOutcome,AssessmentOutcomeDate,Week20\n"
        "a1,r1,Y,2024-07-15,0\n"
    ),
    "named-plan.csv": "namedplantableid,assessmenttableid,StartDate,PB,OA\nn1,a1,2024-07-15,0,0\n",
    "plan-detail.csv": (
        "plandetailtableid,namedplantableid,URN,SENSetting,PlacementRank\n"
        "d1,n1,118000,,1\n"
        "d2,n1,,OLA,2\n"
    ),
    "active-plans.csv": (
        "activeplanstableid,requesttableid,ReviewMeeting,ReviewOutcome,LastReview\n"
        "ap1,r1,2024-11-01,M,2024-11-20\n"
    ),
    "placement-detail.csv": (
        "placementdetailtableid,activeplanstableid,URN,PlacementRank,EntryDate\n"
        "pl1,ap1,118000,1,2024-09-01\n"
    ),
    "sen-need.csv": (
        "senneedtableid,activeplanstableid,SENtype,SENtypeRank\ns1,ap1,ASD,1\ns2,ap1,SLCN,2\n"
    ),
}


def write_csvs(folder: Path, files: dict[str, str] | None = None) -> list[Path]:
    paths = []
    for name, text in (files or SMALL_CSV).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def shape(record) -> object:
    """A record tree without locations, blank fields dropped: what two readers of the
    same return must agree on."""
    if record is None:
        return None
    out: dict[str, object] = {
        "fields": {k: v for k, v in record.fields.items() if v is not None},
    }
    for name in ("requests", "plan_details", "placements", "sen_needs"):
        if hasattr(record, name):
            out[name] = [shape(child) for child in getattr(record, name)]
    for name in ("assessment", "named_plan", "active_plan"):
        if hasattr(record, name):
            out[name] = shape(getattr(record, name))
    return out
