"""The survey statements published as measures (YAML: the shipped default, or the file
``settings.SENDASSURE_SURVEY_HEADLINES`` names): code -> the statement's text."""

from __future__ import annotations

from pathlib import Path

import yaml

DEFAULT = Path(__file__).parent / "data" / "survey-headlines.yaml"


def headline_statements() -> dict[str, str]:
    from django.conf import settings

    path = Path(getattr(settings, "SENDASSURE_SURVEY_HEADLINES", "") or DEFAULT)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data["statements"].items()}


def parent_answers(areas: list[str]) -> list[tuple]:
    """(completed on, statement text -> answer code) of every parent or carer respondent
    of the areas."""
    from .models import SurveyAnswer, SurveyResponse

    responses = SurveyResponse.objects.filter(la__in=areas, group="parent_carer")
    found: dict[int, tuple] = {pk: (day, {}) for pk, day in
                               responses.values_list("pk", "completed_on")}
    for pk, text, answer in SurveyAnswer.objects.filter(response__in=responses).values_list(
            "response_id", "statement__text", "answer"):
        found[pk][1][text] = answer
    return list(found.values())
