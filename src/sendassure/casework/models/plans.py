"""Named plans with their plan details (module 4) and active plans with placements,
SEN needs, reviews and phase transfers (module 5)."""

from django.db import models

from .choices import CEASE_REASON, REVIEW_OUTCOME, SEN_TYPE
from .request import Assessment, Request


class NamedPlan(models.Model):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="named_plan"
    )
    start_date = models.DateField(null=True)
    plan_res = models.CharField(max_length=1, blank=True)
    plan_wbp = models.CharField(max_length=1, blank=True)
    pb = models.BooleanField(null=True)
    oa = models.BooleanField(null=True)
    dp = models.CharField(max_length=1, blank=True)
    cease_date = models.DateField(null=True)
    cease_reason = models.CharField(max_length=1, choices=CEASE_REASON, blank=True)


class PlanDetail(models.Model):
    named_plan = models.ForeignKey(NamedPlan, on_delete=models.CASCADE, related_name="details")
    urn = models.CharField(max_length=6, blank=True)
    ukprn = models.CharField(max_length=8, blank=True)
    sen_setting = models.CharField(max_length=5, blank=True)
    sen_setting_other = models.CharField(max_length=100, blank=True)
    placement_rank = models.PositiveSmallIntegerField(null=True)
    sen_unit_indicator = models.BooleanField(null=True)
    resourced_provision_indicator = models.BooleanField(null=True)


class ActivePlan(models.Model):
    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="active_plan")
    transfer_la = models.CharField(max_length=3, blank=True)
    res = models.CharField(max_length=1, blank=True, help_text="2023 layout only.")
    wbp = models.CharField(max_length=1, blank=True, help_text="2023 layout only.")


class PlacementDetail(models.Model):
    active_plan = models.ForeignKey(
        ActivePlan, on_delete=models.CASCADE, related_name="placements"
    )
    urn = models.CharField(max_length=6, blank=True)
    ukprn = models.CharField(max_length=8, blank=True)
    sen_setting = models.CharField(max_length=5, blank=True)
    sen_setting_other = models.CharField(max_length=100, blank=True)
    placement_rank = models.PositiveSmallIntegerField(null=True)
    entry_date = models.DateField(null=True)
    leaving_date = models.DateField(null=True)
    sen_unit_indicator = models.BooleanField(null=True)
    resourced_provision_indicator = models.BooleanField(null=True)
    res = models.CharField(max_length=1, blank=True)
    wbp = models.CharField(max_length=1, blank=True)


class SenNeed(models.Model):
    active_plan = models.ForeignKey(ActivePlan, on_delete=models.CASCADE, related_name="sen_needs")
    sen_type = models.CharField(max_length=4, choices=SEN_TYPE)
    sen_type_rank = models.PositiveSmallIntegerField(null=True)


class Review(models.Model):
    """The latest annual review recorded on an active plan (reg 20-22)."""

    active_plan = models.OneToOneField(ActivePlan, on_delete=models.CASCADE, related_name="review")
    review_meeting = models.DateField(null=True)
    last_review = models.DateField(null=True, help_text="Date the review decision was notified.")
    review_outcome = models.CharField(max_length=1, choices=REVIEW_OUTCOME, blank=True)
    review_draft = models.DateField(null=True)


class PhaseTransfer(models.Model):
    """A phase transfer review (reg 18): the due date and when the final plan was issued."""

    active_plan = models.OneToOneField(
        ActivePlan, on_delete=models.CASCADE, related_name="phase_transfer"
    )
    due_date = models.DateField(null=True)
    final_date = models.DateField(null=True)
