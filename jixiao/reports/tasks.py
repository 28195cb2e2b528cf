"""Task-queue entry points (django-q2 calls these by dotted path in a worker process)."""

from __future__ import annotations

from jixiao.reports.export_services import export_job_run


def export_job_task(job_id: int) -> str:
    """Build the zip of export job `job_id`; returns its final status (see export_job_run)."""
    return export_job_run(job_id)
