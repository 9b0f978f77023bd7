"""Evidence requests: what it takes to mark one answered, and when one is overdue.

A request is the reviewers' "at the next review we will look for evidence of ...". It is
answered (or closed) only with something to show for it: a written response or an
evidence file that answers it. It is overdue when the review it is due at has passed
(a real meeting date, so judged by the calendar) and it is still open or in progress.
"""

from __future__ import annotations

from datetime import date

from .models.vocabulary import RequestStatus

DONE = (RequestStatus.ANSWERED, RequestStatus.CLOSED)


def answer_problem(status: str, response: str, file_count: int) -> str | None:
    """Why ``status`` cannot be set with this response and these files, or None."""
    if status in DONE and not response.strip() and file_count == 0:
        label = RequestStatus(status).label.lower()
        return (f"To mark the request {label}, enter a response or select an evidence "
                "file that answers it")
    return None


def is_overdue(status: str, due_review: date | None, today: date) -> bool:
    """Still unanswered after the review it was due at."""
    return status not in DONE and due_review is not None and due_review < today
