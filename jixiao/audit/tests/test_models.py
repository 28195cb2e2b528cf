from __future__ import annotations

import pytest

from jixiao.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_refuses_to_change_or_delete_an_audit_event():
    event = AuditEvent.objects.filter(action="project.create").first()
    summary = event.summary
    event.summary = "篡改"
    with pytest.raises(ValueError, match="只能追加"):
        event.save()
    with pytest.raises(ValueError, match="只能追加"):
        event.delete()
    event.refresh_from_db()
    assert event.summary == summary
