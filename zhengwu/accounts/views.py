"""Login (SMS code or password), registration of 自然人/法人, logout, account look-up, reveal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengwu.audit.context import client_ip
from zhengwu.core.errors import RateLimited, UserFacingError
from zhengwu.core.idempotency import form_token_consume, form_token_issue

from . import selectors, services
from .forms import (
    AccountLookupForm,
    CitizenRegisterForm,
    EnterpriseRegisterForm,
    PasswordLoginForm,
    SmsLoginForm,
)
from .models import SmsPurpose, UserKind
from .permissions import can_lookup_accounts, can_reveal_personal_data

BACKEND = "zhengwu.accounts.backends.PhoneOrUsernameBackend"
REVEAL_SESSION_KEY = "zhengwu_revealable"


def _next_url(request: HttpRequest, user: Any) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("workbench:home" if user.kind == UserKind.STAFF else "portal:home")


def _add_error(form: Any, exc: UserFacingError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@login_not_required
def login_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or request.POST.get("kind") or UserKind.CITIZEN
    if kind not in UserKind.values:
        kind = UserKind.CITIZEN
    mode = "password" if kind == UserKind.STAFF else request.GET.get("mode", "sms")
    if request.method == "POST":
        mode = request.POST.get("mode", mode) if kind != UserKind.STAFF else "password"
    sms_form = SmsLoginForm(initial={"kind": kind})
    password_form = PasswordLoginForm(initial={"kind": kind})
    locked_out = False
    if request.method == "POST" and mode == "sms":
        sms_form = SmsLoginForm(request.POST)
        if sms_form.is_valid():
            data = sms_form.cleaned_data
            try:
                if "send_code" in request.POST:
                    services.sms_code_send(
                        phone=data["phone"], purpose=SmsPurpose.LOGIN, ip_address=client_ip(request)
                    )
                    messages.info(request, _("验证码已发送，5分钟内有效。"))
                else:
                    user = services.user_for_sms_login(
                        phone=data["phone"], kind=data["kind"], code=data["code"] or ""
                    )
                    login(request, user, backend=BACKEND)
                    return HttpResponseRedirect(_next_url(request, user))
            except UserFacingError as exc:
                _add_error(sms_form, exc)
    elif request.method == "POST":
        password_form = PasswordLoginForm(request.POST)
        if password_form.is_valid():
            data = password_form.cleaned_data
            account = authenticate(
                request, username=data["username"], password=data["password"], kind=data["kind"]
            )
            if account is not None:
                login(request, account, backend=BACKEND)
                return HttpResponseRedirect(_next_url(request, account))
            locked_out = bool(getattr(request, "axes_locked_out", False))
            password_form.add_error(
                None,
                _("登录失败次数过多，账号已暂时锁定，请30分钟后再试。")
                if locked_out
                else _("账号或密码不正确。"),
            )
    status = 403 if locked_out else 200
    return render(
        request,
        "accounts/login.html",
        {
            "kind": kind,
            "mode": mode,
            "sms_form": sms_form,
            "password_form": password_form,
            "next": request.GET.get("next", ""),
        },
        status=status,
    )


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@login_not_required
def register_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or request.POST.get("kind") or UserKind.CITIZEN
    form_class = EnterpriseRegisterForm if kind == UserKind.ENTERPRISE else CitizenRegisterForm
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if "send_code" in request.POST:
                    services.sms_code_send(
                        phone=data["phone"],
                        purpose=SmsPurpose.REGISTER,
                        ip_address=client_ip(request),
                    )
                    messages.info(request, _("验证码已发送，5分钟内有效。"))
                else:
                    if not form_token_consume(request, data.pop("form_token")):
                        raise UserFacingError(_("请勿重复提交。如未完成注册，请刷新页面后重试。"))
                    code = data.pop("code") or ""
                    password = data.pop("password") or None
                    if kind == UserKind.ENTERPRISE:
                        user = services.enterprise_register(
                            **data, sms_code=code, password=password
                        )
                    else:
                        user = services.citizen_register(**data, sms_code=code, password=password)
                    login(request, user, backend=BACKEND)
                    messages.success(request, _("注册成功，欢迎使用。"))
                    return redirect("portal:home")
            except UserFacingError as exc:
                _add_error(form, exc)
    else:
        form = form_class()
    # Every rendering carries a fresh one-time token (a failed attempt may be corrected and sent).
    return render(
        request,
        "accounts/register.html",
        {"form": form, "kind": kind, "form_token": form_token_issue(request)},
    )


def lookup_view(request: HttpRequest) -> HttpResponse:
    if not can_lookup_accounts(request.user):
        raise PermissionDenied
    # POST, so ID numbers never land in URLs, browser history or access logs; the field is
    # emptied after the search so the full number is not echoed back into the page.
    form = AccountLookupForm(request.POST or None)
    results = None
    if form.is_valid():
        results = selectors.accounts_lookup(query=form.cleaned_data["q"])
        request.session[REVEAL_SESSION_KEY] = selectors.reveal_keys(results)
        form = AccountLookupForm()
    return render(
        request,
        "accounts/lookup.html",
        {"form": form, "results": results, "can_reveal": can_reveal_personal_data(request.user)},
    )


@require_POST
def reveal_view(request: HttpRequest, model: str, pk: int, field: str) -> HttpResponse:
    if not can_reveal_personal_data(request.user):
        raise PermissionDenied
    queryset = selectors.revealable_queryset(model=model, field=field)
    # Only records the officer has just looked up by their full number may be revealed: no
    # walking through primary keys.
    if queryset is None or f"{model}:{pk}" not in request.session.get(REVEAL_SESSION_KEY, []):
        raise PermissionDenied
    obj = get_object_or_404(queryset, pk=pk)
    try:
        value = services.personal_data_reveal(
            obj=obj, field_name=field, reason=request.POST.get("reason", "")
        )
    except RateLimited as exc:
        return render(request, "accounts/_revealed.html", {"error": exc.message}, status=429)
    return render(request, "accounts/_revealed.html", {"value": value})
