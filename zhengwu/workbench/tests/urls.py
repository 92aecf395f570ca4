"""A URLconf in which every default menu entry resolves (other apps' pages may not exist yet)."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path


def _page(request):  # pragma: no cover - never rendered, only reversed
    return HttpResponse("ok")


urlpatterns = [
    path("", include("zhengwu.portal.urls")),
    path(
        "accounts/",
        include(
            (
                [
                    path("login/", _page, name="login"),
                    path("logout/", _page, name="logout"),
                    path("register/", _page, name="register"),
                ],
                "accounts",
            )
        ),
    ),
    path("workbench/", include("zhengwu.workbench.urls")),
    path("calendar/", include(([path("explain/", _page, name="explain")], "core"))),
    path(
        "org/",
        include(([path("my/", _page, name="my-department")], "organisations")),
    ),
    path("admin/", admin.site.urls),
]
