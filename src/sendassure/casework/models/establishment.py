"""The establishments register (GIAS / "Get Information about Schools" extract): what kind
of setting a placement's URN is, so placements can be counted as mainstream / special /
other as DfE does."""

from django.db import models


class Establishment(models.Model):
    urn = models.CharField(max_length=6, primary_key=True)
    la_code = models.CharField(max_length=3, blank=True)
    name = models.CharField(max_length=200, blank=True)
    type_of_establishment = models.CharField(max_length=100, blank=True)
    type_group = models.CharField(max_length=100, blank=True)
    phase = models.CharField(max_length=60, blank=True)
