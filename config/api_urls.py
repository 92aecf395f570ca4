"""Every app's API under /api/ (each app adds its own `api/urls.py` here)."""

from django.urls import include, path

urlpatterns = [
    path("core/", include("zhengwu.core.api.urls")),
]
