"""Build small SEN2 XML returns by hand for tests (no names of real people)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from sendassure.sen2.values import upn_check_letter

HEADER = """<Header><CollectionDetails><Collection>SEN2</Collection><Year>{year}</Year>
<ReferenceDate>{reference_date}</ReferenceDate></CollectionDetails><Source>
<SourceLevel>L</SourceLevel><LEA>{la}</LEA><SoftwareCode>test</SoftwareCode>
<Release>1</Release><SerialNo>001</SerialNo><DateTime>{reference_date}T09:00:00</DateTime>
<DMO>Y</DMO><DCO>Y</DCO><DSCO>Y</DSCO></Source></Header>"""


def element(name: str, content) -> str:
    if content is None:
        return ""
    if isinstance(content, dict):
        return f"<{name}>" + "".join(element(k, v) for k, v in content.items()) + f"</{name}>"
    if isinstance(content, list):
        return "".join(element(name, item) for item in content)
    return f"<{name}>{escape(str(content))}</{name}>"


def upn(n: int) -> str:
    digits = f"8860{n:08d}"
    return upn_check_letter("A" + digits) + digits


def person(n: int = 1, requests=None, **overrides) -> dict:
    fields = {
        "Surname": f"Zebedeeson{n}", "Forename": f"Quillamina{n}",
        "PersonBirthDate": "2015-06-15", "Sex": "F", "Ethnicity": "WBRI",
        "PostCode": f"ME14 {n % 10}XQ", "UPN": upn(n),
    }
    fields.update(overrides)
    fields = {k: v for k, v in fields.items() if v is not None}
    fields["Requests"] = requests if requests is not None else [request()]
    return fields


def request(received="2024-01-10", outcome="Y", outcome_date="2024-02-15",
            assessment="default", active=None, **overrides) -> dict:
    fields = {
        "ReceivedDate": received, "RequestSource": "1", "RYA": "0",
        "RequestOutcomeDate": outcome_date, "RequestOutcome": outcome,
        "RequestMediation": "0", "RequestTribunal": "0",
    }
    fields.update(overrides)
    fields = {k: v for k, v in fields.items() if v is not None}
    if assessment == "default":
        assessment = plan_issued()
    if assessment is not None:
        fields["Assessment"] = assessment
    if active is not None:
        fields["ActivePlans"] = active
    return fields


def plan_issued(date="2024-05-20", start="2024-05-20", **overrides) -> dict:
    fields = {
        "AssessmentOutcome": "Y", "AssessmentOutcomeDate": date, "AssessmentMediation": "0",
        "AssessmentTribunal": "0", "OtherMediation": "0", "OtherTribunal": "0", "Week20": "0",
        "NamedPlan": {"StartDate": start, "PlanDetail": [
            {"URN": "118000", "PlacementRank": "1", "SENunitIndicator": "0",
             "ResourcedProvisionIndicator": "0"}
        ]},
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def active_plan(**overrides) -> dict:
    fields = {
        "PlacementDetail": [{"URN": "118000", "PlacementRank": "1", "EntryDate": "2024-05-20",
                             "SENunitIndicator": "0", "ResourcedProvisionIndicator": "0"}],
        "SENneed": [{"SENtype": "ASD", "SENtypeRank": "1"}],
        "ReviewMeeting": "2024-11-01", "LastReview": "2024-11-20", "ReviewOutcome": "M",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def sen2_xml(persons: list[dict], la="886", year="2025", reference_date="2025-01-16") -> str:
    body = "".join(element("Person", p) for p in persons)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Message>'
        + HEADER.format(year=year, reference_date=reference_date, la=la)
        + f"<Persons>{body}</Persons></Message>\n"
    )


def write(tmp_path, name: str, persons: list[dict], **header) -> str:
    path = tmp_path / name
    path.write_text(sen2_xml(persons, **header), encoding="utf-8")
    return path
