"""What the start page lists: the pages the signed-in role can reach."""

from sendassure.core.navigation import reachable

# (URL name, title, what it is for). Later features add their pages here.
PAGES = [
    ("dashboard-timeliness", "Dashboard", "Timeliness, decisions, backlog, annual reviews and placements."),
    ("plans", "Improvement plan", "Areas of weakness, actions, RAG by review, evidence requests."),
    ("evidence", "Evidence library", "Files that show what was done and the difference it made."),
    ("worklist", "Worklist", "Open assessments oldest first, with deadlines and flags (audited)."),
    ("imports", "SEN2 imports", "Upload a SEN2 return and see what each import stored and quarantined."),
    ("quarantine", "Quarantine", "Records that could not be used, with the reasons, to fix at source."),
    ("audit-log", "Audit log", "Who saw or changed what, and when."),
]


def reachable_pages(request) -> list[dict]:
    return [
        {"href": href, "title": title, "description": description}
        for name, title, description in PAGES
        if (href := reachable(request, name))
    ]
