"""What the council's casework team records against an open request that SEN2 does not
carry: who owns it, their team, and when the draft plan went to the family (reg 13(1)),
which moves a case from assessing to drafting on the worklist."""

from django.conf import settings
from django.db import models

from sendassure.core.scoping import AreaScoped

from .request import Request


class CaseAssignment(AreaScoped):
    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="assignment")
    owner = models.CharField(max_length=120, blank=True,
                             help_text="The caseworker who owns the case (a name or role).")
    team = models.CharField(max_length=120, blank=True, help_text="e.g. North Kent team")
    draft_sent_on = models.DateField(null=True, blank=True,
                                     help_text="Date the draft plan was sent to the family.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
