"""The council's identifiers file as loaded (item 6, docs/adr/0016): each child's UPN and
NHS number kept only as a pair of keyed hashes (``core.identity``), the UPN's hash made
exactly as SEN2's ``Person.match_key`` (``u:``) and the NHS number's as a referral's
``nhs_key`` (``n:``), so a case joins its referrals without either number being stored.
A newer file for an area replaces its pairs."""

from __future__ import annotations

from django.db import models

from sendassure.core.scoping import AreaScoped


class IdentifiersFile(AreaScoped):
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)
    pairs = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "sha256"],
                                               name="one_identifiers_file")]


class IdentifierPair(AreaScoped):
    source = models.ForeignKey(IdentifiersFile, on_delete=models.CASCADE,
                               related_name="identifier_pairs")
    upn_key = models.CharField(max_length=80, db_index=True,
                               help_text="Keyed hash of the UPN, as Person.match_key.")
    nhs_key = models.CharField(max_length=80, db_index=True,
                               help_text="Keyed hash of the NHS number, as Referral.nhs_key.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "upn_key", "nhs_key"],
                                               name="one_identifier_pair")]
