"""Complaints about SEND services: no child identifiers, only the complaint's reference,
dates, stage, themes and outcome."""

from django.db import models

from sendassure.core.scoping import AreaScoped

STAGES = [("1", "Stage 1"), ("2", "Stage 2"), ("ombudsman", "Ombudsman")]
OUTCOMES = [("upheld", "Upheld"), ("partly_upheld", "Partly upheld"),
            ("not_upheld", "Not upheld"), ("withdrawn", "Withdrawn")]


class Complaint(AreaScoped):
    reference = models.CharField(max_length=40)
    stage = models.CharField(max_length=10, choices=STAGES)
    received_on = models.DateField()
    themes = models.CharField(max_length=400, help_text="Theme codes separated by ;")
    responded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=14, choices=OUTCOMES, blank=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "reference", "stage"],
                                               name="complaint_once_per_stage")]
        ordering = ["received_on", "id"]

    @property
    def theme_codes(self) -> list[str]:
        return [t for t in self.themes.split(";") if t]


GROUPS = [("parent_carer", "Parent or carer"), ("young_person", "Child or young person"),
          ("practitioner", "Practitioner")]


class SurveyStatement(models.Model):
    text = models.CharField(max_length=500, unique=True)


class SurveyResponse(AreaScoped):
    """One respondent's answers in a wave. The survey tool's respondent id is kept only
    as a keyed hash (it may be an email address)."""

    respondent_key = models.CharField(max_length=64)
    wave = models.CharField(max_length=40)
    group = models.CharField(max_length=14, choices=GROUPS)
    completed_on = models.DateField()
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "wave", "respondent_key"],
                                               name="survey_response_once")]


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE,
                                 related_name="answers")
    statement = models.ForeignKey(SurveyStatement, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=18, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "statement"],
                                               name="survey_answer_once")]
