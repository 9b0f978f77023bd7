"""The co-production log ("you said, we did"): what families said, where, and what
changed, linked to plan actions and evidence; shown in the pack and, when marked
public, on the public page."""

from django.db import models


class CoProduction(models.Model):
    plan = models.ForeignKey("plan.Plan", on_delete=models.CASCADE, related_name="coproduction")
    said_on = models.DateField()
    where = models.CharField(max_length=200, help_text="e.g. parent carer forum meeting, "
                             "survey wave 2020-12, co-production workshop")
    you_said = models.TextField()
    we_did = models.TextField(blank=True)
    action = models.ForeignKey("plan.Action", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="coproduction")
    evidence = models.ForeignKey("plan.EvidenceFile", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    public = models.BooleanField(default=False, help_text="Shown on the public page.")

    class Meta:
        ordering = ["-said_on", "-id"]
