"""What every stored case record carries: its area, and the import and return it came from."""

from django.db import models

from sendassure.core.scoping import AreaScoped


class FromReturn(AreaScoped):
    """Area-scoped (``la``), and remembering the import and the return's ReferenceDate."""

    import_run = models.ForeignKey(
        "ingest.ImportRun", on_delete=models.PROTECT, related_name="+"
    )
    reference_date = models.DateField(
        help_text="ReferenceDate of the return this record was last taken from."
    )

    class Meta:
        abstract = True
