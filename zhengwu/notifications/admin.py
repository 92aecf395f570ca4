from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["id", "channel", "template_code", "recipient", "status", "attempts", "created_at"]
    list_filter = ["channel", "status", "template_code"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
