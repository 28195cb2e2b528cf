"""The bureau's disclosure page: choose what to publish (all units or one), withhold with a
reason, withdraw what was published. Thin: selectors load, one service writes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jixiao.disclosure import selectors, services
from jixiao.disclosure.forms import PublishForm, WithdrawForm
from jixiao.ledger.forms import apply_service_errors
from jixiao.projects.selectors import project_years_for_user
from jixiao.web.params import year_param


def _publisher(request: HttpRequest) -> None:
    if not selectors.user_is_publisher(request.user):
        raise Http404("无权办理信息公开")


def _page(request: HttpRequest, *, year: int, unit_code: str, form=None, status=200):
    candidates = selectors.publication_candidates(request.user, year=year, unit_code=unit_code)
    context = {
        "years": project_years_for_user(request.user),
        "year": year,
        "unit_code": unit_code,
        "units": selectors.publish_units(request.user, year=year),
        "candidates": candidates,
        "form": form or PublishForm(initial={"year": year, "unit": unit_code}),
        "withheld_codes": set(form.data.getlist("withheld")) if form is not None else set(),
        "snapshots": selectors.snapshot_list_for_bureau(request.user, year=year),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "disclosure/publish.html", context, status=status)


@login_required
@require_GET
def disclosure_page(request: HttpRequest) -> HttpResponse:
    """What may be published this year, and what is published."""
    _publisher(request)
    years = project_years_for_user(request.user)
    year = year_param(request, years) or 0
    return _page(request, year=year, unit_code=request.GET.get("unit", ""))


@login_required
@require_POST
def disclosure_publish(request: HttpRequest) -> HttpResponse:
    """Publish; on a refusal show the page again with the choices kept and the reason named."""
    _publisher(request)
    candidates_codes = []
    raw_year = request.POST.get("year", "")
    unit_code = request.POST.get("unit", "")
    if raw_year.isdigit():
        candidates_codes = [
            c.project.code
            for c in selectors.publication_candidates(
                request.user, year=int(raw_year), unit_code=unit_code
            )
        ]
    form = PublishForm(request.POST, codes=candidates_codes)
    if form.is_valid():
        data = form.cleaned_data
        try:
            publication = services.disclosure_publish(
                year=data["year"],
                unit_code=data["unit"],
                withheld_codes=data["withheld"],
                withheld_reason=data["withheld_reason"],
                actor=request.user,
            )
        except PermissionDenied as error:
            raise Http404(str(error)) from None
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                f"已公开 {publication.snapshots.count()} 个项目"
                f"（不公开 {publication.withheld.count()} 个）。",
            )
            return redirect(f"{reverse('disclosure-publish')}?year={data['year']}&unit={unit_code}")
    if not raw_year.isdigit():
        raise Http404("年度无效")
    return _page(request, year=int(raw_year), unit_code=unit_code, form=form, status=400)


@login_required
@require_POST
def disclosure_withdraw(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    """Withdraw one published snapshot with a reason."""
    _publisher(request)
    snapshot = selectors.snapshot_get_for_withdrawal(request.user, snapshot_id=snapshot_id)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_withdraw(
                snapshot=snapshot, reason=form.cleaned_data["reason"], actor=request.user
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, f"已撤回 {snapshot.project_code} 的公开内容。")
    else:
        messages.error(request, "撤回公开须填写理由。")
    return redirect(f"{reverse('disclosure-publish')}?year={snapshot.year}")
