from django.urls import path

from . import views

app_name = "core-api"
urlpatterns = [
    path("workdays/add/", views.WorkdaysAddApi.as_view(), name="workdays-add"),
]
