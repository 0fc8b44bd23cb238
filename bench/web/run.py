"""Load benchmark of the web platform: 50 concurrent users against gunicorn on 127.0.0.1 with PostgreSQL.

    .venv/bin/python bench/web/run.py                       # 50 users for 60 s, PostgreSQL on 127.0.0.1
    .venv/bin/python bench/web/run.py --users 50 --duration 120 --workers 4 --json out/bench-web.json

Steps: a fresh database (dropped and created), migrations and the demo organisation (setup_site.py),
gunicorn serving ``rightscope.web.wsgi``, a warm-up run (10 users, 15 s, not counted: every worker
loads the knowledge base and identify's encoder on its first requests), then the measured locust run
(locustfile.py), headless and bounded in time. It prints p50/p95/p99 latency and errors per kind of
request and checks the goal: p95 under 100 ms for pages, no errors. Needs the bench extra (locust)
and a PostgreSQL server; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
PAGES = ("law page", "assessment page", "consultation page")
GOAL_P95_MS = 100


def fresh_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer on {url} within {timeout:.0f} s")


def locust(env: dict[str, str], host: str, users: int, seconds: int, prefix: Path) -> None:
    command = [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless", "--only-summary"]
    command += ["-u", str(users), "-r", str(max(1, users // 2)), "-t", f"{seconds}s", "--host", host]
    command += ["--csv", str(prefix), "--stop-timeout", "5", "--loglevel", "WARNING"]
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL, timeout=seconds + 120)


def read_stats(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgresql://postgres:rightscope@127.0.0.1:5432/rightscope_bench")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds of measured load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    console = Console()

    folder = Path(tempfile.mkdtemp(prefix="rightscope-bench-web-"))
    env = {**os.environ, "DATABASE_URL": args.database_url, "RIGHTSCOPE_WEB_DATA": str(folder)}
    env["DJANGO_SETTINGS_MODULE"] = "rightscope.web.settings"
    env["RIGHTSCOPE_TASKS"] = "immediate"
    with console.status("A fresh database, migrations and the demo organisation"):
        fresh_database(args.database_url)
        plan = subprocess.run(
            [sys.executable, str(HERE / "setup_site.py")], env=env, check=True, capture_output=True, text=True
        ).stdout
    plan_file = folder / "plan.json"
    plan_file.write_text(plan, encoding="utf-8")
    env["RIGHTSCOPE_BENCH_PLAN"] = str(plan_file)

    host = f"http://127.0.0.1:{args.port}"
    gunicorn = [sys.executable, "-m", "gunicorn", "rightscope.web.wsgi", "--bind", f"127.0.0.1:{args.port}"]
    server = subprocess.Popen([*gunicorn, "--workers", str(args.workers), "--log-level", "warning"], env=env)
    try:
        wait_for(f"{host}/accounts/login/")
        with console.status("Warm-up: 10 users for 15 s (not counted)"):
            locust(env, host, 10, 15, folder / "warmup")
        with console.status(f"Measuring: {args.users} users for {args.duration} s"):
            locust(env, host, args.users, args.duration, folder / "run")
        rows = read_stats(folder / "run")
    finally:
        server.terminate()
        server.wait(timeout=30)

    table = Table(title=f"{args.users} users, {args.duration} s, gunicorn x{args.workers}, PostgreSQL on 127.0.0.1")
    for column in ("requests", "kind", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    results = []
    for row in rows:
        item = {
            "kind": row["Name"],
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
            "max_ms": float(row["Max Response Time"]),
        }
        results.append(item)
        table.add_row(
            str(item["requests"]),
            item["kind"],
            f"{item['rps']:.1f}",
            f"{item['p50_ms']:.0f}",
            f"{item['p95_ms']:.0f}",
            f"{item['p99_ms']:.0f}",
            f"{item['max_ms']:.0f}",
            str(item["errors"]),
        )
    console.print(table)
    pages = [r for r in results if r["kind"] in PAGES]
    total = next((r for r in results if r["kind"] == "Aggregated"), None)
    worst = max((r["p95_ms"] for r in pages), default=float("nan"))
    errors = total["errors"] if total else sum(r["errors"] for r in results)
    met = worst < GOAL_P95_MS and errors == 0
    console.print(
        f"Goal (p95 < {GOAL_P95_MS} ms for every kind of page, 0 errors): "
        f"{'met' if met else 'NOT met'}; worst page p95 {worst:.0f} ms, {errors} errors"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        meta = {"users": args.users, "duration_s": args.duration, "workers": args.workers, "cpus": os.cpu_count()}
        args.json.write_text(json.dumps({"setup": meta, "results": results, "goal_met": met}, indent=2) + "\n")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
