"""Benchmark of the bureau's monitoring overview and warning list at province scale.

    uv run python bench/overview_bench.py                    # both databases, 100,000 projects
    uv run python bench/overview_bench.py --backend postgresql --units 2000 --projects-per-unit 50

For each database (PostgreSQL `jixiao_bench` on 127.0.0.1:5432, created by the script; SQLite
`/tmp/jixiao-bench/jixiao.sqlite3`) the script migrates, generates the data set once with
`jixiao generate` (reused on later runs), then, with a logged-in finance-bureau reviewer and
Django's test Client, times each page `--runs` times and reports the median page time, the
median database time of the page's queries (summed with `connection.execute_wrapper`), the
median time of one raw SQL query computing the same figures, and the ratio of the two database
times. Each database runs in its own process (Django's settings are per process).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_URL = "postgres://postgres@127.0.0.1:5432/jixiao_bench"
SQLITE_DIR = "/tmp/jixiao-bench"
YEAR = 2024
SEED = 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["both", "postgresql", "sqlite"], default="both")
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--projects-per-unit", type=int, default=50)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--worker", choices=["postgresql", "sqlite"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    backends = ["postgresql", "sqlite"] if args.backend == "both" else [args.backend]
    for backend in backends:
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        if backend == "postgresql":
            _pg_create_database()
            env["DATABASE_URL"] = PG_URL
        else:
            env["JIXIAO_DATA_DIR"] = SQLITE_DIR
        command = [
            sys.executable,
            __file__,
            "--worker",
            backend,
            "--units",
            str(args.units),
            "--projects-per-unit",
            str(args.projects_per_unit),
            "--runs",
            str(args.runs),
        ]
        subprocess.run(command, env=env, check=True, cwd=ROOT)


def _pg_create_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = 'jixiao_bench'").fetchone()
        if not exists:
            db.execute("CREATE DATABASE jixiao_bench")


def worker(args) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from jixiao.accounts.models import Organisation, OrganisationKind, User
    from jixiao.monitoring.generate import generated_exists, generated_load
    from jixiao.monitoring.models import MonitoringRound
    from jixiao.monitoring.services import unit_summaries_refresh

    backend = args.worker
    Path(SQLITE_DIR).mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    if not generated_exists(SEED):
        started = time.perf_counter()
        counts = generated_load(
            units=args.units,
            projects_per_unit=args.projects_per_unit,
            year=YEAR,
            seed=SEED,
            progress=lambda text: print(f"  [{backend}] {text}", flush=True),
        )
        print(
            f"[{backend}] generated in {time.perf_counter() - started:.1f} s: "
            + json.dumps(counts, ensure_ascii=False),
            flush=True,
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    round_ = MonitoringRound.objects.get(year=YEAR, checkpoint_month=7)
    if not round_.units.exists():
        unit_summaries_refresh(round_=round_)
    reviewer = User.objects.get(username=f"gen{SEED}-reviewer")
    projects = round_.reports.count()
    department = Organisation.objects.filter(
        kind=OrganisationKind.DEPARTMENT, code__startswith=f"GEN{SEED}-"
    ).order_by("code")[1]
    unit = Organisation.objects.filter(
        kind=OrganisationKind.UNIT, code__startswith=f"GEN{SEED}-"
    ).order_by("code")[7]
    client = Client()
    client.force_login(reviewer)
    base = f"year={YEAR}&round={round_.slug}"
    pages = [
        ("overview", f"/overview/?{base}", _raw_overview(round_), ()),
        ("warnings", f"/overview/warnings/?{base}", _raw_warnings(""), (round_.pk, round_.pk)),
        (
            "warnings red",
            f"/overview/warnings/?{base}&colour=red",
            _raw_warnings("AND w.colour = 'red'"),
            (round_.pk, round_.pk),
        ),
        (
            "warnings idle",
            f"/overview/warnings/?{base}&rule=warning.idle_funds",
            _raw_warnings("AND w.rule = 'warning.idle_funds'"),
            (round_.pk, round_.pk),
        ),
        (
            "warnings dept",
            f"/overview/warnings/?{base}&department={department.code}",
            _raw_warnings(f"AND w.department_id = {department.pk}"),
            (round_.pk, round_.pk),
        ),
        (
            "warnings unit",
            f"/overview/warnings/?{base}&unit={unit.code}",
            _raw_warnings(f"AND w.unit_id = {unit.pk}"),
            (round_.pk, round_.pk),
        ),
    ]
    print(
        f"\n[{backend}] {projects} projects, {round_.warnings.count()} warnings; "
        f"median of {args.runs} runs"
    )
    header = (
        f"{'page':<15}{'page ms':>10}{'db ms':>10}{'queries':>9}{'raw ms':>10}{'db/raw':>8}"
        f"{'frame ms':>10}{'page-frame':>11}"
    )
    print(header)
    results = []
    for name, url, raw_sql, raw_params in pages:
        params = raw_params or (round_.pk,) * raw_sql.count("%s")
        page_ms, db_ms, queries, frame_ms = _time_page(client, connection, url, args.runs)
        raw_ms = _time_raw(connection, raw_sql, params, args.runs)
        ratio = db_ms / raw_ms if raw_ms else float("nan")
        results.append((name, page_ms, db_ms, queries, raw_ms, ratio, frame_ms))
        print(
            f"{name:<15}{page_ms:>10.1f}{db_ms:>10.1f}{queries:>9}{raw_ms:>10.1f}{ratio:>8.2f}"
            f"{frame_ms:>10.1f}{page_ms - frame_ms:>11.1f}"
        )
    print(
        json.dumps(
            {
                "backend": backend,
                "projects": projects,
                "results": [
                    {
                        "page": name,
                        "page_ms": round(page_ms, 1),
                        "db_ms": round(db_ms, 1),
                        "queries": queries,
                        "raw_ms": round(raw_ms, 1),
                        "ratio": round(ratio, 2),
                        "frame_db_ms": round(frame_ms, 1),
                    }
                    for name, page_ms, db_ms, queries, raw_ms, ratio, frame_ms in results
                ],
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


# Queries of the page frame that are not the overview's: the session, the user, the demo banner
# and the workflow app's 待办 (inbox) count in the navigation bar.
FRAME = re.compile(
    r'FROM "django_session"|FROM "accounts_user"|"is_demo" LIMIT 1|'
    r'SELECT COUNT\(\*\) AS "__count" FROM "(goals_goal|goals_goaladjustment|'
    r'evaluation_selfevaluation|monitoring_monitoringreport)" '
    r'INNER JOIN "(projects_project|goals_goal)"'
)


def _time_page(client, connection, url: str, runs: int) -> tuple[float, float, int, float]:
    response = client.get(url)  # warm caches and the connection
    assert response.status_code == 200, (url, response.status_code)
    page_times, db_times = [], []
    queries = 0
    spent = [0.0, 0, 0.0]

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            spent[0] += elapsed
            spent[1] += 1
            if FRAME.search(sql):
                spent[2] += elapsed

    frame_times = []
    for _run in range(runs):
        spent[0], spent[1], spent[2] = 0.0, 0, 0.0
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            response = client.get(url)
        page_times.append(time.perf_counter() - started)
        db_times.append(spent[0] - spent[2])
        frame_times.append(spent[2])
        queries = spent[1]
        assert response.status_code == 200
    return (
        statistics.median(page_times) * 1000,
        statistics.median(db_times) * 1000,
        queries,
        statistics.median(frame_times) * 1000,
    )


def _time_raw(connection, sql: str, params, runs: int) -> float:
    times = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.fetchall()
        for _run in range(runs):
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _raw_overview(round_) -> str:
    """One SQL statement with every figure of the overview page: counts per stage, light and
    rate bucket, units, warned projects, sums, grades, both rankings, warning type counts, the
    warning count and the first page of warnings."""
    r = round_.pk
    y = round_.year
    reports = f"monitoring_monitoringreport WHERE round_id = {r}"
    n = "CAST(NULL AS NUMERIC)"
    return f"""
SELECT CAST('stage' AS TEXT) AS kind,
       CAST(CASE WHEN started_at IS NULL THEN 'not_started' WHEN status = 'draft' THEN 'draft'
            WHEN status IN ('submitted', 'head_approved', 'department_approved') THEN 'submitted'
            WHEN status IN ('returned', 'rejected') THEN 'returned' ELSE 'approved' END AS TEXT)
         AS k,
       CAST(COUNT(*) AS NUMERIC) AS v1, CAST(SUM(budget_initial) AS NUMERIC) AS v2,
       CAST(SUM(executed_to_checkpoint) AS NUMERIC) AS v3
  FROM {reports} GROUP BY 2
UNION ALL SELECT 'light', CAST(light AS TEXT), COUNT(*), {n}, {n} FROM {reports} GROUP BY light
UNION ALL SELECT 'bucket',
       CASE WHEN execution_rate IS NULL THEN 'none' WHEN execution_rate < 20 THEN '0-20'
            WHEN execution_rate < 40 THEN '20-40' WHEN execution_rate < 60 THEN '40-60'
            WHEN execution_rate < 80 THEN '60-80' WHEN execution_rate < 100 THEN '80-100'
            ELSE '100-' END, COUNT(*), {n}, {n} FROM {reports} GROUP BY 2
UNION ALL SELECT 'units', '', COUNT(DISTINCT unit_id), COUNT(*) FILTER (WHERE warning_count > 0),
       {n} FROM {reports}
UNION ALL SELECT 'grade', CAST(e.grade AS TEXT), COUNT(*), {n}, {n}
  FROM evaluation_selfevaluation e JOIN projects_project p ON p.id = e.project_id
 WHERE p.year = {y} AND e.grade <> ''
   AND e.status IN ('head_approved', 'department_approved', 'accepted', 'rejected')
 GROUP BY e.grade
UNION ALL SELECT * FROM (
  SELECT CAST('rank_execution' AS TEXT), CAST(unit_id AS TEXT),
         CAST(SUM(executed_to_checkpoint) * 100 / SUM(budget_initial) AS NUMERIC),
         CAST(SUM(budget_initial) AS NUMERIC), CAST(SUM(executed_to_checkpoint) AS NUMERIC)
    FROM {reports} GROUP BY unit_id HAVING SUM(budget_initial) > 0 ORDER BY 3 LIMIT 10) a
UNION ALL SELECT * FROM (
  SELECT CAST('rank_score' AS TEXT), CAST(p.unit_id AS TEXT), CAST(AVG(e.total) AS NUMERIC),
         CAST(COUNT(*) AS NUMERIC), {n}
    FROM evaluation_selfevaluation e JOIN projects_project p ON p.id = e.project_id
   WHERE p.year = {y} AND e.total IS NOT NULL
     AND e.status IN ('head_approved', 'department_approved', 'accepted', 'rejected')
   GROUP BY p.unit_id ORDER BY 3 DESC LIMIT 10) b
UNION ALL SELECT 'type', CAST(rule || ':' || colour AS TEXT), COUNT(*), {n}, {n}
  FROM monitoring_monitoringwarning WHERE round_id = {r} GROUP BY rule, colour
UNION ALL SELECT 'warnings', '', COUNT(*), {n}, {n}
  FROM monitoring_monitoringwarning WHERE round_id = {r}
UNION ALL SELECT * FROM (
  SELECT CAST('page' AS TEXT), CAST(w.message AS TEXT), CAST(w.rank AS NUMERIC),
         CAST(w.id AS NUMERIC), {n}
    FROM monitoring_monitoringwarning w
    JOIN projects_project p ON p.id = w.project_id
    JOIN accounts_organisation o ON o.id = w.unit_id
   WHERE w.round_id = {r} ORDER BY w.rank, w.id LIMIT 25) c
"""


def _raw_warnings(condition: str) -> str:
    """One SQL statement for a warning list page: the first 25 rows with their project and unit
    and the total count of the filtered list (a scalar subquery)."""
    return f"""
SELECT w.id, w.rule, w.colour, w.subject, w.message, p.code, p.name, o.name,
       (SELECT COUNT(*) FROM monitoring_monitoringwarning w
         WHERE w.round_id = %s {condition}) AS total
  FROM monitoring_monitoringwarning w
  JOIN projects_project p ON p.id = w.project_id
  JOIN accounts_organisation o ON o.id = w.unit_id
 WHERE w.round_id = %s {condition}
 ORDER BY w.rank, w.id
 LIMIT 25
"""


if __name__ == "__main__":
    main()
