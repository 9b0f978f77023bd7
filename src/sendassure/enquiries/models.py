"""Enquiries to the hub: who asked is never stored, only the case it concerns (a link to
a SEN2 person record, where there is one) and the enquiry's own words scrubbed of names
and full postcodes; its channel, category (urgent or not), the promised reply and update
dates in working days, what was done and when, and every escalation."""

from django.db import models

from sendassure.core.scoping import AreaScoped


class Enquiry(AreaScoped):
    reference = models.CharField(max_length=40)
    received_on = models.DateField()
    channel = models.CharField(max_length=20)
    category = models.CharField(max_length=40)
    urgent = models.BooleanField(default=False,
                                 help_text="The category was urgent when it was recorded.")
    person = models.ForeignKey("casework.Person", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="enquiries")
    summary = models.TextField(blank=True, help_text="Scrubbed of names and postcodes")
    assigned_to = models.CharField(max_length=150, blank=True)
    reply_by = models.DateField(help_text="Promised reply: working days after received.")
    update_by = models.DateField(help_text="Promised update: working days after received.")
    replied_on = models.DateField(null=True, blank=True)
    updated_on = models.DateField(null=True, blank=True, help_text="Latest update sent.")
    closed_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "reference"],
                                               name="enquiry_once")]
        ordering = ["received_on", "id"]


class Escalation(models.Model):
    """Who an enquiry was escalated to, when and why (scrubbed), and who escalated it."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE,
                                related_name="escalations")
    escalated_on = models.DateField()
    escalated_to = models.CharField(max_length=150, help_text="A role or team")
    reason = models.TextField()
    recorded_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["escalated_on", "id"]
