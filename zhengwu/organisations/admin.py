from django.contrib import admin

from .models import Department, Region, Section, Window


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    search_fields = ["code", "name"]
    list_filter = ["level"]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "credit_code", "org_code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "credit_code", "org_code"]
    list_select_related = ["region"]
    inlines = [SectionInline]


@admin.register(Window)
class WindowAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "department", "location", "is_active"]
    list_filter = ["is_active", "department"]
    search_fields = ["number", "name"]
    list_select_related = ["department"]
    filter_horizontal = ["staff"]
