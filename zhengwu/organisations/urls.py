from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.my_department, name="my-department"),
    path("windows/<int:pk>/edit/", views.window_edit, name="window-edit"),
    path(
        "departments/<int:department_id>/sections/new/", views.section_create, name="section-create"
    ),
]
