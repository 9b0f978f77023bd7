"""A request for an EHC needs assessment (SEN2 module 2) and its assessment (module 3)."""

from django.db import models

from .choices import ASSESSMENT_OUTCOME, REQUEST_OUTCOME, REQUEST_SOURCE
from .person import Person
from .provenance import FromReturn


class Request(FromReturn):
    """Matched across returns by person and ``ReceivedDate`` (a historical ``H`` request
    by person and plan start date): that is ``match_date`` with ``historical``."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="requests")
    historical = models.BooleanField(default=False)
    match_date = models.DateField(null=True)
    digest = models.CharField(max_length=64, help_text="Hash of the request's content.")
    received_date = models.DateField(null=True)
    request_source = models.CharField(max_length=1, choices=REQUEST_SOURCE, blank=True)
    rya = models.BooleanField(null=True)
    request_outcome = models.CharField(max_length=1, choices=REQUEST_OUTCOME, blank=True)
    request_outcome_date = models.DateField(null=True)
    request_mediation = models.BooleanField(default=False)
    request_tribunal = models.BooleanField(default=False)
    exported = models.CharField(max_length=3, blank=True)
    excluded_from = models.CharField(
        max_length=300, blank=True,
        help_text="Measure sections a validation error bars this request from, written "
        "',timeliness,decisions,' (kpis.exclusions); blank: none.",
    )
    exclusions = models.TextField(
        blank=True,
        help_text="JSON: rule code -> the sections its error bars this request from "
        "(text, not a JSON column: the importer writes rows raw).",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "historical", "match_date"], name="request_unique_match"
            )
        ]
        indexes = [models.Index(fields=["la", "received_date"])]


class Assessment(models.Model):
    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="assessment")
    assessment_outcome = models.CharField(max_length=1, choices=ASSESSMENT_OUTCOME, blank=True)
    assessment_outcome_date = models.DateField(null=True)
    assessment_mediation = models.BooleanField(default=False)
    assessment_tribunal = models.BooleanField(default=False)
    other_mediation = models.BooleanField(default=False)
    other_tribunal = models.BooleanField(default=False)
    week20 = models.BooleanField(default=False, help_text="A reg 13(3) exception applies.")
