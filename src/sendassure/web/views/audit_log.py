"""Administrators list and filter the audit log. There is no edit or delete."""

from django.core.paginator import Paginator
from django.shortcuts import render

from sendassure.core.permissions import requires

from ..presenters.audit_log import AuditFilter


@requires("administer")
def audit_log(request):
    audit_filter = AuditFilter(request.GET)
    page = Paginator(audit_filter.queryset(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit-log.html",
        {"title": "Audit log", "filter": audit_filter, "page": page,
         "query": audit_filter.query_string()},
    )
