"""Admin for accounts. Personal data is shown masked; plaintext only via the audited reveal."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from .models import CitizenProfile, EnterpriseProfile, SmsCode, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "kind", "phone", "is_active", "last_login"]
    list_filter = ["kind", "is_active", "groups", "departments"]
    search_fields = ["username", "full_name"]
    readonly_fields = ["phone", "phone_verified_at", "last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("username", "password", "kind", "full_name")}),
        ("联系方式", {"fields": ("phone", "phone_verified_at", "email")}),
        ("部门与角色", {"fields": ("departments", "section", "groups")}),
        ("状态", {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "kind", "full_name", "password1", "password2")}),
    )
    filter_horizontal = ["groups", "departments"]


@admin.register(CitizenProfile)
class CitizenProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "id_number", "user", "created_at"]
    readonly_fields = ["user", "name", "id_number", "created_at"]
    exclude = ["id_number_index"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # accounts are created by registration, which validates and encrypts


@admin.register(EnterpriseProfile)
class EnterpriseProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "legal_representative", "agent_name", "agent_id_number"]
    search_fields = ["name", "credit_code"]
    readonly_fields = ["user", "agent_id_number", "created_at"]
    exclude = ["agent_id_number_index"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SmsCode)
class SmsCodeAdmin(admin.ModelAdmin):
    list_display = ["phone", "purpose", "status", "failed_attempts", "created_at", "ip_address"]
    list_filter = ["purpose", "status"]
    readonly_fields = [f.name for f in SmsCode._meta.fields if f.name != "code_hash"]
    exclude = ["code_hash", "phone_index"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
