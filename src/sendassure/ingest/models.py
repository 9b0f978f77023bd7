"""Import history, the issues each import found, and the quarantine.

Nothing here holds a name or a full postcode: quarantined records and issue values are
reduced the same way stored records are (see ``ingest.privacy``).
"""

from django.conf import settings
from django.db import models

from sendassure.core.scoping import AreaScoped


class ImportRun(AreaScoped):
    STATUS = [("stored", "Stored"), ("rejected", "Rejected"), ("unchanged", "Unchanged")]

    started_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    username = models.CharField(max_length=150, blank=True)
    file_name = models.CharField(max_length=255)
    file_hash = models.CharField(max_length=64, db_index=True)
    file_format = models.CharField(max_length=3)
    collection_year = models.CharField(max_length=4, blank=True)
    reference_date = models.DateField()
    status = models.CharField(max_length=10, choices=STATUS)
    stored = models.JSONField(default=dict, help_text="Records stored, by module.")
    quarantined = models.JSONField(default=dict, help_text="Records quarantined, by module.")
    excluded = models.JSONField(
        default=dict, help_text="Requests stored but barred from a measure section, by section."
    )
    issues_by_rule = models.JSONField(default=dict)
    rules_version = models.CharField(
        max_length=16, blank=True,
        help_text="The rule catalogue it was judged by (rules.registry.catalogue_version).",
    )

    class Meta:
        ordering = ["-started_at", "-id"]


class QuarantinedRecord(AreaScoped):
    """A person or a request (with everything below it) that no measure can use (an error
    whose rule bars it from ``all``). A record barred only from some measure sections is
    stored with them instead (``Request.excluded_from``)."""

    import_run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="quarantine")
    scope = models.CharField(max_length=7)  # person | request
    location = models.CharField(max_length=300)
    content = models.JSONField(help_text="The record's fields, names and full postcode removed.")
    codes = models.CharField(max_length=300, help_text="Rule codes of the errors.")


class ImportIssue(models.Model):
    import_run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="issues")
    quarantined_record = models.ForeignKey(
        QuarantinedRecord, null=True, on_delete=models.CASCADE, related_name="issues"
    )
    code = models.CharField(max_length=20, db_index=True)
    severity = models.CharField(max_length=5)
    location = models.CharField(max_length=300)
    field = models.CharField(max_length=60)
    value = models.CharField(max_length=200, null=True)
    message = models.CharField(max_length=500)
    excluded_from = models.CharField(
        max_length=300, blank=True,
        help_text="What the error bars its record from: 'all' (quarantined whole) or "
        "measure sections separated by commas; blank for a query.",
    )
