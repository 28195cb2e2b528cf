"""三重一大 decisions linked to entries, and evidence files checked by content."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.audit.models import AuditEvent
from jixiao.goals.models import Indicator
from jixiao.ledger.models import Evidence, LedgerEntry, MajorDecision
from jixiao.ledger.selectors import ledger_entries_missing_decision
from jixiao.ledger.services import evidence_upload, major_decision_record
from jixiao.ledger.tests import files

pytestmark = pytest.mark.django_db


def _counts(media_root):
    stored = list(media_root.rglob("*.*")) if media_root.exists() else []
    return (
        MajorDecision.objects.count(),
        Evidence.objects.count(),
        AuditEvent.objects.count(),
        len([path for path in stored if path.is_file()]),
    )


def _decision(project, actor, **overrides):
    values = {
        "project": project,
        "date": datetime.date(2023, 5, 20),
        "meeting": "2023 年第 5 次委务会",
        "attendees": "委领导班子成员",
        "matter": "党建阵地建设支出 56,300 元",
        "decision": "同意",
        "entries": [LedgerEntry.objects.get(project=project, amount=Decimal("56300.00"))],
        "actor": actor,
    }
    values.update(overrides)
    return major_decision_record(**values)


def test_it_records_a_decision_with_minutes_and_clears_the_flag(seed_project, users, media_root):
    minutes = SimpleUploadedFile("纪要.pdf", files.tiny_pdf(), content_type="application/pdf")
    decision = _decision(seed_project, users["staff"], minutes=minutes)
    assert ledger_entries_missing_decision(seed_project) == []
    evidence = Evidence.objects.get(decision=decision)
    assert evidence.original_name == "纪要.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.sha256 == hashlib.sha256(files.tiny_pdf()).hexdigest()
    assert evidence.file.name.startswith(f"evidence/{seed_project.pk}/")
    assert "纪要" not in evidence.file.name
    assert (media_root / evidence.file.name).read_bytes() == files.tiny_pdf()
    event = AuditEvent.objects.get(action="ledger.major_decision")
    assert event.changes["decision"] == [None, "同意"]


def test_it_refuses_a_decision_by_another_unit(seed_project, users, media_root):
    before = _counts(media_root)
    with pytest.raises(PermissionDenied):
        _decision(seed_project, users["other"])
    assert _counts(media_root) == before


def test_it_refuses_a_decision_with_empty_fields_or_a_bad_date(seed_project, users, media_root):
    before = _counts(media_root)
    with pytest.raises(ValidationError) as refused:
        _decision(seed_project, users["staff"], meeting=" ", decision="")
    assert refused.value.message_dict == {
        "meeting": ["请填写会议名称。"],
        "decision": ["请填写决策结果。"],
    }
    with pytest.raises(ValidationError) as refused:
        _decision(seed_project, users["staff"], date=datetime.date(2022, 5, 20))
    assert refused.value.message_dict == {
        "date": ["日期 2022-05-20 不在项目年度 2023 年内，请核对。"]
    }
    assert _counts(media_root) == before


def test_it_refuses_linking_an_entry_of_another_project(seed_project, other_project, users):
    foreign = LedgerEntry.objects.filter(project=other_project).first()
    with pytest.raises(ValidationError) as refused:
        _decision(seed_project, users["staff"], entries=[foreign])
    assert refused.value.message_dict == {"entries": ["只能关联本项目的支出记录。"]}
    assert MajorDecision.objects.count() == 0


def test_it_keeps_no_decision_when_its_minutes_are_refused(seed_project, users, media_root):
    before = _counts(media_root)
    minutes = SimpleUploadedFile("纪要.pdf", files.windows_exe())
    with pytest.raises(ValidationError) as refused:
        _decision(seed_project, users["staff"], minutes=minutes)
    assert "检测到“Windows 可执行程序（EXE/DLL）”" in refused.value.message_dict["file"][0]
    assert _counts(media_root) == before


def test_it_stores_evidence_of_an_indicator(seed_project, users):
    indicator = Indicator.objects.filter(goal__project=seed_project).order_by("position").first()
    upload = SimpleUploadedFile("覆盖率统计.xlsx", files.tiny_xlsx())
    evidence = evidence_upload(
        project=seed_project, upload=upload, indicator=indicator, actor=users["staff"]
    )
    assert (evidence.indicator, evidence.size, evidence.uploaded_by) == (
        indicator,
        len(files.tiny_xlsx()),
        users["staff"],
    )
    assert evidence.file.name.endswith(".xlsx")


HOSTILE = [
    ("setup.pdf", files.windows_exe(), "不支持的文件类型：检测到“Windows 可执行程序（EXE/DLL）”。"),
    ("报告.docx", files.zip_bomb(), "疑似压缩炸弹，已拒绝。"),
    ("空白.pdf", b"", "文件为空（0 字节），请选择有内容的文件。"),
]


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE)
def test_it_refuses_hostile_uploads_and_stores_nothing(
    seed_project, users, media_root, name, content, message
):
    before = _counts(media_root)
    with pytest.raises(ValidationError) as refused:
        evidence_upload(
            project=seed_project, upload=SimpleUploadedFile(name, content), actor=users["staff"]
        )
    assert message in refused.value.message_dict["file"][0]
    assert _counts(media_root) == before


def test_it_refuses_an_oversized_file(seed_project, users, media_root, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    before = _counts(media_root)
    with pytest.raises(ValidationError) as refused:
        evidence_upload(
            project=seed_project,
            upload=SimpleUploadedFile("big.txt", b"a" * 2049),
            actor=users["staff"],
        )
    assert refused.value.message_dict == {
        "file": ["文件大小 2049 字节，超过上限 2048 字节（约 2 KB）。"]
    }
    assert _counts(media_root) == before


def test_it_refuses_evidence_of_another_projects_indicator(seed_project, other_project, users):
    foreign = Indicator.objects.filter(goal__project=other_project).first()
    with pytest.raises(ValidationError) as refused:
        evidence_upload(
            project=seed_project,
            upload=SimpleUploadedFile("a.txt", b"ok"),
            indicator=foreign,
            actor=users["staff"],
        )
    assert refused.value.message_dict == {"indicator": ["只能关联本项目的绩效指标。"]}
    assert Evidence.objects.count() == 0


@pytest.mark.parametrize("username", ["head", "reviewer", "other"])
def test_it_refuses_evidence_from_anyone_but_the_units_staff(
    seed_project, users, media_root, username
):
    before = _counts(media_root)
    with pytest.raises(PermissionDenied):
        evidence_upload(
            project=seed_project,
            upload=SimpleUploadedFile("a.pdf", files.tiny_pdf()),
            actor=users[username],
        )
    assert _counts(media_root) == before
