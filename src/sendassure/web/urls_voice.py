"""Families' voice URLs (under /voice/): complaints and surveys."""

from django.urls import path

from .views import voice

urlpatterns = [
    path("complaints/", voice.complaints_page, name="complaints"),
    path("complaints/list/", voice.complaint_list, name="complaint-list"),
    path("complaints/<int:pk>/", voice.complaint_detail, name="complaint"),
    path("surveys/", voice.surveys_page, name="surveys"),
    path("surveys/comments/", voice.survey_comments, name="survey-comments"),
]
