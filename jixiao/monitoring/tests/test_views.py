"""Pages of monitoring: the overview per role, drill-downs, the unit's form end to end,
downloads, reminders, and bounded query counts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from jixiao.accounts.models import Organisation
from jixiao.audit.models import AuditEvent
from jixiao.goals.models import Indicator
from jixiao.monitoring.models import IndicatorProgress, Message, MonitoringReport, MonitoringRound
from jixiao.monitoring.tests.conftest import SEED_CODE
from jixiao.projects.models import Project
from jixiao.workflow.states import Status

pytestmark = pytest.mark.django_db

OVERVIEW = "/overview/?year=2023"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _projects(response) -> int:
    return response.context["counts"]["projects"]


def test_it_shows_the_reviewer_every_project(round_2023, users):
    response = _client(users["reviewer"]).get(OVERVIEW)
    assert response.status_code == 200
    assert _projects(response) == Project.objects.filter(year=2023).count()
    stages = {code: count for code, _label, count in response.context["counts"]["stages"]}
    assert stages["not_started"] == Project.objects.filter(year=2023).count()


def test_it_shows_the_supervisor_only_its_units(round_2023, users):
    supervisor = users["supervisor"]
    response = _client(supervisor).get(OVERVIEW)
    expected = Project.objects.filter(year=2023, unit__parent=supervisor.organisation).count()
    assert expected > 0
    assert _projects(response) == expected
    assert response.context["counts"]["units"] == 3


def test_it_shows_a_unit_only_its_own_projects(round_2023, users):
    other = users["other"]
    response = _client(other).get(OVERVIEW)
    assert _projects(response) == Project.objects.filter(year=2023, unit=other.organisation).count()
    assert response.context["counts"]["units"] == 1


def test_it_answers_404_to_a_forged_unit_filter(round_2023, users):
    client = _client(users["other"])
    seed_unit = users["staff"].organisation.code
    assert client.get(f"{OVERVIEW}&unit={seed_unit}").status_code == 404
    assert client.get(f"/overview/projects/?year=2023&unit={seed_unit}").status_code == 404
    assert client.get("/overview/projects/?year=2023&unit=NO-SUCH").status_code == 404


def test_it_answers_404_to_the_supervisor_for_another_department(round_2023, users):
    department = Organisation.objects.get(code="440111-D02")
    response = _client(users["supervisor"]).get(
        f"/overview/projects/?year=2023&department={department.code}"
    )
    assert response.status_code == 404


def test_it_drills_down_to_the_projects_behind_a_figure(round_2023, users):
    client = _client(users["reviewer"])
    response = client.get("/overview/projects/?year=2023&stage=not_started")
    assert response.status_code == 200
    assert response.context["reports"].paginator.count == Project.objects.filter(year=2023).count()
    green = MonitoringReport.objects.filter(round=round_2023, light="green").count()
    response = client.get("/overview/projects/?year=2023&light=green")
    assert response.context["reports"].paginator.count == green
    response = client.get("/overview/projects/?year=2023&bucket=60-80")
    codes = [report.project.code for report in response.context["reports"]]
    assert SEED_CODE in codes  # 72.70 %


def test_it_refuses_an_unknown_filter_value(round_2023, users):
    response = _client(users["reviewer"]).get(f"{OVERVIEW}&colour=purple")
    assert response.status_code == 404


def test_it_keeps_the_overview_queries_bounded(round_2023, users, django_assert_max_num_queries):
    client = _client(users["reviewer"])
    client.get(OVERVIEW)  # warm the session
    # 13 of these are the page frame (session, user, base template badges), the rest ours.
    with django_assert_max_num_queries(24):
        response = client.get(OVERVIEW)
    assert response.status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/overview/warnings/?year=2023&colour=red").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/overview/projects/?year=2023").status_code == 200


def test_it_embeds_the_chart_data_and_serves_echarts_locally(round_2023, users):
    response = _client(users["reviewer"]).get(OVERVIEW)
    html = response.content.decode()
    assert '<script id="chart-data" type="application/json">' in html
    assert "/static/monitoring/vendor/echarts/echarts.min.js" in html
    assert "http://" not in html.split("<body>")[1].split("</footer>")[0].replace(
        "http://testserver", ""
    )
    vendored = Path(__file__).parents[1] / "static/monitoring/vendor/echarts/echarts.min.js"
    assert vendored.stat().st_size > 1_000_000


def _form(indicators, progress="60"):
    data = {"goal_progress_text": "按计划推进。", "forecast_executed": "99,975.00"}
    for indicator in indicators:
        data[f"progress-{indicator.pk}"] = progress
        data[f"forecast-{indicator.pk}"] = "100"
        data[f"likelihood-{indicator.pk}"] = "确定能"
    return data


def test_it_files_a_monitoring_round_end_to_end(users):
    reviewer = _client(users["reviewer"])
    response = reviewer.post(
        "/monitoring/rounds/open/", {"year": "2023", "month": "", "deadline": "2023-08-15"}
    )
    assert response.status_code == 302
    assert MonitoringRound.objects.get().slug == "2023-07"
    staff = _client(users["staff"])
    url = f"/projects/{SEED_CODE}/monitoring/2023-07/"
    page = staff.get(url)
    assert page.status_code == 200
    assert "72,700.00" in page.content.decode()
    indicators = list(Indicator.objects.filter(goal__project__code=SEED_CODE))
    data = _form(indicators)
    data[f"causes-{indicators[0].pk}"] = ["经费保障", "人员保障"]
    assert staff.post(url, {**data, "action": "save"}).status_code == 302
    assert staff.post(url, {**data, "action": "submit"}).status_code == 302
    report = MonitoringReport.objects.get(project__code=SEED_CODE)
    assert (report.status, report.forecast_executed) == (Status.SUBMITTED, Decimal("99975.00"))
    assert IndicatorProgress.objects.get(
        report=report, indicator=indicators[0]
    ).deviation_causes == [
        "经费保障",
        "人员保障",
    ]
    listing = reviewer.get("/overview/projects/?year=2023&stage=submitted")
    assert [r.project.code for r in listing.context["reports"]] == [SEED_CODE]


def test_it_refuses_bad_input_naming_the_field_and_keeps_the_typing(round_2023, users):
    staff = _client(users["staff"])
    url = f"/projects/{SEED_CODE}/monitoring/2023-07/"
    indicators = list(Indicator.objects.filter(goal__project__code=SEED_CODE))
    data = _form(indicators)
    data[f"progress-{indicators[0].pk}"] = "六十"
    audits = AuditEvent.objects.count()
    response = staff.post(url, {**data, "action": "save"})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"指标“{indicators[0].name}”的执行情况：无法识别数值“六十”" in html
    assert 'value="六十"' in html
    assert IndicatorProgress.objects.count() == 0
    assert AuditEvent.objects.count() == audits


def test_it_shows_another_unit_404_for_the_form(round_2023, users):
    response = _client(users["other"]).get(f"/projects/{SEED_CODE}/monitoring/2023-07/")
    assert response.status_code == 404


def test_it_refuses_the_form_to_the_reviewer_without_changing_anything(round_2023, users):
    reviewer = _client(users["reviewer"])
    url = f"/projects/{SEED_CODE}/monitoring/2023-07/"
    indicators = list(Indicator.objects.filter(goal__project__code=SEED_CODE))
    response = reviewer.post(url, {**_form(indicators), "action": "save"})
    assert response.status_code == 400
    assert "只有本单位的经办人或单位负责人可以填报监控表。" in response.content.decode()
    assert IndicatorProgress.objects.count() == 0


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ],
)
def test_it_downloads_the_monitoring_table(round_2023, users, fmt, content_type, magic):
    response = _client(users["staff"]).get(f"/projects/{SEED_CODE}/monitoring/2023-07/table.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content[:2] == magic


def test_it_sends_reminders_shown_to_the_unit(round_2023, users):
    seed_unit = users["staff"].organisation
    response = _client(users["reviewer"]).post(
        "/monitoring/rounds/2023-07/remind/", {"unit": [seed_unit.code]}
    )
    assert response.status_code == 302
    assert Message.objects.get().unit == seed_unit
    page = _client(users["staff"]).get("/monitoring/messages/")
    assert "请按时填报2023年1-7月绩效运行监控表" in page.content.decode()
    assert "请按时填报" not in _client(users["other"]).get("/monitoring/messages/").content.decode()


def test_it_refuses_reminders_to_a_unit_out_of_reach(round_2023, users):
    seed_unit = users["staff"].organisation
    response = _client(users["supervisor"]).post(
        "/monitoring/rounds/2023-07/remind/", {"unit": [seed_unit.code]}
    )
    assert response.status_code == 404
    assert Message.objects.count() == 0


def test_it_counts_grades_only_once_sent_out_for_reviewers(round_2023, users):
    from jixiao.evaluation.models import SelfEvaluation
    from jixiao.workflow.states import VISIBLE_TO_REVIEWERS

    evaluations = SelfEvaluation.objects.filter(project__year=2023).exclude(grade="")
    sent = evaluations.filter(status__in=VISIBLE_TO_REVIEWERS).count()
    grades = dict(_client(users["reviewer"]).get(OVERVIEW).context["grades"])
    assert sum(grades.values()) == sent
    own = dict(_client(users["other"]).get(OVERVIEW).context["grades"])
    assert (
        sum(own.values()) == evaluations.filter(project__unit=users["other"].organisation).count()
    )


def test_it_updates_the_counts_when_a_unit_saves(round_2023, users):
    staff = _client(users["staff"])
    indicators = list(Indicator.objects.filter(goal__project__code=SEED_CODE))
    staff.post(
        f"/projects/{SEED_CODE}/monitoring/2023-07/", {**_form(indicators), "action": "save"}
    )
    stages = dict(
        (code, count)
        for code, _label, count in _client(users["reviewer"])
        .get(OVERVIEW)
        .context["counts"]["stages"]
    )
    assert stages["draft"] == 1
    assert stages["not_started"] == Project.objects.filter(year=2023).count() - 1
