"""Measures tied to actions or areas: a registered measure with baseline, target and
milestone targets; its figures come from the figures service (``plan.actuals``)."""

from django.db import models

from .plan import Action, AreaOfWeakness
from .vocabulary import Direction


class MeasureLink(models.Model):
    area = models.ForeignKey(AreaOfWeakness, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="measures")
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="measures")
    section = models.CharField(max_length=30, help_text="Family of the measure (docs/measures.md), e.g. timeliness")
    kpi = models.CharField(max_length=60, help_text="Catalogue name, e.g. "
                           "pc_plans_issued_within_20_weeks")
    breakdown = models.CharField(max_length=60, blank=True)
    period_kind = models.CharField(max_length=16, blank=True, help_text="Kind of period "
                                   "'now' is for, e.g. rolling_12 (blank: the default).")
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.UP)
    baseline_value = models.DecimalField(max_digits=12, decimal_places=1, null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    baseline_period = models.CharField(max_length=16, blank=True, help_text="The period the "
                                       "baseline is for, e.g. 2023, 2023-06, 2023-01-19.")
    target_value = models.DecimalField(max_digits=12, decimal_places=1, null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(area__isnull=False) | models.Q(action__isnull=False),
            name="measure_belongs_somewhere",
        )]


class MeasureMilestone(models.Model):
    measure = models.ForeignKey(MeasureLink, on_delete=models.CASCADE, related_name="milestones")
    due_date = models.DateField()
    target_value = models.DecimalField(max_digits=12, decimal_places=1)

    class Meta:
        ordering = ["due_date"]
