"""The narrative an area's analysts write for a review: what the pack prints for the
area in the partnership's own words (a draft from the figures until one is saved)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .plan import AreaOfWeakness

MAX_LENGTH = 10000  # characters: about two pages of the pack


class AreaNarrative(models.Model):
    """One per area and review date; edited in place (each save is audited through
    ``core.audit``, which keeps who changed it and when)."""

    area = models.ForeignKey(AreaOfWeakness, on_delete=models.CASCADE,
                             related_name="narratives")
    review_date = models.DateField()
    text = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    written_by_name = models.CharField(max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review_date", "id"]
        constraints = [models.UniqueConstraint(fields=["area", "review_date"],
                                               name="narrative_unique")]

    @property
    def edited_on(self):
        """The day it was last edited, in the service's time zone."""
        return timezone.localdate(self.updated_at)
