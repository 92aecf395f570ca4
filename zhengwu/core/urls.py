from django.urls import URLPattern, path

from . import views

app_name = "core"
urlpatterns: list[URLPattern] = [
    path("explain/", views.explain, name="explain"),
]
