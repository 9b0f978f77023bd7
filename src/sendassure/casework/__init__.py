"""The case model: persons, requests, assessments, plans, placements, reviews (SEN2)."""
