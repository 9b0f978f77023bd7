"""A child or young person (SEN2 module 1), without names or full postcode."""

from django.db import models

from .choices import SEX, UPN_UNKNOWN
from .provenance import FromReturn


class Person(FromReturn):
    """Analysis uses this surrogate key (``id``). ``match_key`` is a keyed hash (HMAC) of
    the UPN, else the ULN, else normalised names, birth date and sex: it links the same
    child across returns without revealing who they are."""

    match_key = models.CharField(max_length=80)
    sex = models.CharField(max_length=1, choices=SEX, blank=True)
    birth_month = models.DateField(null=True, help_text="First day of the birth month.")
    ethnicity = models.CharField(max_length=4, blank=True)
    postcode_district = models.CharField(max_length=4, blank=True)
    upn_unknown = models.CharField(max_length=4, choices=UPN_UNKNOWN, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["la", "match_key"], name="person_unique_match")
        ]


class PersonIdentity(models.Model):
    """UPN and ULN, kept apart: reachable only by child-level roles, every read audited
    (see ``casework.queries.identity_of``)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="identity")
    upn = models.CharField(max_length=13, blank=True)
    uln = models.CharField(max_length=10, blank=True)
