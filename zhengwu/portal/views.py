from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhengwu.accounts.models import UserKind
from zhengwu.workbench.permissions import can_use_workbench

from .entries import resolved_entries

SEARCH_MAX_LENGTH = 50


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    is_applicant = user.is_authenticated and user.kind in {UserKind.CITIZEN, UserKind.ENTERPRISE}
    context = {
        "entries": resolved_entries(),
        # 办事指南检索 is not open yet: the query is echoed back with a notice.
        "query": request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH],
        "is_applicant": is_applicant,
        "is_staff_member": can_use_workbench(user),
    }
    return render(request, "portal/home.html", context)
