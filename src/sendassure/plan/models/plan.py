"""A plan, its review dates, its areas of weakness, actions and milestones."""

from django.db import models

from sendassure.core.scoping import AreaScoped

from .vocabulary import PlanType, Status


class Plan(AreaScoped):
    """``la`` is the lead local authority; NHS partners share the plan."""

    title = models.CharField(max_length=200)
    plan_type = models.CharField(max_length=4, choices=PlanType.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    review_cycle_months = models.PositiveSmallIntegerField(default=6)

    def __str__(self) -> str:
        return self.title


class ReviewDate(models.Model):
    """A progress review meeting (DfE / NHS England, usually every six months)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField()
    label = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["plan", "date"], name="review_unique")]


class AreaOfWeakness(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="area_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Action(models.Model):
    area = models.ForeignKey(AreaOfWeakness, on_delete=models.CASCADE, related_name="actions")
    reference = models.CharField(max_length=12, help_text="e.g. 6.3")
    outcome = models.TextField("outcome sought", blank=True)
    description = models.TextField()
    action_lead = models.CharField(max_length=120, blank=True)
    council_lead = models.CharField(max_length=120, blank=True)
    nhs_lead = models.CharField(max_length=120, blank=True)
    senior_responsible_officer = models.CharField(max_length=120, blank=True)
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    measures_of_success = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.TextField(blank=True, help_text="Latest progress narrative.")

    class Meta:
        ordering = ["area__number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["area", "reference"], name="action_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.description[:60]}"


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due_date = models.DateField()
    completed_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
