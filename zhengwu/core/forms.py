"""Input shape for the calendar pages (rules live in workdays/notice/services)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .notice import entries_problems
from .workdays import MAX_WORKDAYS, CalendarEntry, EntryKind, Pause

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CSV_MAX_BYTES = 256 * 1024


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# key → (choice label, the label the explanation prints: “补正暂停，不计”)
# 补正 under 政府信息公开条例 Art 30 is not a pause but a restart (the ``restart_date`` field);
# only where a local 政务服务 rule suspends the clock during review is it a pause.
PAUSE_REASONS: dict[str, tuple[StrOrPromise, StrOrPromise]] = {
    "special_procedure": (_("特别程序（检验、检测、鉴定、专家评审等）"), _("特别程序")),
    "consultation": (_("征求第三方或其他机关意见"), _("征求意见")),
    "correction": (_("审查中补正材料（按地方规定暂停计时）"), _("补正暂停")),
    "other": (_("其他暂停"), _("暂停计时")),
}
RESTART_REASON = _("根据《政府信息公开条例》第三十条，答复期限自收到补正之日起重新计算，")


class DeadlineForm(forms.Form):
    """“期限计算”: start date, N working days, optional pause interval and extension."""

    start_date = forms.DateField(label=_("起算日（收到申请之日）"), widget=DateInput())
    days = forms.IntegerField(label=_("期限（工作日）"), min_value=0, max_value=MAX_WORKDAYS)
    extension_days = forms.IntegerField(
        label=_("延期（工作日）"), min_value=0, max_value=MAX_WORKDAYS, required=False
    )
    restart_date = forms.DateField(
        label=_("收到补正之日（重新起算）"),
        widget=DateInput(),
        required=False,
        help_text=_("依申请公开的申请人补正后，答复期限自收到补正之日起重新计算（条例第三十条）。"),
    )
    pause_start = forms.DateField(label=_("暂停开始日"), widget=DateInput(), required=False)
    pause_end = forms.DateField(label=_("暂停结束日"), widget=DateInput(), required=False)
    pause_reason = forms.ChoiceField(
        label=_("暂停原因"),
        required=False,
        choices=[(key, choice) for key, (choice, _label) in PAUSE_REASONS.items()],
        initial="special_procedure",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("pause_start"), data.get("pause_end")
        if (start is None) != (end is None):
            raise ValidationError(gettext("暂停期间需要同时填写开始日和结束日。"))
        if start is not None and end is not None and end < start:
            raise ValidationError(gettext("暂停结束日不能早于暂停开始日。"))
        return data

    def pauses(self) -> tuple[Pause, ...]:
        data = self.cleaned_data
        if data.get("pause_start") is None:
            return ()
        _choice, label = PAUSE_REASONS[data.get("pause_reason") or "special_procedure"]
        return (Pause(start=data["pause_start"], end=data["pause_end"], reason=str(label)),)


def _decode_upload(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in zh-CN saves CSV as GBK
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(gettext("CSV文件编码无法识别，请另存为UTF-8编码。"))


class CalendarImportForm(forms.Form):
    """Admin “导入国务院通知”: notice text, or CSV (pasted or uploaded), for one year."""

    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)
    notice_reference = forms.CharField(
        label=_("通知文号"),
        max_length=100,
        required=False,
        help_text=_("如：国办发明电〔2025〕7号"),  # noqa: RUF001
    )
    notice_text = forms.CharField(
        label=_("通知原文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text=_("粘贴国务院办公厅关于部分节假日安排的通知全文（或其中“一、元旦：……”各条）。"),
    )
    csv_text = forms.CharField(
        label=_("CSV内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
        help_text=_("每行：日期,类型(休/班),名称，例如 2027-10-01,休,国庆节"),
    )
    csv_file = forms.FileField(label=_("或上传CSV文件"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("csv_file")
        if upload is not None:
            if upload.size and upload.size > CSV_MAX_BYTES:
                raise ValidationError(gettext("CSV文件过大。"))
            data["csv_text"] = _decode_upload(upload.read())
        has_notice = bool((data.get("notice_text") or "").strip())
        has_csv = bool((data.get("csv_text") or "").strip())
        if has_notice == has_csv:
            raise ValidationError(gettext("请粘贴通知原文，或提供CSV，二者选其一。"))
        data["mode"] = "notice" if has_notice else "csv"
        return data

    @staticmethod
    def default_year() -> int:
        return timezone.localdate().year + 1


class CalendarDayInlineFormSet(forms.BaseInlineFormSet):
    """Admin inline: the rows of one year must be consistent (weekend make-up days, one year)."""

    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        year = getattr(self.instance, "year", None)
        if not year:
            return
        entries: list[CalendarEntry] = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("date") or not data.get("kind"):
                continue
            entries.append(
                CalendarEntry(
                    date=data["date"], kind=EntryKind(data["kind"]), name=data.get("name") or ""
                )
            )
        problems = entries_problems(year=int(year), entries=entries)
        if problems:
            raise ValidationError(problems)
