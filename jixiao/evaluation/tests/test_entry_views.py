"""The self-evaluation pages: who sees and edits, the live preview, saving with the version."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from jixiao.audit.models import AuditEvent
from jixiao.evaluation.models import IndicatorActual, ScoreSnapshot, SelfEvaluation
from jixiao.goals.models import Indicator

pytestmark = pytest.mark.django_db

DRAFT = "/projects/440111-2023-0106/evaluation/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(evaluation, **overrides) -> dict[str, str]:
    """The table as a browser would post it: every indicator met, then `overrides` by name."""
    data = {"version": str(evaluation.version)}
    for indicator in Indicator.objects.filter(goal__project=evaluation.project):
        if indicator.comparator == "定性":
            data[f"band-{indicator.pk}"] = "达成年度指标"
            data[f"score-{indicator.pk}"] = ""
        else:
            data[f"actual-{indicator.pk}"] = format(indicator.target.normalize(), "f")
        data[f"note-{indicator.pk}"] = ""
    for name, value in overrides.items():
        field, indicator_name = name.split(":")
        indicator = Indicator.objects.get(goal__project=evaluation.project, name=indicator_name)
        data[f"{field}-{indicator.pk}"] = value
    return data


def _state(evaluation):
    evaluation.refresh_from_db()
    return (
        evaluation.version,
        evaluation.total,
        evaluation.conclusion_text,
        sorted(
            IndicatorActual.objects.filter(evaluation=evaluation).values_list(
                "indicator_id", "actual", "band", "chosen_score", "deviation_note"
            )
        ),
        AuditEvent.objects.count(),
        ScoreSnapshot.objects.count(),
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("draft_staff", 200), ("draft_head", 200), ("staff", 404), ("reviewer", 404), ("admin", 200)],
)
def test_it_shows_a_draft_only_inside_its_unit(request, users, who, status):
    user = request.getfixturevalue(who) if who.startswith("draft") else users[who]
    for url in (DRAFT, DRAFT + "narrative/"):
        assert _client(user).get(url).status_code == status


def test_it_shows_inputs_to_staff_and_read_only_values_to_the_head(draft_staff, draft_head):
    html = _client(draft_staff).get(DRAFT).content.decode()
    assert 'id="save-actuals"' in html
    assert 'hx-post="/projects/440111-2023-0106/evaluation/preview/"' in html
    html = _client(draft_head).get(DRAFT).content.decode()
    assert 'id="save-actuals"' not in html
    assert "hx-post" not in html


def test_it_shows_the_reviewer_a_sent_out_evaluation_read_only(users):
    response = _client(users["reviewer"]).get("/projects/440111-2023-0001/evaluation/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "党组织规范化建设覆盖率" in html
    assert 'id="save-actuals"' not in html


def test_it_previews_scores_without_saving(draft, draft_staff):
    before = _state(draft)
    data = _form(draft, **{"actual:服务对象满意度": "72", "actual:开展培训及活动场次": "40"})
    response = _client(draft_staff).post(DRAFT + "preview/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    satisfaction = Indicator.objects.get(goal__project=draft.project, name="服务对象满意度")
    assert f'<span id="score-{satisfaction.pk}" hx-swap-oob="true">8.00</span>' in html
    assert "未完成需说明" in html
    assert "超额完成需说明" in html
    assert '<strong id="indicator-score">88.00</strong>' in html
    assert _state(draft) == before


def test_it_previews_a_typing_error_on_its_row(draft, draft_staff):
    data = _form(draft, **{"actual:服务对象满意度": "九十"})
    html = _client(draft_staff).post(DRAFT + "preview/", data).content.decode()
    assert "实际完成值：无法识别数值“九十”" in html


def test_it_saves_the_table_and_rescores(draft, draft_staff):
    data = _form(draft, **{"actual:服务对象满意度": "72", "note:服务对象满意度": "宣传不足"})
    response = _client(draft_staff).post(DRAFT, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.indicator_score == Decimal("88.00")
    html = _client(draft_staff).get(DRAFT).content.decode()
    assert 'value="72"' in html
    assert "宣传不足" in html


def test_it_refuses_a_stale_save_with_the_message_and_keeps_the_typing(draft, draft_staff):
    data = _form(draft, **{"actual:服务对象满意度": "72"})
    data["version"] = str(draft.version + 3)
    before = _state(draft)
    response = _client(draft_staff).post(DRAFT, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "该自评已被他人修改，请刷新后重试" in html
    assert 'value="72"' in html
    assert _state(draft) == before


def test_it_refuses_a_bad_number_without_saving(draft, draft_staff):
    before = _state(draft)
    response = _client(draft_staff).post(DRAFT, _form(draft, **{"actual:服务对象满意度": "abc"}))
    assert response.status_code == 400
    assert "实际完成值：无法识别数值“abc”" in response.content.decode()
    assert _state(draft) == before


@pytest.mark.parametrize(("who", "status"), [("draft_head", 403), ("staff", 404), ("other", 404)])
def test_it_refuses_saves_by_others(request, draft, users, who, status):
    user = request.getfixturevalue(who) if who.startswith("draft") else users[who]
    before = _state(draft)
    assert _client(user).post(DRAFT, _form(draft)).status_code == status
    narrative = {"version": str(draft.version), "conclusion_text": "x"}
    assert _client(user).post(DRAFT + "narrative/", narrative).status_code == status
    assert _state(draft) == before


def test_it_saves_narratives_and_refuses_a_stale_narrative(draft, draft_staff):
    client = _client(draft_staff)
    version = draft.version
    data = {"version": str(version), "conclusion_text": "自评等级为优。"}
    assert client.post(DRAFT + "narrative/", data).status_code == 302
    draft.refresh_from_db()
    assert (draft.conclusion_text, draft.version) == ("自评等级为优。", version + 1)
    before = _state(draft)
    response = client.post(DRAFT + "narrative/", {**data, "conclusion_text": "改为良。"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "该自评已被他人修改，请刷新后重试" in html
    assert "改为良。" in html
    draft.refresh_from_db()
    assert draft.conclusion_text == "自评等级为优。"
    assert _state(draft) == before


def test_it_labels_every_narrative_section_in_chinese(draft_staff):
    html = _client(draft_staff).get(DRAFT + "narrative/").content.decode()
    for label in (
        "年度总体目标实际完成情况",
        "绩效评价目的",
        "项目综合评价结论",
        "其他方面建议",
        "绩效评价结果应用",
    ):
        assert label in html


def test_it_starts_an_evaluation_from_the_page(unstarted, unstarted_staff, users):
    url = f"/projects/{unstarted.code}/evaluation/"
    assert "开始绩效自评" in _client(unstarted_staff).get(url).content.decode()
    count = SelfEvaluation.objects.count()
    assert _client(users["admin"]).post(url + "start/").status_code == 403
    assert SelfEvaluation.objects.count() == count
    assert _client(unstarted_staff).post(url + "start/").status_code == 302
    assert SelfEvaluation.objects.filter(project=unstarted, status="draft").exists()


def test_it_counts_each_indicators_evidence(draft, draft_staff, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jixiao.ledger.services import evidence_upload

    settings.MEDIA_ROOT = tmp_path
    indicator = Indicator.objects.get(goal__project=draft.project, name="服务对象满意度")
    evidence_upload(
        project=draft.project,
        upload=SimpleUploadedFile("问卷.txt", "满意度问卷汇总".encode()),
        indicator=indicator,
        actor=draft_staff,
    )
    html = _client(draft_staff).get(DRAFT).content.decode()
    assert html.count("佐证材料 1 份") == 1
    assert html.count("佐证材料 0 份") == 6


def test_it_tells_what_still_blocks_submission(draft_staff, users):
    html = _client(draft_staff).get(DRAFT + "check/").content.decode()
    assert "请填写“项目综合评价结论”。" in html
    assert _client(users["staff"]).get(DRAFT + "check/").status_code == 404
