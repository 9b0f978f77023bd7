"""RAG ratings at each review date (history kept) and exception reports for reds."""

from django.conf import settings
from django.db import models

from .plan import Action, AreaOfWeakness
from .vocabulary import Rag


class RagRating(models.Model):
    """A human rating of an area or action at a review date. Never edited: a new rating
    is a new row, so the history is kept. ``suggested`` is what the rules suggested then;
    a rating that differs from it must carry a rationale."""

    area = models.ForeignKey(AreaOfWeakness, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="ratings")
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="ratings")
    review_date = models.DateField()
    rating = models.CharField(max_length=5, choices=Rag.choices)
    suggested = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    rationale = models.TextField(blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    set_by_name = models.CharField(max_length=150, blank=True)
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review_date", "set_at", "id"]


class ExceptionReport(models.Model):
    """Stockport-style: for every red, the trend, commentary, recovery action and owner."""

    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="exception_reports")
    area = models.ForeignKey(AreaOfWeakness, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="exception_reports")
    review_date = models.DateField()
    commentary = models.TextField()
    recovery_action = models.TextField()
    owner = models.CharField(max_length=120)
    updated_at = models.DateTimeField(auto_now=True)
