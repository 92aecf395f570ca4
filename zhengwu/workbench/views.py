from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhengwu.accounts.models import User

from . import selectors
from .cards import cards_for
from .charts import staff_by_role_option
from .permissions import can_see_centre_overview, can_use_workbench


def home(request: HttpRequest) -> HttpResponse:
    # Anonymous users never get here (LoginRequiredMiddleware); non-staff get 403.
    user = request.user
    if not can_use_workbench(user) or not isinstance(user, User):
        raise PermissionDenied("工作台仅供工作人员使用")
    roles = selectors.user_roles(user)
    context: dict[str, object] = {
        "roles": roles,
        "role_labels": [str(r.label) for r in roles],
        "departments": selectors.user_departments(user),
        "cards": cards_for(roles),
        "show_overview": can_see_centre_overview(user),
    }
    if context["show_overview"]:
        rows = selectors.staff_count_by_role()
        context["staff_by_role"] = rows
        context["staff_by_role_chart"] = staff_by_role_option(rows)
    return render(request, "workbench/home.html", context)
