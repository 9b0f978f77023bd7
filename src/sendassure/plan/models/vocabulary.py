"""The plan's words: plan types, action statuses, RAG ratings, request statuses."""

from django.db import models


class PlanType(models.TextChoices):
    WRITTEN_STATEMENT_OF_ACTION = "wsoa", "Written statement of action"
    ACCELERATED_PROGRESS_PLAN = "app", "Accelerated progress plan"
    PRIORITY_ACTION_PLAN = "pap", "Priority action plan"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    DELAYED = "delayed", "Progressing but delayed"
    OFF_TRACK = "off_track", "Off track"
    COMPLETED = "completed", "Completed"
    EMBEDDED = "embedded", "Embedded"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"
