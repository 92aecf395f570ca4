"""Read-only view of the audit trail. Nobody — superusers included — may add, change or delete."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = (
        "seq",
        "created_at",
        "actor_label",
        "ip_address",
        "action",
        "object_type",
        "object_id",
        "object_repr",
    )
    list_filter = ("action", "object_type", ("created_at", admin.DateFieldListFilter))
    search_fields = ("=object_id", "actor_label")
    date_hierarchy = "created_at"
    ordering = ("-seq",)
    show_full_result_count = False
    fields = (
        "seq",
        "created_at",
        "actor_id",
        "actor_label",
        "ip_address",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "changes_display",
        "prev_hash",
        "entry_hash",
    )
    readonly_fields = fields

    @admin.display(description=_("变更内容"))
    def changes_display(self, obj: AuditEntry) -> SafeString:
        text = json.dumps(obj.changes, ensure_ascii=False, indent=2, sort_keys=True)
        return format_html("<pre>{}</pre>", text)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}
