"""What ``sendassure demo`` prepares: a synthetic Kent-like area, imported through the
real importer, and demo users to sign in as."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Console

DEMO_LA = "886"
DEMO_YEARS = range(2020, 2025)
DEMO_SEED = 2024
DEMO_USERS = {
    # user name: role. All share the demo password below; the demo is local only.
    "demo-admin": "administrator",
    "demo-analyst": "analyst",
    "demo-casework": "casework",
    "demo-board": "board",
    "demo-auditor": "auditor",
}
DEMO_PASSWORD = "demo-password-not-for-real-use"
KENT_PLAN = Path(__file__).resolve().parents[1] / "plan" / "data" / "kent-example.yaml"


def demo_dir() -> Path:
    from django.conf import settings

    from sendassure.settings.paths import VAR_DIR

    return Path(getattr(settings, "SENDASSURE_OUT", VAR_DIR)) / "demo"


def _users() -> None:
    from sendassure.core.accounts import create_user
    from sendassure.core.models import Area, User

    Area.objects.update_or_create(code=DEMO_LA, defaults={"name": "Kent (synthetic)"})
    for name, role in DEMO_USERS.items():
        if not User.objects.filter(username=name).exists():
            create_user(name, role, [DEMO_LA], DEMO_PASSWORD)


def _synthetic_returns(console: Console) -> list[Path]:
    from sendassure.synth import generate_area

    folder = demo_dir() / "synth"
    expected = [folder / f"sen2_{DEMO_LA}_{year + 1}.xml" for year in DEMO_YEARS]
    if all(path.exists() for path in expected):
        return expected
    folder.mkdir(parents=True, exist_ok=True)
    with console.status("Generating the synthetic Kent-like area (seed 2024)..."):
        files = generate_area(DEMO_LA, DEMO_YEARS, "kent", DEMO_SEED, folder)
    return sorted(p for p in files if p.suffix == ".xml")


def _import(console: Console, paths: list[Path]) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from sendassure.ingest.importer import import_sen2

    from .report import print_report

    reports = demo_dir() / "import-reports"
    reports.mkdir(parents=True, exist_ok=True)
    for path in paths:
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("persons"), console=console, transient=True) as bar:
            task = bar.add_task(f"Importing {path.name}", total=None)
            report = import_sen2(
                [path],
                progress=lambda done, total, bar=bar, task=task: bar.update(
                    task, completed=done, total=total
                ),
            )
        print_report(report, console)
        report.write_json(reports / f"{path.stem}.json")
        report.write_xlsx(reports / f"{path.stem}.xlsx")


def _reference_data(console: Console) -> None:
    """The synthetic area's establishments register and DfE's published benchmarks."""
    from sendassure.benchmarks.extract import EXTRACTS, shipped
    from sendassure.benchmarks.loading import load_benchmarks
    from sendassure.benchmarks.models import BenchmarkValue
    from sendassure.casework.establishments import load_establishments

    count = load_establishments(demo_dir() / "synth" / "establishments.csv")
    console.print(f"Loaded {count} establishments (synthetic register)")
    if not BenchmarkValue.objects.exists():
        with console.status("Loading DfE open-data benchmarks..."):
            for name in EXTRACTS:
                load_benchmarks(shipped(name))
        console.print("Loaded DfE benchmarks (EHC plans 2025 release, compact extract)")
    from sendassure.benchmarks.outcomes.loading import load_outcomes

    with console.status("Loading published outcomes (attainment, absence, destinations, "
                        "inclusion, tribunals, inspections)..."):
        (loaded,) = load_outcomes()
    console.print(f"Published outcomes: {loaded.values:,} values for every LA, region and "
                  f"England ({'stored' if loaded.changed else 'already held'})")


def _health(console: Console) -> None:
    """NHS England's CHS waiting-list sitreps, January to June 2023 (the shipped compact
    copies: England, regions and ICBs), so Kent's ICB waits show on /health/waits/."""
    from sendassure.health.compact import SHIPPED
    from sendassure.health.store import load_sitrep

    shipped = sorted(SHIPPED.glob("*.xlsx"))
    with console.status("Loading NHS community health services sitreps..."):
        loaded = [load_sitrep(path) for path in shipped]
    console.print(f"CHS sitreps: {len(loaded)} months, {loaded[0].month} to "
                  f"{loaded[-1].month} (England, regions, ICBs)")
    _autism(console)


def _autism(console: Console) -> None:
    """NHS Autism Statistics, July-September 2022 (the shipped compact copy), so Kent
    and Medway ICB's ASD16c and ASD19 show on /health/autism/ beside England."""
    from sendassure.autism.compact import SHIPPED
    from sendassure.autism.store import load_autism_statistics

    with console.status("Loading NHS Autism Statistics..."):
        loaded = load_autism_statistics(SHIPPED)
    console.print(f"Autism statistics: {loaded}", highlight=False)


def _referrals(console: Console) -> None:
    """Synthetic referral extracts from four providers (seeded; NHS numbers of the test
    range), loaded through the real loader: five planted bad rows are quarantined, and
    the waiting-list validation has duplicates, stale entries and the rest to show."""
    from sendassure.health.referrals.store import load_extract
    from sendassure.health.referrals.synthetic import write_extracts

    written = write_extracts(demo_dir() / "synth" / "referrals", DEMO_SEED)
    with console.status("Loading synthetic health referral extracts..."):
        loaded = [load_extract(path, DEMO_LA) for path in written.paths]
    console.print(f"Referral extracts: {len(loaded)} providers, "
                  f"{sum(x.stored for x in loaded):,} referrals stored, "
                  f"{sum(x.quarantined for x in loaded)} rows quarantined "
                  f"({'loaded' if any(x.outcome == 'loaded' for x in loaded) else 'already held'})")


def _identifiers(console: Console) -> None:
    """The council's identifiers file (seeded, synthetic): up to 300 children with an EHC
    plan active and 300 with an assessment open at the extracts' end, half of them
    paired with children waiting in the synthetic referral extracts, loaded as keyed
    hashes, so ``sendassure health send-health`` has children with plans and open
    assessments who are waiting."""
    import random
    from collections import Counter

    from sendassure.casework.frames import active_plans_for, requests_for
    from sendassure.casework.models import PersonIdentity
    from sendassure.health.referrals import synthetic
    from sendassure.health.send_health.identifiers import load_identifiers
    from sendassure.kpis.caseload import active_on
    from sendassure.kpis.open_assessments import open_cases

    planned = set(active_on(active_plans_for([DEMO_LA]), synthetic.END)["person_id"])
    assessing = set(open_cases(requests_for([DEMO_LA]), synthetic.END)["person_id"]) - planned
    upn_of = dict(PersonIdentity.objects.filter(person__la=DEMO_LA).exclude(upn="")
                  .values_list("person_id", "upn"))
    counts = Counter(upn_of.values())
    rng = random.Random(f"{DEMO_SEED}:identifiers")
    upns = []
    for people in (planned, assessing):
        once = sorted(upn_of[p] for p in people if p in upn_of and counts[upn_of[p]] == 1)
        upns += rng.sample(once, min(300, len(once)))
    path = synthetic.write_identifiers(demo_dir() / "synth" / "identifiers.csv",
                                       synthetic.identifiers(upns, DEMO_SEED))
    loaded = load_identifiers(path, DEMO_LA)
    console.print(f"Identifiers file: {loaded}", highlight=False)


def _kpis_file() -> Path:
    """``var/demo/kpis-2024.json``: the statutory measures for the demo area's latest
    complete year, from the figures service (as ``sendassure kpis`` prints them)."""
    import json

    from sendassure.figures.registry import statutory_sections
    from sendassure.figures.service import figures_for, plain
    from sendassure.kpis.periods import calendar_year

    figures = figures_for([DEMO_LA])
    year = calendar_year(DEMO_YEARS[-1])
    result = {family.name: {name: plain(f.value)
                            for name, f in figures.family(family.name, year).items()}
              for family in statutory_sections()}
    path = demo_dir() / f"kpis-{DEMO_YEARS[-1]}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path


DEMO_REVIEW = date(2024, 11, 15)  # the third progress review in the Kent example
# (area number, title, date): synthetic evidence documents, one or two per area
DEMO_EVIDENCE = [
    (1, "SEND enquiries hub: first six months", date(2024, 3, 1)),
    (2, "Inclusion framework for schools, launch briefing", date(2024, 1, 15)),
    (3, "Co-production charter agreed with the parent carer forum", date(2023, 12, 1)),
    (4, "Joint commissioning strategy 2024-2027", date(2024, 2, 20)),
    (5, "Attainment and progress of children with SEND, 2023/24", date(2024, 10, 1)),
    (6, "EHCP quality assurance audit, summer 2024", date(2024, 7, 31)),
    (6, "EHC needs assessment backlog recovery plan", date(2024, 4, 10)),
    (7, "SEND improvement and assurance board terms of reference", date(2023, 10, 5)),
    (8, "Neurodevelopmental waiting list recovery trajectory", date(2024, 6, 30)),
    (9, "Outcomes framework: children whose progress was held back", date(2024, 9, 12)),
]


def _plan(console: Console):
    """The Kent example plan and a synthetic evidence file per area."""
    from io import BytesIO

    from weasyprint import HTML

    from sendassure.plan.evidence import service
    from sendassure.plan.models import Plan
    from sendassure.plan.template import import_file

    plan = Plan.objects.filter(la=DEMO_LA).first()
    if plan is None:
        plan = import_file(KENT_PLAN)
        console.print(f"Loaded the example plan: {plan.title}")
    if not plan.areas.filter(evidence__isnull=False).exists():
        for n, (number, title, day) in enumerate(DEMO_EVIDENCE, start=1):
            area = plan.areas.get(number=number)
            pdf = HTML(string=(
                f"<html lang='en'><head><title>{title}</title></head><body><h1>{title}</h1>"
                f"<p>Synthetic evidence for the sendassure demo, area {number}: "
                f"{area.title}.</p></body></html>")).write_pdf()
            service.add_file(None, la=DEMO_LA, title=title, filename=f"evidence-{n:02}.pdf",
                             content=BytesIO(pdf), size=len(pdf), date=day,
                             author="Synthetic demo", tags=f"area {number}, demo",
                             reference=f"E{number}.{n:02}", areas=[area])
        console.print(f"Added {len(DEMO_EVIDENCE)} synthetic evidence files")
    return plan


def _audits(console: Console) -> None:
    """Synthetic plan quality audits (seeded; with double audits and re-audits) imported
    through ``sendassure audits import``; most follow-ups done on time; five plans not
    yet audited assigned to the demo auditor."""
    import random
    from datetime import date, timedelta

    from sendassure.casework.models import PersonIdentity
    from sendassure.core import versions
    from sendassure.core.models import User
    from sendassure.quality.frameworks import VERSION_KEY
    from sendassure.quality.importing import import_audits
    from sendassure.quality.models import Assignment, Audit, FollowUp
    from sendassure.quality.sampling import active_caseload
    from sendassure.synth import audits as synthetic

    if Audit.objects.filter(la=DEMO_LA).exists():
        return
    on, rows = active_caseload(DEMO_LA)
    if on is None:
        return
    ids = [r["id"] for r in rows]
    upns = dict(PersonIdentity.objects.filter(person_id__in=ids).exclude(upn="")
                .values_list("person_id", "upn"))
    counts: dict[str, int] = {}
    for upn in upns.values():
        counts[upn] = counts.get(upn, 0) + 1
    plans = [(upns[r["id"]], r["start_date"]) for r in rows
             if r["id"] in upns and counts[upns[r["id"]]] == 1 and r["start_date"]]
    path = synthetic.write(synthetic.generate(plans, date(2020, 1, 1), on, DEMO_SEED),
                           demo_dir() / "synthetic-audits.csv")
    result = import_audits(path, [DEMO_LA])
    rng = random.Random(f"{DEMO_SEED}:follow-ups")
    for follow_up in FollowUp.objects.filter(la=DEMO_LA).order_by("id"):
        if follow_up.due_date <= on and rng.random() < 0.85:
            follow_up.done_on = min(follow_up.due_date - timedelta(days=rng.randint(0, 20)),
                                    on)
            follow_up.done_on = max(follow_up.done_on, follow_up.audit.audit_date)
            follow_up.save(update_fields=["done_on"])
    versions.changed([VERSION_KEY], [DEMO_LA])
    auditor = User.objects.get(username="demo-auditor")
    audited = set(Audit.objects.filter(la=DEMO_LA).values_list("person_id", flat=True))
    for person_id in [i for i in sorted(upns) if i not in audited][:5]:
        Assignment.objects.get_or_create(person_id=person_id, auditor=auditor,
                                         defaults={"la": DEMO_LA, "assigned_on": on,
                                                   "sample": "demo"})
    console.print(f"Imported {result.added} synthetic plan quality audits ({path.name})")


def _voice(console: Console, plan) -> None:
    """Synthetic complaints, parents' surveys and enquiries (seeded), loaded by their real
    importers, and the "you said, we did" log against the plan's actions."""
    from sendassure.enquiries.importing import import_enquiries
    from sendassure.plan.models import Action, CoProduction
    from sendassure.synth import voice as synthetic
    from sendassure.voice.importing import import_complaints
    from sendassure.voice.models import Complaint
    from sendassure.voice.surveys import import_survey

    if Complaint.objects.filter(la=DEMO_LA).exists():
        return
    folder = demo_dir() / "voice"
    found = import_complaints(synthetic.complaints(DEMO_LA, DEMO_YEARS, DEMO_SEED,
                                                   folder / "complaints.csv"))
    answered = import_survey(synthetic.survey(DEMO_SEED, folder / "survey.csv"), DEMO_LA)
    asked = import_enquiries(synthetic.enquiries(DEMO_LA, date(2023, 1, 9),
                                                 date(2024, 12, 20), DEMO_SEED,
                                                 folder / "enquiries.csv"))
    for said_on, where, said, did, action in synthetic.COPRODUCTION:
        CoProduction.objects.create(
            plan=plan, said_on=said_on, where=where, you_said=said, we_did=did, public=True,
            action=Action.objects.filter(area__plan=plan, reference=action).first())
    console.print(f"Imported {found.added} synthetic complaints, {answered.added} survey "
                  f"responses, {asked.added} enquiries and "
                  f"{len(synthetic.COPRODUCTION)} 'you said, we did' entries ({folder})")


DEMO_RATER = "Synthetic demo board"


def _ratings(console: Console, plan) -> int:
    """Rate every area at each review after the first, up to the demo pack's, as the rules
    suggest on the synthetic data (the example plan's own ratings are the first review's,
    from its letter). Marked as synthetic; an area already rated at a review is left."""
    from sendassure.plan.models import RagRating
    from sendassure.plan.rag import facts_for_area, review_figures, suggest

    added = 0
    reviews = list(plan.reviews.filter(date__lte=DEMO_REVIEW).order_by("date"))[1:]
    for review in reviews:
        figures = review_figures(plan, review.date)
        for area in plan.areas.prefetch_related("actions", "measures"):
            if RagRating.objects.filter(area=area, review_date=review.date).exists():
                continue
            suggestion = suggest(facts_for_area(area, figures, review.date), review.date)
            reasons = suggestion.reasons[:2]
            RagRating.objects.create(
                area=area, review_date=review.date, rating=suggestion.rating,
                suggested=suggestion.rating, set_by_name=DEMO_RATER,
                rationale="Synthetic demo rating, as the rules suggest"
                + (f": {'; '.join(reasons)}" if reasons else "") + ".")
            added += 1
    if added:
        console.print(f"Rated {added} areas at {len(reviews)} later reviews as the rules "
                      "suggest (synthetic)")
    return added


def _pack(plan) -> Path:
    from sendassure.reports.output import write
    from sendassure.reports.review_pack import build_pack

    pack = build_pack(plan, DEMO_REVIEW)
    path = demo_dir() / f"review-pack-{DEMO_REVIEW}.pdf"
    write(pack, path)
    write(pack, path.with_suffix(".xlsx"))
    return path


def prepare(console: Console) -> str:
    _users()
    returns = _synthetic_returns(console)
    _reference_data(console)
    _health(console)
    _referrals(console)
    _import(console, returns)
    _identifiers(console)
    kpis = _kpis_file()
    plan = _plan(console)
    _audits(console)
    _voice(console, plan)
    with console.status("Rating the plan's areas at its later reviews..."):
        _ratings(console, plan)
    with console.status("Building the progress-review pack..."):
        pack = _pack(plan)
    console.print(f"Review pack: {pack}")
    return (
        f"Demo ready. Import reports: {demo_dir() / 'import-reports'}; measures: {kpis}; "
        f"review pack: {pack}.\n"
        f"Open http://127.0.0.1:8000/sign-in/?next=/dashboard/timeliness/ and sign in as demo-admin "
        f"(password {DEMO_PASSWORD})."
    )
