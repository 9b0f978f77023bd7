"""``sendassure health``: load NHS England community health services sitreps and print
an organisation's waits by service for a month."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .django_setup import ensure_database

console = Console()
FORMATS = ("json", "table", "csv")
app = typer.Typer(help="Health waits: NHS community health services sitreps.",
                  no_args_is_help=True)


def _all_exist(paths: list[Path]) -> None:
    """Refuse (exit 2) before any work when a named file is not there."""
    missing = [p for p in paths if not p.is_file()]
    if missing:
        console.print(f"[red]No such file: {missing[0]}[/red]")
        raise typer.Exit(2)


@app.command("load-sitrep")
def load_sitrep(
    paths: list[Path] = typer.Argument(..., help="CHS sitrep workbooks (.xlsx) as NHS "
                                       "England publishes them."),
) -> None:
    """Load sitrep editions: the month from the tables' titles, every organisation level,
    '*' and blanks kept as different kinds of missing. Loading a file again changes
    nothing; a newer edition of a month replaces the one held. Exit 1 if a file is not
    a sitrep."""
    _all_exist(paths)
    ensure_database()
    from sendassure.health.sitrep import NotASitrep
    from sendassure.health.store import load_sitrep as load

    refused = False
    for path in paths:
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TextColumn("tables"), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task(f"Reading {path.name}", total=None)

            def progress(done, total, task=task, bar=bar):
                bar.update(task, completed=done, total=total)

            try:
                loaded = load(path, progress)
            except NotASitrep as error:
                loaded, refused = None, True
                console.print(f"[bold red]{path.name}: refused: {error}[/]", highlight=False,
                              soft_wrap=True)
        if loaded:
            console.print(str(loaded), highlight=False)
    if refused:
        raise typer.Exit(1)


def _month(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not YYYY-MM", param_hint="--month") from None


def _plain(value):
    return float(value) if isinstance(value, Decimal) else value


@app.command("waits")
def waits(
    org: str = typer.Option(..., "--org", help="An ICB or region ODS code (e.g. QKS, Y59), "
                            "'england', or a provider's code (or published name where "
                            "its table gives no code)."),
    month: str = typer.Option(None, "--month", help="YYYY-MM (default: the latest held)."),
    output: str = typer.Option("json", "--format", help="json, table or csv."),
) -> None:
    """An organisation's waiting list by service: each published wait band, over 52 and
    over 18 weeks, and % over 18 weeks; missing values are null."""
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    wanted = _month(month)
    ensure_database()
    from sendassure.health.waits import NoWaits
    from sendassure.health.waits import waits as find

    try:
        found = find(org, wanted)
    except NoWaits as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    services = {name: {k: _plain(v) for k, v in row.items()}
                for name, row in found["services"].items()}
    if output == "json":
        sys.stdout.write(json.dumps({**found, "services": services}, indent=2) + "\n")
        return
    columns = list(next(iter(services.values())))
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["org", "org_name", "month", "service", *columns])
        for name, row in services.items():
            writer.writerow([found["org"], found["org_name"], found["month"], name,
                             *("" if row[c] is None else row[c] for c in columns)])
        return
    table = Table(title=f"{found['org_name']} ({found['org']}): waits, {found['month']}")
    table.add_column("service")
    for column in columns:
        table.add_column(column, justify="right")
    for name, row in services.items():
        table.add_row(name, *("" if row[c] is None else f"{row[c]:,}" if isinstance(row[c], int)
                              else str(row[c]) for c in columns))
    console.print(table)


@app.command("compact-sitrep")
def compact_sitrep(
    paths: list[Path] = typer.Argument(..., help="CHS sitrep workbooks as published."),
    out: Path = typer.Option(..., "--out", help="Folder for the compact copies."),
) -> None:
    """Write a compact copy of each edition (England, regions, ICBs; no providers) that
    load-sitrep reads like the original: the demo's shipped sitreps are made this way."""
    from sendassure.health.compact import write_compact
    from sendassure.health.sitrep import NotASitrep, read_sitrep

    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        try:
            sitrep = read_sitrep(path)
        except NotASitrep as error:
            console.print(f"[bold red]{path.name}: refused: {error}[/]", highlight=False)
            raise typer.Exit(1) from None
        target = write_compact(sitrep, out / f"chs_sitrep_{sitrep.month:%Y-%m}.xlsx")
        console.print(f"{path.name}: {sitrep.month:%B %Y} -> {target}", highlight=False)


@app.command("load-autism")
def load_autism(
    paths: list[Path] = typer.Argument(..., help="NHS Autism Statistics CSV files (.csv "
                                       "or .csv.gz) as NHS England publishes them."),
) -> None:
    """Load NHS Autism Statistics by sub-ICB location (ASD16a, ASD16c, ASD18, ASD18c,
    ASD19, ASD19c), each mapped to its ICB; '*' kept as suppressed, never 0. Loading a
    file again changes nothing; a file holding months already held replaces them. Exit 1
    if a file is not NHS Autism Statistics."""
    _all_exist(paths)
    ensure_database()
    from sendassure.autism.statistics import NotAutismStatistics
    from sendassure.autism.store import load_autism_statistics

    refused = False
    for path in paths:
        try:
            with console.status(f"Reading {path.name}..."):
                loaded = load_autism_statistics(path)
        except NotAutismStatistics as error:
            refused = True
            console.print(f"[bold red]{path.name}: refused: this is not NHS Autism "
                          f"Statistics: {error}[/]", highlight=False, soft_wrap=True)
            continue
        console.print(str(loaded), highlight=False, soft_wrap=True)
    if refused:
        raise typer.Exit(1)


def _area(code: str) -> str:
    if not (len(code) == 3 and code.isascii() and code.isdigit()):
        raise typer.BadParameter(f"{code!r} is not a 3-digit LA code", param_hint="--area")
    return code


@app.command("load-referrals")
def load_referrals(
    paths: list[Path] = typer.Argument(..., help="Providers' referral extracts (.csv or "
                                       ".xlsx), one row per referral."),
    area: str = typer.Option(..., "--area", help="The local area's 3-digit LA code."),
) -> None:
    """Load child-level referral extracts: nhs_number, birth_month (YYYY-MM), sex,
    service, provider_code, referral_date, priority, first_contact_date, clock_stop_date,
    clock_stop_reason, ehc_advice_requested, ehc_advice_returned. Each row is judged by
    the rules (HR01-HR10); a bad row is quarantined with every reason (file, row, column,
    the value's shape, rule) and the rest are stored, the NHS number only as a keyed
    hash. An extract replaces the referrals held for its providers; loading the same file
    again changes nothing. Exit 1 if a file is refused whole."""
    la = _area(area)
    _all_exist(paths)
    ensure_database()
    from sendassure.core import audit
    from sendassure.health.referrals.extract import ExtractRefused
    from sendassure.health.referrals.store import load_extract

    refused = False
    for path in paths:
        try:
            loaded = load_extract(path, la)
        except ExtractRefused as error:
            refused = True
            console.print(str(error), style="bold red", highlight=False, markup=False,
                          soft_wrap=True)
            continue
        console.print(str(loaded), highlight=False, markup=False)
        for finding in loaded.findings:  # a shape is "[shape ...]": not Rich markup
            console.print(f"  {path.name}: {finding}", highlight=False, markup=False,
                          soft_wrap=True)
        if loaded.outcome != "unchanged":
            audit.record(None, "change", "ReferralExtract", path.name[:200],
                         f"{loaded.stored} referral(s) stored, {loaded.quarantined} "
                         "quarantined", areas=[la])
    if refused:
        raise typer.Exit(1)


@app.command("validate-waiting-list")
def validate_waiting_list(
    area: str = typer.Option(..., "--area", help="The local area's 3-digit LA code."),
    stale_months: int = typer.Option(6, "--stale-months", min=1, help="An open referral "
                                     "with no first contact is stale when referred more "
                                     "than this many months before the latest referral "
                                     "date loaded."),
    adult_age: int = typer.Option(18, "--adult-age", min=1, help="Age at referral from "
                                  "which a children's service's entry is out of range."),
    provider: list[str] = typer.Option([], "--provider", help="Only this provider's "
                                       "entries (ODS code; repeatable): the report to send "
                                       "it. Checks still look across every provider."),
    output: str = typer.Option("table", "--format", help="json, table or csv."),
) -> None:
    """What each provider should check on its waiting list: the same child open at two
    providers for a service, already seen elsewhere, stale (no contact), age out of
    range; each by its row in the provider's extract, never the NHS number (audited)."""
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    la = _area(area)
    ensure_database()
    from sendassure.core import audit
    from sendassure.health.waiting_list import validate
    from sendassure.health.waiting_list.queries import entries

    reference, issues = validate(entries(la), stale_months, adult_age)
    if provider:
        wanted = {p.strip().upper() for p in provider}
        issues = [i for i in issues if i.provider_code in wanted]
    audit.record(None, "view", "WaitingListValidation", la,
                 f"{len(issues)} issue(s) listed ({output}"
                 + (f"; providers {', '.join(sorted(provider))}" if provider else "") + ")",
                 areas=[la])
    columns = ("provider_code", "file_name", "row", "service", "issue", "detail")
    summary: dict[str, dict[str, int]] = {}
    for issue in issues:
        counts = summary.setdefault(issue.provider_code, {})
        counts[issue.issue] = counts.get(issue.issue, 0) + 1
    if output == "json":
        providers: dict[str, list] = {}
        for issue in issues:
            providers.setdefault(issue.provider_code, []).append(
                {c: getattr(issue, c) for c in columns[1:]})
        sys.stdout.write(json.dumps({
            "area": la, "reference_date": reference and reference.isoformat(),
            "stale_months": stale_months, "adult_age": adult_age,
            "issues": len(issues), "summary": summary, "providers": providers},
            indent=2) + "\n")
        return
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[getattr(i, c) for c in columns] for i in issues])
        return
    said = reference.isoformat() if reference else "no referrals loaded"
    table = Table(title=f"Waiting-list validation, {la} (stale measured from {said})")
    for column in columns:
        table.add_column(column, justify="right" if column == "row" else "left")
    for issue in issues:
        table.add_row(*(Text(str(getattr(issue, c))) for c in columns))
    console.print(table)
    for provider, counts in summary.items():
        console.print(f"{provider}: " + ", ".join(f"{n} {name}" for name, n in counts.items()),
                      highlight=False, markup=False)
    console.print(f"{len(issues)} issue(s).", highlight=False)


@app.command("priority")
def priority(
    area: str = typer.Option(..., "--area", help="The local area's 3-digit LA code."),
    provider: list[str] = typer.Option([], "--provider", help="Only this provider's open "
                                       "referrals (ODS code; repeatable)."),
    top: int = typer.Option(0, "--top", min=0, help="Only the first N (0: all)."),
    output: str = typer.Option("table", "--format", help="json, table or csv."),
) -> None:
    """Open referrals (no clock stop) across providers, highest priority first, each
    score with its parts: wait (weeks to the latest referral date loaded), urgency, EHC
    advice requested (or, with the identifiers file loaded, an EHC plan or open
    assessment), age nearing 5, 11, 16 or 18. Each by its row in the provider's
    extract, never the NHS number (audited). Weights: `health priority-weights`."""
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    la = _area(area)
    ensure_database()
    from sendassure.core import audit
    from sendassure.health.priority import rank
    from sendassure.health.priority.queries import open_referrals, reference_date
    from sendassure.health.priority.weights import WeightsRefused, current

    try:
        weights = current()
    except WeightsRefused as error:
        console.print(str(error), style="bold red", highlight=False, markup=False)
        raise typer.Exit(2) from error
    wanted = {p.strip().upper() for p in provider}
    as_of, scores = rank(open_referrals(la, wanted), weights, reference_date(la))
    shown = scores[:top] if top else scores
    audit.record(None, "view", "ReferralPriority", la,
                 f"{len(shown)} of {len(scores)} open referral(s) listed ({output}"
                 + (f"; providers {', '.join(sorted(wanted))}" if wanted else "") + ")",
                 areas=[la])
    names = ("wait", "urgency", "ehc", "transition")
    if output == "json":
        sys.stdout.write(json.dumps({
            "area": la, "as_of": as_of and as_of.isoformat(), "weights": weights.as_dict(),
            "open_referrals": len(scores), "listed": len(shown),
            "referrals": [{
                "rank": n, "provider_code": s.referral.provider_code,
                "file_name": s.referral.file_name, "row": s.referral.row,
                "service": s.referral.service, "score": s.total,
                "parts": {p.name: {"points": p.points, "basis": p.basis} for p in s.parts}}
                for n, s in enumerate(shown, 1)]}, indent=2) + "\n")
        return
    columns = ("rank", "provider_code", "file_name", "row", "service", "score", *names)
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([*columns, *(f"{n}_basis" for n in names)])
        for n, s in enumerate(shown, 1):
            r = s.referral
            writer.writerow([n, r.provider_code, r.file_name, r.row, r.service, s.total,
                             *(s.part(x).points for x in names),
                             *(s.part(x).basis for x in names)])
        return
    said = as_of.isoformat() if as_of else "no referrals loaded"
    table = Table(title=f"Referral priority, {la} (waits measured to {said})")
    for column in columns:
        table.add_column(column, justify="right" if column in ("rank", "row", "score",
                                                               *names) else "left")
    for n, s in enumerate(shown, 1):
        r = s.referral
        table.add_row(*(Text(str(v)) for v in (
            n, r.provider_code, r.file_name, r.row, r.service, s.total,
            *(f"{s.part(x).points} ({s.part(x).basis})" for x in names))))
    console.print(table)
    console.print("weights: " + ", ".join(f"{k}={v}" for k, v in weights.as_dict().items())
                  + f"; {len(shown)} of {len(scores)} open referral(s).",
                  highlight=False, markup=False)


@app.command("priority-weights")
def priority_weights(
    assignments: list[str] = typer.Argument(None, help="NAME=NUMBER to change (wait, "
                                            "urgency, ehc, transition, transition_months); "
                                            "none: show the weights in force."),
    user: str = typer.Option(None, "--user", envvar="SENDASSURE_USER",
                             help="Your user name: a change is audited under it."),
) -> None:
    """Show the priority weights in force, or change them (e.g. `wait=1.5 urgency=30`):
    the change is audited with who made it, the old and the new values."""
    ensure_database()
    from sendassure.health.priority.weights import WeightsRefused, change, current, parse, path

    try:
        weights = current()  # a hand-edited file that is not weights is refused
    except WeightsRefused as error:
        console.print(str(error), style="bold red", highlight=False, markup=False)
        raise typer.Exit(2) from error
    if assignments:
        if not user:
            console.print("[red]Changing the weights needs --user (it is audited).[/red]")
            raise typer.Exit(2)
        from .accounts import active_user

        account = active_user(user, console)
        from sendassure.core.permissions import allows

        if not allows("health", account):
            console.print(f"{account.username} ({account.get_role_display()}) may not change "
                          "the priority weights: an administrator, analyst or health user "
                          "may.", style="bold red", highlight=False, markup=False)
            raise typer.Exit(2)
        try:
            old, new = change(parse(assignments), account)
        except WeightsRefused as error:
            console.print(str(error), style="bold red", highlight=False, markup=False)
            raise typer.Exit(2) from error
        said = "unchanged" if old == new else f"changed (was {old.as_dict()})"
        console.print(f"Weights {said}.", highlight=False, markup=False)
        weights = new
    console.print(", ".join(f"{k}={v}" for k, v in weights.as_dict().items())
                  + f" ({path()})", highlight=False, markup=False, soft_wrap=True)


@app.command("referral-rules")
def referral_rules() -> None:
    """The rules a referral extract's rows are judged by (code, columns, what is
    required), and the service codes an extract may use."""
    from .django_setup import setup

    setup()  # the services vocabulary may be named in the settings
    from sendassure.health.referrals.rules import load_rules
    from sendassure.health.referrals.services import services

    for each in load_rules():
        console.print(f"{each.code}  {', '.join(each.columns)}: {each.requires}",
                      highlight=False, markup=False, soft_wrap=True)
    console.print("services: " + ", ".join(f"{s.code} ({s.name})" for s in services().values()),
                  highlight=False, markup=False, soft_wrap=True)


@app.command("synth-referrals")
def synth_referrals(
    out: Path = typer.Option(..., "--out", help="Folder for the extracts."),
    seed: int = typer.Option(2024, "--seed", help="The same seed writes the same files."),
    children: int = typer.Option(600, "--children", min=1, help="Children to refer."),
) -> None:
    """Write synthetic referral extracts, one CSV per provider (NHS numbers of the
    never-issued 999 range; five rows planted for the rules to quarantine): what the demo
    loads, for trying load-referrals and validate-waiting-list."""
    from sendassure.health.referrals.synthetic import write_extracts

    written = write_extracts(out, seed, children)
    for path in written.paths:
        console.print(str(path), highlight=False, markup=False)
    console.print(f"{written.rows:,} rows, {written.planted_bad} planted to be quarantined",
                  highlight=False)


@app.command("load-identifiers")
def load_identifiers(
    path: Path = typer.Argument(..., help="The council's identifiers file (.csv or .xlsx): "
                                "upn, nhs_number."),
    area: str = typer.Option(..., "--area", help="The local area's 3-digit LA code."),
) -> None:
    """Load the council's identifiers file, which joins SEN2 cases to health referrals:
    each UPN (check letter) and NHS number (Modulus 11) kept only as a pair of keyed
    hashes. A file with any bad row is refused whole, each finding reported by file, row,
    column, the value's shape and rule; a good file replaces the area's pairs; loading
    the same file again changes nothing. Exit 1 if refused."""
    la = _area(area)
    if not path.is_file():
        console.print(f"[red]No such file: {path}[/red]")
        raise typer.Exit(2)
    ensure_database()
    from sendassure.core import audit
    from sendassure.health.send_health.identifiers import IdentifiersRefused
    from sendassure.health.send_health.identifiers import load_identifiers as load

    try:
        loaded = load(path, la)
    except IdentifiersRefused as error:
        console.print(str(error), style="bold red", highlight=False, markup=False,
                      soft_wrap=True)
        for finding in error.findings:
            console.print(f"  {finding}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    console.print(str(loaded), highlight=False, markup=False)
    if loaded.outcome != "unchanged":
        audit.record(None, "change", "IdentifiersFile", path.name[:200],
                     f"{loaded.pairs} UPN/NHS number pair(s) stored as keyed hashes, "
                     f"{loaded.replaced} replaced", areas=[la])


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not YYYY-MM-DD", param_hint="--as-of") from None


@app.command("send-health")
def send_health(
    area: str = typer.Option(..., "--area", help="The local area's 3-digit LA code."),
    as_of: str = typer.Option("", "--as-of", help="YYYY-MM-DD; by default the latest "
                              "date in the area's referral extracts."),
    output: str = typer.Option("table", "--format", help="json, table or csv."),
) -> None:
    """SEND x health for an area: children with EHC plans or open assessments waiting,
    by service and band (through the identifiers file); health advice for EHC needs
    assessments returned within 6 weeks (reg 8); wheelchair equipment within 18 weeks
    (standard 92%) and autism first appointment within 13 weeks. Aggregate counts from
    child-level data: each run is audited."""
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    la = _area(area)
    wanted = _day(as_of)
    ensure_database()
    from sendassure.core import audit
    from sendassure.health.send_health.figures import BANDS
    from sendassure.health.send_health.figures import send_health as figures

    found = figures(la, wanted)
    audit.record(None, "view", "SendHealth", la,
                 f"command line: SEND x health as at {found.as_of} ({output})", areas=[la])
    result = {"area": la, "as_of": found.as_of and found.as_of.isoformat(),
              "waiting": found.waiting, "ehc_advice": found.ehc_advice,
              "standards": found.standards}
    if output == "json":
        sys.stdout.write(json.dumps(result, indent=2, default=_plain) + "\n")
        return
    rows = [("figure", "part", "value")]
    if found.waiting is None:
        rows.append(("waiting", "note", "no identifiers file loaded" if found.as_of
                     else "no referrals loaded"))
    else:
        for name in ("send_children", "ehc_plan", "open_assessment", "linked", "waiting"):
            rows.append(("waiting", name, found.waiting[name]))
        for service, counts in found.waiting["services"].items():
            for name in ("total", "ehc_plan", "open_assessment", *BANDS):
                rows.append((f"waiting:{service}", name, counts[name]))
    for name, value in (found.ehc_advice or {}).items():
        rows.append(("ehc_advice", name, value))
    for key, figure in (found.standards or {}).items():
        for name in ("count", "denominator", "pc", "standard_pc", "meets_standard"):
            rows.append((key, name, figure[name]))
    shown = [(a, b, "" if c is None else str(_plain(c))) for a, b, c in rows]
    if output == "csv":
        csv.writer(sys.stdout, lineterminator="\n").writerows(shown)
        return
    table = Table(title=f"SEND x health, {la}, as at {result['as_of'] or 'no data'}")
    for column in shown[0]:
        table.add_column(column, justify="right" if column == "value" else "left")
    for row in shown[1:]:
        table.add_row(*(Text(c) for c in row))
    console.print(table)
