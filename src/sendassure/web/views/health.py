"""The health waits page: NHS England's community health services waiting lists for an
ICB (the user's area's by default), a region or England, for a month (the latest held by
default), children's or adults' services, with England's share over 18 weeks beside;
``&format=csv`` downloads the table. Published aggregate statistics: the same for every
signed-in role, except that the health role sees only England and its areas' ICBs and
regions (``health.access``); another organisation asked for by URL is refused (403)."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from sendassure.core.navigation import reachable
from sendassure.core.permissions import requires
from sendassure.figures.registry import DataCurrency
from sendassure.health.access import visible_organisations
from sendassure.health.models import NonSubmission, SitrepEdition
from sendassure.health.organisations import ENGLAND, ENGLAND_CODE, ICB, REGION, icbs_of, region_of
from sendassure.health.waits import NoWaits, waits
from sendassure.health.waits_over_time import same_service, services
from sendassure.kpis.periods import month_end
from sendassure.web.presenters.health_waits import Series, waits_figures

SALT = "(CYP) Therapy interventions: Speech and language"  # the default service over time
GROUPS = {"children": ("(CYP)", "Children's services"), "adults": ("(A)", "Adults' services")}
COLUMNS = (("total", "Waiting"), ("weeks_0_1", "0-1 weeks"), ("weeks_1_2", "1-2 weeks"),
           ("weeks_2_4", "2-4 weeks"), ("weeks_4_12", "4-12 weeks"),
           ("weeks_12_18", "12-18 weeks"), ("weeks_18_52", "18-52 weeks"),
           ("weeks_over_52", "Over 52 weeks"), ("weeks_52_104", "52-104 weeks"),
           ("weeks_over_104", "Over 104 weeks"), ("over_18_weeks", "Over 18 weeks"),
           ("pc_over_18_weeks", "% over 18 weeks"))


def _organisations(edition: SitrepEdition) -> list[tuple[str, str]]:
    """England, the regions and the ICBs the edition publishes, as (code, name)."""
    found = (edition.waits.filter(level__in=(ENGLAND, REGION, ICB))
             .values_list("level", "org_code", "org_name").distinct())
    order = {ENGLAND: 0, REGION: 1, ICB: 2}
    return [(code, name) for level, code, name in
            sorted(set(found), key=lambda r: (order[r[0]], r[2]))]


def _default_org(user) -> str:
    for la in user.area_codes:
        icbs = icbs_of(la)
        if len(icbs) == 1:
            return icbs[0][0]
    return "england"


def _month(text: str, held: list[date]) -> date | None:
    return next((m for m in held if f"{m:%Y-%m}" == text), None)


def _shown(value) -> str:
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) else str(value)


def _not_submitted(edition: SitrepEdition, org_code: str) -> list[str]:
    """Table 1 of the edition: providers that did not submit for its month."""
    notes = []
    for row in NonSubmission.objects.filter(edition=edition, month=edition.month,
                                            level__in=(ENGLAND, ICB, REGION)):
        if row.level == ENGLAND or row.org_code == org_code:
            if row.providers:
                notes.append(f"{row.org_name}: {row.providers} provider(s) in scope did not "
                             f"submit for {edition.month:%B %Y}, so its figures are "
                             "incomplete.")
    return notes


def _service(asked: str, group: str, errors: list[str]) -> tuple[str, list[str]]:
    """The service shown over time (speech and language, else the group's first) and
    the services of the group to choose from."""
    choices = services(GROUPS[group][0])
    by_key = {same_service(name): name for name in choices}
    if asked and same_service(asked) not in by_key:
        errors.append("Choose a service from the list")
    default = by_key.get(same_service(SALT)) or (choices[0] if choices else "")
    return by_key.get(same_service(asked), default), choices


def _over_time(found: dict, organisations: list[tuple[str, str]], service: str,
               data_to: str):
    org = Series(ENGLAND if found["org"] == ENGLAND_CODE else found["org"], found["org_name"])
    names = dict(organisations)
    region = region_of(found["org"])
    beside = Series(region, names.get(region, region)) if region in names else None
    return waits_figures(org, beside, service, data_to)


def _figure_csv(figure, found: dict, data_to) -> HttpResponse:
    response = HttpResponse(figure.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="health-waits-{found["org"]}-'
                                       f'{figure.id}-data-to-{data_to}.csv"')
    response["X-Data-To"] = data_to.isoformat()
    return response


@requires("aggregates")
def waits_page(request):
    errors = []
    held = list(SitrepEdition.objects.order_by("-month").values_list("month", flat=True))
    month = held[0] if held else None
    if request.GET.get("month"):
        month = _month(request.GET["month"], held)
        if month is None:
            errors.append("Choose a month from the list")
            month = held[0] if held else None
    group = request.GET.get("services") or "children"
    if group not in GROUPS:
        errors.append("Choose children's or adults' services")
        group = "children"
    edition = SitrepEdition.objects.filter(month=month).first() if month else None
    allowed = visible_organisations(request.user)
    if request.GET.get("org") and allowed is not None and request.GET["org"] not in allowed:
        raise PermissionDenied("Health data for your areas' ICBs only")
    organisations = [(code, name) for code, name in
                     (_organisations(edition) if edition else [])
                     if allowed is None or code in allowed]
    org = request.GET.get("org") or _default_org(request.user)
    codes = {code for code, _ in organisations}
    if edition and org != "england" and org not in codes:
        if request.GET.get("org"):
            errors.append("Choose an organisation from the list")
        org = "england"
    found, england = None, None
    if edition:
        try:
            found = waits(org, month)
            england = waits("england", month)
        except NoWaits as error:
            errors.append(str(error))
    prefix = GROUPS[group][0]
    rows = []
    if found:
        for service, values in found["services"].items():
            if service.startswith(prefix):
                base = england["services"].get(service, {}) if england else {}
                rows.append({"service": service, "values": values,
                             "england": base.get("pc_over_18_weeks")})
    columns = [(key, label) for key, label in COLUMNS
               if rows and key in rows[0]["values"]]
    if found and request.GET.get("format") == "csv" and not request.GET.get("figure"):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["org", "org_name", "month", "service", *(k for k, _ in columns),
                         "england_pc_over_18_weeks"])
        for row in rows:
            writer.writerow([found["org"], found["org_name"], found["month"], row["service"],
                             *("" if row["values"][k] is None else row["values"][k]
                               for k, _ in columns),
                             "" if row["england"] is None else row["england"]])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="health-waits-{found["org"]}-{found["month"]}-{group}.csv"')
        return response
    currency = DataCurrency(held[-1], month_end(held[0]),
                            SitrepEdition.objects.get(month=held[0]).file_name,
                            SitrepEdition.objects.get(month=held[0]).loaded_at) if held \
        else DataCurrency(None, None)
    service, choices = _service(request.GET.get("service", ""), group, errors)
    figures = _over_time(found, organisations, service, currency.describe()) \
        if found and service else []
    if found and request.GET.get("format") == "csv":
        figure = next((f for f in figures if f.id == request.GET.get("figure")), None)
        if figure is None:
            raise Http404("No such figure")
        return _figure_csv(figure, found, currency.data_to)
    return render(request, "health/waits.html", {
        "service": service, "services": choices, "figures": figures,
        "referrals_href": reachable(request, "health-referrals"),
        "title": "Waits for community health services", "errors": errors,
        "currency": currency.describe(), "has_data": bool(held), "months": held,
        "month": month, "organisations": organisations, "org": org, "found": found,
        "group": group, "groups": GROUPS, "rows": rows, "columns": columns,
        "shown": _shown, "notes": _not_submitted(edition, found["org"]) if found else [],
    })
