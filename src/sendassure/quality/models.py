"""Plan quality audits. An audit is of a case in the records (``person``: the surrogate
key, never a name or UPN), by an auditor from an agency, against one framework version,
with a grade per section and a mark per criterion. A moderation settles the agreed grade
of a plan audited twice; a follow-up closes the loop on a plan graded requires
improvement or inadequate."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sendassure.core.scoping import AreaScoped

GRADES = [("outstanding", "Outstanding"), ("good", "Good"),
          ("requires_improvement", "Requires improvement"), ("inadequate", "Inadequate")]
AGENCIES = [("education", "Education"), ("health", "Health"), ("social_care", "Social care"),
            ("parent_carer_forum", "Parent carer forum"), ("independent", "Independent")]
MARKS = [("met", "Met"), ("partly", "Partly met"), ("not_met", "Not met"),
         ("not_applicable", "Not applicable")]


class FrameworkVersion(models.Model):
    """A framework as loaded: its YAML kept whole, so an old audit reads as it was made."""

    version = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    text = models.TextField()
    loaded_at = models.DateTimeField(auto_now_add=True)


class Audit(AreaScoped):
    DRAFT, SUBMITTED = "draft", "submitted"

    reference = models.CharField(max_length=40)
    person = models.ForeignKey("casework.Person", on_delete=models.PROTECT, related_name="+")
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="+")
    audit_date = models.DateField()
    auditor = models.CharField(max_length=120)
    auditor_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    agency = models.CharField(max_length=20, choices=AGENCIES)
    overall_grade = models.CharField(max_length=20, choices=GRADES, blank=True)
    school_year = models.SmallIntegerField(null=True, blank=True,
                                           help_text="National curriculum year when audited.")
    status = models.CharField(max_length=10, default=SUBMITTED,
                              choices=[(DRAFT, "Draft"), (SUBMITTED, "Submitted")])
    source = models.CharField(max_length=200, blank=True, help_text="Imported from (file).")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "reference"],
                                               name="audit_unique_reference")]
        ordering = ["audit_date", "id"]


class SectionGrade(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="sections")
    section = models.CharField(max_length=2)
    grade = models.CharField(max_length=20, choices=GRADES)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "section"],
                                               name="section_grade_once")]


class CriterionMark(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="marks")
    criterion = models.CharField(max_length=10)
    mark = models.CharField(max_length=14, choices=MARKS)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "criterion"],
                                               name="criterion_mark_once")]


class Assignment(AreaScoped):
    """A plan (case) given to an auditor to audit: auditors see only these."""

    person = models.ForeignKey("casework.Person", on_delete=models.CASCADE, related_name="+")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="audit_assignments")
    assigned_on = models.DateField()
    sample = models.CharField(max_length=80, blank=True, help_text="The sample it came from.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "auditor"],
                                               name="assignment_once")]


class Moderation(AreaScoped):
    """The agreed grade of a plan audited twice (the first two audits compared)."""

    first = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="+")
    agreed_grade = models.CharField(max_length=20, choices=GRADES)
    moderated_on = models.DateField()
    moderator = models.CharField(max_length=120)
    rationale = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first", "second"],
                                               name="moderation_once")]


class FollowUp(AreaScoped):
    """An action that closes the loop on a plan graded requires improvement or worse."""

    KINDS = [("amend_plan", "Amend the plan"), ("re_audit", "Re-audit the plan"),
             ("training", "Training for the plan writer")]

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(max_length=12, choices=KINDS)
    owner = models.CharField(max_length=120)
    due_date = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "kind"],
                                               name="follow_up_once")]
        ordering = ["due_date", "id"]
