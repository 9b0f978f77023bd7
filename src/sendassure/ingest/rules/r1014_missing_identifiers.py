from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import age_on

# Compulsory school age, taken as age 5 to 15 on the ReferenceDate.
SCHOOL_AGES = range(5, 16)


@rule(
    code="SEN2-1014",
    severity="query",
    module="person",
    fields=("UPN", "UniqueLearnerNumber", "UPNunknown"),
    message="UPN and UniqueLearnerNumber are both missing and UPNunknown gives no reason, "
    "for a child of school age ({age} on the ReferenceDate)",
)
def missing_identifiers(person, context):
    if any(person.get(name) for name in ("UPN", "UniqueLearnerNumber", "UPNunknown")):
        return
    birth, reference = context.birth_date, context.reference_date
    if birth and reference and age_on(birth, reference) in SCHOOL_AGES:
        yield context.issue(person, "UPN", age=age_on(birth, reference))
