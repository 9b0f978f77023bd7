"""Background jobs: work too long for a request (a review pack build), run in a separate,
low-priority process that records its progress for a page to show."""
