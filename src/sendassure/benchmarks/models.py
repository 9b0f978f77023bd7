"""Published figures from DfE's Explore Education Statistics files, one row per value."""

from django.db import models


class BenchmarkValue(models.Model):
    source = models.CharField(max_length=120, db_index=True, help_text="File it came from.")
    time_period = models.CharField(max_length=8)
    time_identifier = models.CharField(max_length=40, blank=True)
    geographic_level = models.CharField(max_length=40)
    area_code = models.CharField(max_length=12, blank=True)
    old_la_code = models.CharField(max_length=3, blank=True, db_index=True)
    area_name = models.CharField(max_length=100, blank=True)
    region_code = models.CharField(max_length=12, blank=True)
    breakdown_topic = models.CharField(max_length=100, blank=True)
    breakdown = models.CharField(max_length=100, blank=True)
    measure = models.CharField(max_length=80, db_index=True, help_text="Lower-case registered measure name.")
    published_measure = models.CharField(max_length=80, help_text="Column name as published.")
    value = models.FloatField(null=True)
    reason = models.CharField(max_length=80, blank=True, help_text="Why there is no value.")


class PublishedOutcome(models.Model):
    """One published value of an outcomes series (``benchmarks.outcomes.series``) for
    England, a region or an LA, a period and a characteristic (SEN status), kept as
    published with the counts it is a percentage of when they are published."""

    series = models.CharField(max_length=60)
    period = models.CharField(max_length=10, help_text="2022/23, 2021-22, 2022 or a date.")
    geographic_level = models.CharField(max_length=20)
    la_code = models.CharField(max_length=3, blank=True)
    region = models.CharField(max_length=60, blank=True)
    area_name = models.CharField(max_length=100, blank=True)
    characteristic = models.CharField(max_length=60)
    published_characteristic = models.CharField(max_length=100, blank=True)
    value = models.FloatField(null=True)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    reason = models.CharField(max_length=80, blank=True, help_text="Why there is no value.")
    note = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=120, help_text="File it came from.")

    class Meta:
        indexes = [models.Index(fields=["series", "la_code"]),
                   models.Index(fields=["series", "geographic_level", "period"])]
