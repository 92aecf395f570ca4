from django import forms
from django.utils.translation import gettext_lazy as _


class WindowForm(forms.Form):
    name = forms.CharField(label=_("窗口名称"), max_length=100)
    location = forms.CharField(label=_("位置"), max_length=100)
    is_active = forms.BooleanField(label=_("启用"), required=False)


class SectionForm(forms.Form):
    name = forms.CharField(label=_("科室名称"), max_length=100)
    phone = forms.CharField(label=_("电话"), max_length=30, required=False)
