from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("register/", views.register_view, name="register"),
    path("lookup/", views.lookup_view, name="lookup"),
    path("reveal/<str:model>/<int:pk>/<str:field>/", views.reveal_view, name="reveal"),
]
