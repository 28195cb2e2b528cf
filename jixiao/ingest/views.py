"""Upload → preview with every field and its source → correct and confirm → stored.

Nothing is stored before the confirmation: the extraction waits in the user's session, and a
cancelled or failed import leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.ingest.extract import FIELD_LABELS, KIND_LABELS, IngestRefused, Limits, extract_file
from jixiao.ingest.extract.model import extraction_from_dict
from jixiao.ingest.forms import (
    EDITABLE,
    INDICATOR_KEYS,
    INDICATOR_LABELS,
    UploadForm,
    correction_apply,
    shown,
)
from jixiao.ingest.selectors import findings_for, ingest_allowed, ingest_units_for_user
from jixiao.ingest.services import ImportRefused, import_save

SESSION_KEY = "ingest_pending"
KEEP = 5  # pending imports kept per session


def _allowed(request: HttpRequest) -> None:
    if not ingest_allowed(request.user):
        raise PermissionDenied("只有经办人、主管部门和财政局审核人可以导入。")


def _pending(request: HttpRequest, token: str) -> dict:
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if pending is None:
        raise Http404("导入记录不存在或已过期，请重新上传。")
    return pending


@login_required
@require_http_methods(["GET", "POST"])
def ingest_upload(request: HttpRequest) -> HttpResponse:
    """The upload page; a readable file goes on to its preview, a refused one is explained."""
    _allowed(request)
    units = ingest_units_for_user(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            extractions = extract_file(
                data, upload.name, Limits(max_bytes=settings.UPLOAD_MAX_BYTES)
            )
        except IngestRefused as error:
            form.add_error("file", str(error))
        else:
            token = secrets.token_urlsafe(12)
            store = dict(request.session.get(SESSION_KEY, {}))
            while len(store) >= KEEP:
                store.pop(next(iter(store)))
            store[token] = {
                "filename": upload.name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "unit": form.cleaned_data["unit"],
                "extractions": [extraction.to_dict() for extraction in extractions],
            }
            request.session[SESSION_KEY] = store
            return redirect("ingest-preview", token=token)
    status = 400 if request.method == "POST" else 200
    return render(request, "ingest/upload.html", {"form": form}, status=status)


def _preview_context(
    token: str, pending: dict, index: int, extraction, errors=(), posted=None
) -> dict:
    posted = posted or {}
    fields = [
        {
            "name": name,
            "label": FIELD_LABELS[name],
            "item": extraction.fields.get(name),
            "input": posted.get(f"f-{name}", shown(extraction.fields.get(name))),
            "editable": name in EDITABLE,
        }
        for name in FIELD_LABELS
        if name in extraction.fields or name in EDITABLE
    ]
    rows = []
    for number, row in enumerate(extraction.indicators, start=1):
        rows.append(
            {
                "number": number,
                "cells": [
                    {
                        "key": key,
                        "label": INDICATOR_LABELS[key],
                        "item": row.get(key),
                        "input": posted.get(f"i-{number}-{key}", shown(row.get(key))),
                    }
                    for key in INDICATOR_KEYS
                ],
            }
        )
    return {
        "pending_token": token,
        "pending": pending,
        "index": index,
        "count": len(pending["extractions"]),
        "kind": KIND_LABELS.get(extraction.kind, extraction.kind),
        "extraction": extraction,
        "fields": fields,
        "rows": rows,
        "missing": [FIELD_LABELS[name] for name in extraction.missing],
        "findings": findings_for(extraction),
        "errors": list(errors),
    }


@login_required
@require_http_methods(["GET", "POST"])
def ingest_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Every extracted field with where it came from, the findings, and the confirm form."""
    _allowed(request)
    pending = _pending(request, token)
    try:
        index = int(request.GET.get("index", request.POST.get("index", "1")))
        data = pending["extractions"][index - 1]
    except (ValueError, IndexError):
        raise Http404("没有这个项目。") from None
    extraction = extraction_from_dict(data)
    if request.method == "GET":
        return render(
            request, "ingest/preview.html", _preview_context(token, pending, index, extraction)
        )
    corrected, errors = correction_apply(extraction, request.POST)
    if not request.POST.get("confirm"):
        errors.append("请勾选“我已逐项核对以上内容”后再保存。")
    unit = ingest_units_for_user(request.user).filter(code=pending["unit"]).first()
    if unit is None:
        errors.append("所选单位不在您的权限范围内。")
    if not errors:
        try:
            result = import_save(
                extraction=corrected,
                unit=unit,
                actor=request.user,
                filename=pending["filename"],
                checksum=pending["sha256"],
                accept_unsure=True,
            )
        except ImportRefused as refusal:
            errors += refusal.problems
        else:
            store = dict(request.session.get(SESSION_KEY, {}))
            store.pop(token, None)
            request.session[SESSION_KEY] = store
            messages.success(request, f"已导入为项目 {result.project.code}。")
            return redirect("project-detail", code=result.project.code)
    context = _preview_context(token, pending, index, extraction, errors, request.POST)
    return render(request, "ingest/preview.html", context, status=400)


@login_required
@require_POST
def ingest_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Forget a pending import; nothing was stored."""
    _allowed(request)
    _pending(request, token)
    store = dict(request.session.get(SESSION_KEY, {}))
    store.pop(token, None)
    request.session[SESSION_KEY] = store
    messages.info(request, "已取消导入，未保存任何内容。")
    return redirect("ingest-upload")
