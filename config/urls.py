from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny


@login_not_required
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # resolved per request: the hashed static name exists only after collectstatic
    return HttpResponsePermanentRedirect(static("img/emblem.svg"))


urlpatterns = [
    # Browsers ask for /favicon.ico on pages without an icon link (e.g. the admin).
    path("favicon.ico", favicon),
    path("", include("zhengwu.portal.urls")),
    path("accounts/", include("zhengwu.accounts.urls")),
    path("workbench/", include("zhengwu.workbench.urls")),
    path("calendar/", include("zhengwu.core.urls")),
    path("org/", include("zhengwu.organisations.urls")),
    path("admin/", admin.site.urls),
    # The schema describes the API's shape only (no data), so intranet clients may fetch it freely.
    path(
        "api/schema/",
        login_not_required(SpectacularAPIView.as_view(permission_classes=[AllowAny])),
        name="api-schema",
    ),
    path("api/", include("config.api_urls")),
]

admin.site.site_header = "政务服务与政务公开平台 · 系统管理"
admin.site.site_title = "系统管理"
admin.site.index_title = "系统管理"
