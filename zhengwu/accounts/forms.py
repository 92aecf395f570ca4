"""Input shape only; rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import UserKind


class PhoneField(forms.CharField):
    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("label", _("手机号"))
        kwargs.setdefault("max_length", 11)
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "tel"})


class SmsLoginForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(UserKind.CITIZEN, _("个人")), (UserKind.ENTERPRISE, _("法人"))],
        widget=forms.HiddenInput,
    )
    phone = PhoneField()
    code = forms.CharField(label=_("短信验证码"), max_length=6, required=False)


class PasswordLoginForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (UserKind.CITIZEN, _("个人")),
            (UserKind.ENTERPRISE, _("法人")),
            (UserKind.STAFF, _("工作人员")),
        ],
        widget=forms.HiddenInput,
    )
    username = forms.CharField(label=_("账号"), max_length=150)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, strip=False)


class CitizenRegisterForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("居民身份证号码"), max_length=18)
    phone = PhoneField()
    code = forms.CharField(label=_("短信验证码"), max_length=6, required=False)
    password = forms.CharField(
        label=_("登录密码（可选）"),
        widget=forms.PasswordInput,
        required=False,
        strip=False,
        help_text=_("不设置密码时可使用手机短信验证码登录。"),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)


class EnterpriseRegisterForm(forms.Form):
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18)
    name = forms.CharField(label=_("单位名称"), max_length=200)
    legal_representative = forms.CharField(label=_("法定代表人"), max_length=50)
    agent_name = forms.CharField(label=_("经办人姓名"), max_length=50)
    agent_id_number = forms.CharField(label=_("经办人身份证号码"), max_length=18)
    phone = PhoneField(label=_("经办人手机号"))
    code = forms.CharField(label=_("短信验证码"), max_length=6, required=False)
    password = forms.CharField(
        label=_("登录密码（可选）"), widget=forms.PasswordInput, required=False, strip=False
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)


class AccountLookupForm(forms.Form):
    q = forms.CharField(label=_("身份证号码、手机号或统一社会信用代码"), max_length=18)
