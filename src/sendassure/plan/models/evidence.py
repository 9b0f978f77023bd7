"""The evidence library (content-addressed files with versions) and reviewers' evidence
requests ("for the next review meeting we will be looking for evidence of ...")."""

from django.conf import settings
from django.db import models

from sendassure.core.scoping import AreaScoped

from .measures import MeasureLink
from .plan import Action, AreaOfWeakness, Plan
from .vocabulary import RequestStatus


class EvidenceBlob(models.Model):
    """File content, stored once by its SHA-256 (the same file twice is stored once)."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)


class EvidenceFile(AreaScoped):
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    author = models.CharField(max_length=120, blank=True)
    tags = models.CharField(max_length=300, blank=True, help_text="Comma-separated.")
    reference = models.CharField(max_length=20, blank=True, help_text="e.g. E-6.3-01")
    areas = models.ManyToManyField(AreaOfWeakness, blank=True, related_name="evidence")
    actions = models.ManyToManyField(Action, blank=True, related_name="evidence")
    text = models.TextField(blank=True, help_text="Extracted text, for search.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "title"]

    @property
    def current(self):
        return self.versions.order_by("-number").first()

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class EvidenceVersion(models.Model):
    """Replacing a file adds a version; nothing is ever lost."""

    file = models.ForeignKey(EvidenceFile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    blob = models.ForeignKey(EvidenceBlob, on_delete=models.PROTECT, related_name="versions")
    filename = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["file", "number"], name="version_unique")]


class EvidenceRequest(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evidence_requests")
    area = models.ForeignKey(AreaOfWeakness, on_delete=models.CASCADE,
                             related_name="evidence_requests")
    text = models.TextField(help_text="What the reviewers will look for evidence of.")
    letter_date = models.DateField(null=True, blank=True)
    due_review = models.DateField(null=True, blank=True)
    owner = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=12, choices=RequestStatus.choices,
                              default=RequestStatus.OPEN)
    response = models.TextField(blank=True)
    measures = models.ManyToManyField(MeasureLink, blank=True, related_name="evidence_requests")
    files = models.ManyToManyField(EvidenceFile, blank=True, related_name="evidence_requests")

    class Meta:
        ordering = ["area__number", "id"]
