"""Complaints about SEND services: no child identifiers, only the complaint's reference,
dates, stage, themes, outcome and remedies; lessons learned from them, linked to plan
actions. Survey responses (respondents only by a keyed hash), their answers and their
free-text comments (scrubbed of names and full postcodes), tagged by hand."""

from django.db import models

from sendassure.core.scoping import AreaScoped

STAGES = [("1", "Stage 1"), ("2", "Stage 2"), ("ombudsman", "Ombudsman")]
OUTCOMES = [("upheld", "Upheld"), ("partly_upheld", "Partly upheld"),
            ("not_upheld", "Not upheld"), ("withdrawn", "Withdrawn")]
# what was put right (the Ombudsman's remedy types, in brief); a complaint may have several
REMEDIES = [("apology", "Apology"), ("financial", "Financial remedy"),
            ("service_improvement", "Service improvement"),
            ("decision_reconsidered", "Decision or assessment reconsidered"),
            ("provision", "Provision put in place"), ("other", "Other")]


class Complaint(AreaScoped):
    reference = models.CharField(max_length=40)
    stage = models.CharField(max_length=10, choices=STAGES)
    received_on = models.DateField()
    themes = models.CharField(max_length=400, help_text="Theme codes separated by ;")
    responded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=14, choices=OUTCOMES, blank=True)
    remedies = models.CharField(max_length=200, blank=True,
                                help_text="Remedy codes separated by ;")
    remedy_detail = models.TextField(blank=True, help_text="Scrubbed of names and postcodes")
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "reference", "stage"],
                                               name="complaint_once_per_stage")]
        ordering = ["received_on", "id"]

    @property
    def theme_codes(self) -> list[str]:
        return [t for t in self.themes.split(";") if t]

    @property
    def remedy_codes(self) -> list[str]:
        return [r for r in self.remedies.split(";") if r]


class LessonLearned(models.Model):
    """What a complaint taught the partnership, who recorded it and when, and the plan
    action it feeds (the text is scrubbed of names and full postcodes)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField()
    recorded_by = models.CharField(max_length=150)
    recorded_on = models.DateField()
    action = models.ForeignKey("plan.Action", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="complaint_lessons")

    class Meta:
        ordering = ["recorded_on", "id"]


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


class CommentTag(AreaScoped):
    """A theme analysts tag survey comments with (a vocabulary per area)."""

    label = models.CharField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "label"], name="comment_tag_once")]
        ordering = ["label"]


class SurveyComment(models.Model):
    """A respondent's free-text answer to a ``Comment:`` column, scrubbed of names and
    full postcodes before it is stored; shown verbatim only on the tagging screen."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE,
                                 related_name="comments")
    question = models.CharField(max_length=500)
    text = models.TextField()
    tags = models.ManyToManyField(CommentTag, blank=True, related_name="comments")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"],
                                               name="survey_comment_once")]
