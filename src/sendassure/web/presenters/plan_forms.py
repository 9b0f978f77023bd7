"""Forms of the plan screens: rate an action at a review, write an exception report for
a red, update an evidence request. Each returns errors in GOV.UK error-summary shape."""

from __future__ import annotations

from datetime import date

from sendassure.plan.models import (
    Action,
    AreaOfWeakness,
    EvidenceFile,
    EvidenceRequest,
    ExceptionReport,
    Rag,
    RagRating,
    RequestStatus,
)
from sendassure.plan.rag import (
    check_rating,
    facts_for_action,
    facts_for_area,
    review_figures,
    suggest,
)
from sendassure.plan.requests import answer_problem


def _plan_of(subject: Action | AreaOfWeakness):
    return subject.plan if isinstance(subject, AreaOfWeakness) else subject.area.plan


def suggestion_for(subject: Action | AreaOfWeakness, review: date):
    """What the rules suggest for an action, or an area (its own measures and the worst
    of its actions), at a review, with every reason and the figures behind it."""
    figures = review_figures(_plan_of(subject), review)
    facts = (facts_for_area(subject, figures, review) if isinstance(subject, AreaOfWeakness)
             else facts_for_action(subject, figures, review))
    return suggest(facts, review)


def review_choices(subject: Action | AreaOfWeakness) -> list[date]:
    return list(_plan_of(subject).reviews.values_list("date", flat=True))


def rate_action(action: Action | AreaOfWeakness, user, data
                ) -> tuple[RagRating | None, list[dict]]:
    """A new rating of an action or an area (history is kept: ratings are never edited).
    A rating that differs from the rules' suggestion needs a rationale."""
    errors = []
    try:
        review = date.fromisoformat(data.get("review_date", ""))
    except ValueError:
        review = None
    if review not in review_choices(action):
        errors.append({"text": "Choose the review date", "href": "#review_date"})
    rating = data.get("rating", "")
    if rating not in Rag.values:
        errors.append({"text": "Choose red, amber or green", "href": "#rating"})
    if errors:
        return None, errors
    rationale = (data.get("rationale") or "").strip()
    suggestion = suggestion_for(action, review)
    problems = check_rating(rating, suggestion, rationale)
    if problems:
        return None, [{"text": f"Give a rationale: the rules suggest {suggestion.rating} "
                               f"({'; '.join(suggestion.reasons) or 'no concerns'})",
                       "href": "#rationale"}]
    subject = ({"area": action} if isinstance(action, AreaOfWeakness) else {"action": action})
    return RagRating.objects.create(
        **subject, review_date=review, rating=rating, suggested=suggestion.rating,
        rationale=rationale, set_by=user, set_by_name=user.get_username(),
    ), []


def exception_reviews(action: Action) -> list[date]:
    """The reviews an exception report can be for: the plan's review dates and any review
    at which the action was rated red."""
    reds = action.ratings.filter(rating=Rag.RED).values_list("review_date", flat=True)
    return sorted(set(review_choices(action)) | set(reds))


def write_exception_report(action: Action, data) -> tuple[ExceptionReport | None, list[dict]]:
    """An action's exception report at one of its reviews (chosen from a list, as a
    rating's review is), written or rewritten."""
    errors = []
    review = next((r for r in exception_reviews(action)
                   if r.isoformat() == data.get("review_date", "")), None)
    if review is None:
        errors.append({"text": "Choose the review date", "href": "#review_date"})
    fields = {name: (data.get(name) or "").strip()
              for name in ("commentary", "recovery_action", "owner")}
    labels = {"commentary": "Enter the commentary", "recovery_action": "Enter the recovery "
              "action", "owner": "Enter who owns the recovery action"}
    errors += [{"text": labels[n], "href": f"#{n}"} for n, v in fields.items() if not v]
    if errors:
        return None, errors
    report, _ = ExceptionReport.objects.update_or_create(
        action=action, review_date=review, defaults=fields)
    return report, []


def update_request(request_row: EvidenceRequest, user, data) -> list[dict]:
    status = data.get("status", "")
    if status not in RequestStatus.values:
        return [{"text": "Choose a status", "href": f"#status-{request_row.pk}"}]
    response = (data.get("response") or "").strip()
    wanted = [int(v) for v in data.getlist("files") if v.isdigit()]
    files = list(EvidenceFile.objects.for_user(user).filter(pk__in=wanted,
                                                            la=request_row.plan.la))
    problem = answer_problem(status, response, len(files))
    if problem:
        return [{"text": problem, "href": "#response"}]
    request_row.status = status
    request_row.owner = (data.get("owner") or request_row.owner).strip()[:120]
    request_row.response = response
    request_row.save(update_fields=["status", "owner", "response"])
    request_row.files.set(files)
    return []
