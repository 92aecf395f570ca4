from django.contrib import admin
from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView

urlpatterns = [
    path("", include("zhengwu.portal.urls")),
    path("accounts/", include("zhengwu.accounts.urls")),
    path("workbench/", include("zhengwu.workbench.urls")),
    path("calendar/", include("zhengwu.core.urls")),
    path("org/", include("zhengwu.organisations.urls")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/", include("config.api_urls")),
]

admin.site.site_header = "政务服务与政务公开平台 · 系统管理"
admin.site.site_title = "系统管理"
admin.site.index_title = "系统管理"
