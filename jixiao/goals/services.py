"""Writes of goals, their indicator tree and target adjustments.

Every edit of a goal (annual goal text, indicators added, changed, moved or removed):
- is taken by the unit's own staff only (``PermissionDenied`` otherwise);
- only while the goal is a draft or was returned (``GOAL_LOCKED`` otherwise: an approved goal
  changes through an adjustment request, rules.md §4.5, S8 第二十八条);
- with optimistic locking on ``Goal.version`` (``GOAL_STALE`` when someone saved in between);
- bumps the version, in one transaction with an audit event listing each field old → new.
A refused edit raises before anything is written, so nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone

from jixiao.audit.services import audit_record
from jixiao.goals.models import (
    OPEN_ADJUSTMENT_STATUSES,
    AdjustableField,
    Comparator,
    Goal,
    GoalAdjustment,
    Indicator,
    decimal_plain,
)
from jixiao.goals.selectors import goal_editor_check, goal_findings_for, scheme_current
from jixiao.projects.models import Project
from jixiao.rules.findings import Severity
from jixiao.rules.numbers import to_decimal
from jixiao.workflow.states import Status

GOAL_STALE = "该绩效目标已被他人修改，请刷新后重试。"
GOAL_LOCKED = "目标已提交或已批复，不能直接修改；如需调整请提交调整申请。"
EDITABLE = (Status.DRAFT, Status.RETURNED)

# The indicator fields an edit may change, in table order (audit and forms follow it).
INDICATOR_FIELDS = (
    "level1",
    "level2",
    "name",
    "comparator",
    "target",
    "target_text",
    "measure_unit",
    "weight",
    "standard",
    "method",
    "basis",
)


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator as entered, before it is stored."""

    level1: str
    level2: str
    name: str
    comparator: Comparator
    weight: Decimal
    target: Decimal | None = None
    target_text: str = ""
    measure_unit: str = ""
    standard: str = ""
    method: str = ""
    basis: str = ""
    inferences: dict[str, str] = field(default_factory=dict)


@transaction.atomic
def goal_create(
    *,
    project: Project,
    annual_goal: str,
    indicators: Sequence[IndicatorSpec],
    actor=None,
    status: Status = Status.DRAFT,
) -> Goal:
    """Create the goal of `project` with its indicators in the given order."""
    goal = Goal.objects.create(project=project, annual_goal=annual_goal, status=status)
    Indicator.objects.bulk_create(
        Indicator(
            goal=goal,
            position=position,
            level1=spec.level1,
            level2=spec.level2,
            name=spec.name,
            comparator=spec.comparator,
            target=spec.target,
            target_text=spec.target_text,
            measure_unit=spec.measure_unit,
            weight=spec.weight,
            standard=spec.standard,
            method=spec.method,
            basis=spec.basis,
            inferences=spec.inferences,
        )
        for position, spec in enumerate(indicators, start=1)
    )
    audit_record(
        actor=actor,
        action="goal.create",
        obj=goal,
        project_id=project.pk,
        summary=f"设定绩效目标，指标 {len(indicators)} 项",
    )
    return goal


@transaction.atomic
def goal_start(*, project: Project, actor) -> Goal:
    """Return the goal of `project`, creating an empty draft when it has none yet.

    Only the unit's staff may start it (``PermissionDenied``).
    """
    goal_editor_check(actor, project)
    existing = Goal.objects.select_for_update().filter(project=project).first()
    if existing is not None:
        return existing
    return goal_create(project=project, annual_goal="", indicators=[], actor=actor)


def _goal_lock(goal: Goal, *, actor, expected_version: int | None) -> Goal:
    """Lock the goal's row and check who edits, its status and its version; return it fresh.

    Raises PermissionDenied (not the unit's staff), ValidationError ``locked`` (not a draft
    or returned) or ValidationError ``stale`` (the version moved on).
    """
    locked = Goal.objects.select_for_update().select_related("project").get(pk=goal.pk)
    goal_editor_check(actor, locked.project)
    if locked.status not in EDITABLE:
        raise ValidationError(GOAL_LOCKED, code="locked")
    if expected_version is not None and int(expected_version) != locked.version:
        raise ValidationError(GOAL_STALE, code="stale")
    return locked


def _bump(goal: Goal) -> None:
    """One more version of the goal: every change moves it on."""
    goal.version += 1
    goal.save(update_fields=["version"])


def _text(value) -> str | None:
    """A value as the audit stores it: Decimals without trailing zeros."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return decimal_plain(value)
    return str(value)


def indicator_validate(spec: IndicatorSpec) -> IndicatorSpec:
    """Return `spec` cleaned (text stripped), or raise ValidationError {field: message}.

    The scheme's taxonomy decides the 一级/二级 (财预〔2015〕88号); weights lie in 0–100 with
    at most two decimals; a quantitative indicator needs a numeric target with at most four
    decimals (the live goal checks report ``goal.missing_value`` while the user types; a saved
    indicator without one could not be scored).
    """
    scheme = scheme_current()
    errors: dict[str, str] = {}
    name = spec.name.strip()
    if not name:
        errors["name"] = "请填写三级指标名称。"
    elif len(name) > 200:
        errors["name"] = "三级指标名称不能超过 200 字。"
    level2_allowed = scheme.level2_by_level1.get(spec.level1)
    if level2_allowed is None:
        errors["level1"] = f"一级指标应为{'、'.join(scheme.level2_by_level1)}之一。"
    elif spec.level2 not in level2_allowed:
        errors["level2"] = f"{spec.level1}的二级指标应为{'、'.join(level2_allowed)}之一。"
    if spec.comparator not in Comparator.values:
        errors["comparator"] = "比较符应为 ≥ > = ≤ < 或 定性。"
    if spec.weight is None:
        errors["weight"] = "请填写分值。"
    elif not Decimal(0) <= spec.weight <= Decimal(100):
        errors["weight"] = "分值应在 0 到 100 之间。"
    elif spec.weight.as_tuple().exponent < -2:
        errors["weight"] = "分值最多保留两位小数。"
    quantitative = (
        spec.comparator in Comparator.values and spec.comparator != Comparator.QUALITATIVE
    )
    if spec.target is None and quantitative:
        # 财预〔2020〕10号 第十四条: a quantitative indicator is scored against its value;
        # without one it cannot be scored at all (rules.md §4.5, V3).
        errors["target"] = "定量指标必须填写数值指标值；确实无法量化的，请将比较符改为“定性”。"
    elif spec.target is not None and spec.target.as_tuple().exponent < -4:
        errors["target"] = "指标值最多保留四位小数。"
    elif spec.target is not None and abs(spec.target) >= Decimal("1e14"):
        errors["target"] = "指标值过大。"
    if len(spec.measure_unit.strip()) > 20:
        errors["measure_unit"] = "计量单位不能超过 20 字。"
    if len(spec.target_text.strip()) > 200:
        errors["target_text"] = "定性指标值不能超过 200 字。"
    if len(spec.basis.strip()) > 300:
        errors["basis"] = "指标值设定依据不能超过 300 字。"
    if errors:
        raise ValidationError(errors)
    qualitative = spec.comparator == Comparator.QUALITATIVE
    return IndicatorSpec(
        level1=spec.level1,
        level2=spec.level2,
        name=name,
        comparator=Comparator(spec.comparator),
        weight=spec.weight,
        # A 定性 indicator has a text target only; a quantitative one a number only.
        target=None if qualitative else spec.target,
        target_text=spec.target_text.strip() if qualitative else "",
        measure_unit=spec.measure_unit.strip(),
        standard=spec.standard.strip(),
        method=spec.method.strip(),
        basis=spec.basis.strip(),
    )


@transaction.atomic
def goal_update(*, goal: Goal, annual_goal: str, actor, expected_version: int | None) -> Goal:
    """Change the annual goal text (年度总体目标); audit old → new."""
    locked = _goal_lock(goal, actor=actor, expected_version=expected_version)
    annual_goal = annual_goal.strip()
    if annual_goal == locked.annual_goal:
        return locked
    old = locked.annual_goal
    locked.annual_goal = annual_goal
    locked.version += 1
    locked.save(update_fields=["annual_goal", "version"])
    audit_record(
        actor=actor,
        action="goal.update",
        obj=locked,
        project_id=locked.project_id,
        summary="修改年度总体目标",
        changes={"annual_goal": (old, annual_goal)},
    )
    return locked


@transaction.atomic
def indicator_add(
    *, goal: Goal, spec: IndicatorSpec, actor, expected_version: int | None
) -> Indicator:
    """Append an indicator at the end of the goal's table; audit every value (none → new)."""
    locked = _goal_lock(goal, actor=actor, expected_version=expected_version)
    clean = indicator_validate(spec)
    last = locked.indicators.aggregate(last=Max("position"))["last"] or 0
    indicator = Indicator.objects.create(
        goal=locked,
        position=last + 1,
        **{name: getattr(clean, name) for name in INDICATOR_FIELDS},
    )
    _bump(locked)
    audit_record(
        actor=actor,
        action="indicator.add",
        obj=indicator,
        project_id=locked.project_id,
        summary=f"新增绩效指标“{indicator.name}”",
        changes={
            name: (None, _text(getattr(clean, name)))
            for name in INDICATOR_FIELDS
            if getattr(clean, name) not in (None, "")
        },
    )
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, spec: IndicatorSpec, actor, expected_version: int | None
) -> Indicator:
    """Change an indicator's values; audit the fields that changed, old → new.

    Saving the same values changes nothing (no new version, no audit event).
    """
    locked_goal = _goal_lock(indicator.goal, actor=actor, expected_version=expected_version)
    clean = indicator_validate(spec)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk, goal=locked_goal)
    changes = {}
    for name in INDICATOR_FIELDS:
        old, new = getattr(current, name), getattr(clean, name)
        if _text(old) != _text(new) and not (old in (None, "") and new in (None, "")):
            changes[name] = (_text(old), _text(new))
            setattr(current, name, new)
    if not changes:
        return current
    current.save(update_fields=list(changes))
    _bump(locked_goal)
    audit_record(
        actor=actor,
        action="indicator.update",
        obj=current,
        project_id=locked_goal.project_id,
        summary=f"修改绩效指标“{current.name}”",
        changes=changes,
    )
    return current


@transaction.atomic
def indicator_move(
    *, indicator: Indicator, direction: str, actor, expected_version: int | None
) -> Indicator:
    """Swap the indicator with its neighbour above (``direction="up"``) or below ("down").

    At the top (or bottom) there is nothing to swap with: ValidationError, nothing changes.
    """
    if direction not in ("up", "down"):
        raise ValidationError("移动方向应为上移或下移。", code="direction")
    locked_goal = _goal_lock(indicator.goal, actor=actor, expected_version=expected_version)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk, goal=locked_goal)
    siblings = Indicator.objects.select_for_update().filter(goal=locked_goal)
    if direction == "up":
        neighbour = siblings.filter(position__lt=current.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=current.position).order_by("position").first()
    if neighbour is None:
        where = "第一位" if direction == "up" else "最后一位"
        raise ValidationError(f"“{current.name}”已在{where}，无法移动。", code="edge")
    old, new = current.position, neighbour.position
    # (goal, position) is unique: park one row on 0 while the other takes its place.
    current.position = 0
    current.save(update_fields=["position"])
    neighbour.position = old
    neighbour.save(update_fields=["position"])
    current.position = new
    current.save(update_fields=["position"])
    _bump(locked_goal)
    audit_record(
        actor=actor,
        action="indicator.move",
        obj=current,
        project_id=locked_goal.project_id,
        summary=f"调整绩效指标“{current.name}”的顺序",
        changes={"position": (old, new)},
    )
    return current


@transaction.atomic
def indicator_remove(*, indicator: Indicator, actor, expected_version: int | None) -> None:
    """Delete the indicator and close the gap in the positions; audit its values (old → none).

    Evidence files keep their file and lose the link (ledger's ``SET_NULL``); a row that
    another app protects (``PROTECT``) makes the removal a ValidationError, nothing removed.
    """
    locked_goal = _goal_lock(indicator.goal, actor=actor, expected_version=expected_version)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk, goal=locked_goal)
    changes = {
        name: (_text(getattr(current, name)), None)
        for name in INDICATOR_FIELDS
        if getattr(current, name) not in (None, "")
    }
    audit_record(
        actor=actor,
        action="indicator.remove",
        obj=current,
        project_id=locked_goal.project_id,
        summary=f"删除绩效指标“{current.name}”",
        changes=changes,
    )
    position = current.position
    try:
        with transaction.atomic():
            current.delete()
    except ProtectedError:
        raise ValidationError(
            f"“{current.name}”已有佐证材料等关联记录，不能删除；请先处理关联记录。",
            code="protected",
        ) from None
    for later in Indicator.objects.filter(goal=locked_goal, position__gt=position).order_by(
        "position"
    ):
        later.position -= 1
        later.save(update_fields=["position"])
    _bump(locked_goal)


def goal_submit_check(goal: Goal) -> None:
    """Raise ValidationError listing what blocks the goal's submission; None when fine.

    Blocking: no indicator at all, and every error-level finding of the goal checks
    (weights that do not add up, a quantitative indicator without a value, an unknown
    二级, an output measured in money …). Warnings and info do not block.
    """
    problems = []
    if not goal.indicators.exists():
        problems.append("尚未设置绩效指标，请先添加指标。")
    problems.extend(
        f"{finding.subject}：{finding.message}"
        for finding in goal_findings_for(goal)
        if finding.severity == Severity.ERROR
    )
    if problems:
        raise ValidationError(problems, code="goal_checks")


# --- target adjustments ------------------------------------------------------------------


def adjustable_value_text(indicator: Indicator, field_name: str) -> str:
    """The current value of an adjustable field as text (Decimals without trailing zeros)."""
    return _text(getattr(indicator, field_name)) or ""


def adjustment_value_parse(field_name: str, raw: str):
    """Parse the value asked for; return it as stored, or raise ValidationError (Chinese)."""
    text = raw.strip()
    if field_name == AdjustableField.TARGET:
        try:
            value = to_decimal(text)
        except ValueError:
            raise ValidationError("指标值必须是数字。", code="number") from None
        if value.as_tuple().exponent < -4:
            raise ValidationError("指标值最多保留四位小数。", code="number")
        return value
    if field_name == AdjustableField.WEIGHT:
        try:
            value = to_decimal(text)
        except ValueError:
            raise ValidationError("分值必须是数字。", code="number") from None
        if not Decimal(0) <= value <= Decimal(100) or value.as_tuple().exponent < -2:
            raise ValidationError("分值应在 0 到 100 之间，最多两位小数。", code="number")
        return value
    if field_name == AdjustableField.COMPARATOR:
        if text not in Comparator.values:
            raise ValidationError("比较符应为 ≥ > = ≤ < 或 定性。", code="comparator")
        return text
    if field_name == AdjustableField.MEASURE_UNIT:
        if len(text) > 20:
            raise ValidationError("计量单位不能超过 20 字。", code="length")
        return text
    if field_name == AdjustableField.TARGET_TEXT:
        if not text or len(text) > 200:
            raise ValidationError("请填写定性指标值（不超过 200 字）。", code="length")
        return text
    raise ValidationError("调整内容应为指标值、定性指标值、分值、比较符或计量单位。", code="field")


@transaction.atomic
def goal_adjustment_request(
    *, indicator: Indicator, field: str, new_value: str, reason: str, actor
) -> GoalAdjustment:
    """Ask to change one value of an accepted goal's indicator; returns the draft request.

    Only on accepted goals, by the unit's staff, with a reason, a value that parses and
    differs from the current one, and no other open request for the same indicator and field.
    The request starts as a draft; the staff submit it through the workflow like a goal.
    """
    goal = Goal.objects.select_for_update().select_related("project").get(pk=indicator.goal_id)
    goal_editor_check(actor, goal.project)
    if goal.status != Status.ACCEPTED:
        raise ValidationError(
            "只有已批复的绩效目标才能申请调整；草稿或退回的目标请直接修改。", code="not_accepted"
        )
    errors: dict[str, str] = {}
    if field not in AdjustableField.values:
        errors["field"] = "调整内容应为指标值、定性指标值、分值、比较符或计量单位。"
    reason = reason.strip()
    if not reason:
        errors["reason"] = "请填写调整理由。"
    value = None
    if "field" not in errors:
        try:
            value = adjustment_value_parse(field, new_value)
        except ValidationError as error:
            errors["new_value"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk)
    old_text = adjustable_value_text(current, field)
    new_text = _text(value) or ""
    if old_text == new_text:
        raise ValidationError({"new_value": "调整后的值与原值相同。"})
    if GoalAdjustment.objects.filter(
        indicator=current, field=field, status__in=OPEN_ADJUSTMENT_STATUSES
    ).exists():
        raise ValidationError({"field": "该指标的这一项已有未办结的调整申请，请等待审核结果。"})
    adjustment = GoalAdjustment.objects.create(
        goal=goal,
        indicator=current,
        field=field,
        old_value=old_text,
        new_value=new_text,
        reason=reason,
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action="goal_adjustment.request",
        obj=adjustment,
        project_id=goal.project_id,
        summary=f"申请调整“{current.name}”的{AdjustableField(field).label}",
        changes={field: (old_text, new_text)},
        reason=reason,
    )
    return adjustment


def goal_adjustment_submit_check(adjustment: GoalAdjustment) -> None:
    """Raise ValidationError when the request can no longer be submitted; None when fine.

    The goal must still be accepted and the indicator's value still the one the request
    started from (otherwise another adjustment changed it in between).
    """
    problems = []
    goal = Goal.objects.get(pk=adjustment.goal_id)
    indicator = Indicator.objects.get(pk=adjustment.indicator_id)
    if goal.status != Status.ACCEPTED:
        problems.append("绩效目标不在已批复状态，不能报送调整申请。")
    current = adjustable_value_text(indicator, adjustment.field)
    if current != adjustment.old_value:
        problems.append(
            f"“{indicator.name}”的{adjustment.get_field_display()}已从"
            f"“{adjustment.old_value}”变为“{current}”，请重新提出调整申请。"
        )
    if problems:
        raise ValidationError(problems, code="adjustment_checks")


@transaction.atomic
def goal_adjustment_apply(adjustment: GoalAdjustment, *, actor=None) -> Indicator:
    """Write an accepted adjustment's value into the indicator; audit old → new with the reason.

    Called by the workflow when the adjustment reaches ``accepted``. The goal's version moves
    on. Raises ValidationError (and the acceptance is rolled back) when the stored value is no
    longer the one the request started from.
    """
    indicator = Indicator.objects.select_for_update().get(pk=adjustment.indicator_id)
    goal = Goal.objects.select_for_update().get(pk=indicator.goal_id)
    old_text = adjustable_value_text(indicator, adjustment.field)
    if old_text != adjustment.old_value:
        raise ValidationError(
            f"“{indicator.name}”的{adjustment.get_field_display()}已变为“{old_text}”，"
            "与申请时的原值不同，不能按本申请调整。",
            code="adjustment_stale",
        )
    value = adjustment_value_parse(adjustment.field, adjustment.new_value)
    setattr(indicator, adjustment.field, value)
    indicator.save(update_fields=[adjustment.field])
    _bump(goal)
    adjustment.applied_at = timezone.now()
    adjustment.save(update_fields=["applied_at"])
    audit_record(
        actor=actor,
        action="indicator.adjust",
        obj=indicator,
        project_id=goal.project_id,
        summary=(
            f"按批准的调整申请修改“{indicator.name}”的{adjustment.get_field_display()}："
            f"{old_text} → {adjustment.new_value}"
        ),
        changes={adjustment.field: (old_text, adjustment.new_value)},
        reason=adjustment.reason,
    )
    return indicator


def indicator_spec_of(indicator: Indicator) -> IndicatorSpec:
    """The spec of a stored indicator (to start an edit form from it)."""
    names = {f.name for f in fields(IndicatorSpec)} - {"inferences"}
    return IndicatorSpec(**{name: getattr(indicator, name) for name in names})
