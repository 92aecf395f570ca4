"""Admin: the working-day calendar (with the notice/CSV import page) and scheduled jobs."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import CalendarDayInlineFormSet, CalendarImportForm
from .models import CalendarDay, CalendarSource, CalendarYear, ScheduledJob
from .notice import ParsedCalendar, csv_parse, notice_parse
from .selectors import calendar_missing_years
from .services import calendar_year_import, calendar_year_mark_edited


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    formset = CalendarDayInlineFormSet
    fields = ("date", "kind", "name")
    extra = 0
    ordering = ("date",)


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = (
        "year",
        "source",
        "notice_reference",
        "holiday_count",
        "makeup_count",
        "updated_at",
    )
    list_filter = ("source",)
    search_fields = ("year", "notice_reference")
    readonly_fields = ("source", "created_at", "updated_at")
    fields = ("year", "source", "notice_reference", "notice_text", "created_at", "updated_at")
    inlines = (CalendarDayInline,)
    change_list_template = "core/admin/calendaryear_change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[CalendarYear]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                _holidays=Count("days", filter=Q(days__kind="holiday")),
                _makeups=Count("days", filter=Q(days__kind="makeup_workday")),
            )
        )

    @admin.display(description=_("放假天数"))
    def holiday_count(self, obj: CalendarYear) -> int:
        return int(getattr(obj, "_holidays", 0))

    @admin.display(description=_("调休上班天数"))
    def makeup_count(self, obj: CalendarYear) -> int:
        return int(getattr(obj, "_makeups", 0))

    def save_model(
        self, request: HttpRequest, obj: CalendarYear, form: ModelForm, change: bool
    ) -> None:
        if not change:
            obj.source = CalendarSource.MANUAL
        super().save_model(request, obj, form, change)

    def save_related(
        self,
        request: HttpRequest,
        form: ModelForm,
        formsets: list[BaseInlineFormSet],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        if change and any(fs.has_changed() for fs in formsets):
            calendar_year_mark_edited(calendar_year_id=form.instance.pk)

    def get_urls(self) -> list[URLPattern]:
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="core_calendaryear_import",
            ),
        ]
        return custom + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """导入国务院通知: paste (or CSV) → preview with errors → confirm → service."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        parsed: ParsedCalendar | None = None
        existing: CalendarYear | None = None
        if request.method == "POST":
            form = CalendarImportForm(request.POST, request.FILES)
            if form.is_valid():
                data = form.cleaned_data
                year = data["year"]
                if data["mode"] == "notice":
                    parsed = notice_parse(data["notice_text"], year=year)
                    source, text = CalendarSource.NOTICE, data["notice_text"]
                else:
                    parsed = csv_parse(data["csv_text"], year=year)
                    source, text = CalendarSource.MANUAL, data["csv_text"]
                existing = CalendarYear.objects.filter(year=year).first()
                if "_confirm" in request.POST and parsed.ok:
                    try:
                        calendar_year = calendar_year_import(
                            year=year,
                            days=parsed.entries,
                            source=source,
                            notice_reference=data["notice_reference"],
                            notice_text=text,
                        )
                    except ValidationError as exc:
                        form.add_error(None, exc)
                    else:
                        self.message_user(
                            request,
                            gettext("已导入%(year)d年：放假%(h)d天，调休上班%(m)d天。")
                            % {"year": year, "h": parsed.holiday_count, "m": parsed.makeup_count},
                            messages.SUCCESS,
                        )
                        return HttpResponseRedirect(
                            reverse("admin:core_calendaryear_change", args=[calendar_year.pk])
                        )
                if not form.errors:
                    # Re-render with the decoded CSV so “确认导入” does not need the file again.
                    form = CalendarImportForm(
                        initial={k: v for k, v in data.items() if k not in ("csv_file", "mode")}
                    )
        else:
            missing = calendar_missing_years()
            year_param = request.GET.get("year", "")
            initial_year = (
                int(year_param)
                if year_param.isdigit()
                else (missing[0] if missing else CalendarImportForm.default_year())
            )
            form = CalendarImportForm(initial={"year": initial_year})
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "title": gettext("导入国务院通知"),
            "opts": self.model._meta,
            "form": form,
            "parsed": parsed,
            "existing": existing,
            "existing_day_count": existing.days.count() if existing else 0,
        }
        return TemplateResponse(request, "core/admin/calendar_import.html", context)


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    """Read-only view of the scheduler's bookkeeping (the scheduler owns these rows)."""

    list_display = ("name", "last_status", "last_started_at", "next_run_at", "last_message")
    list_filter = ("last_status",)
    search_fields = ("name",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False
