"""``rightscope web``: migrates and loads the demo in a fresh data folder; refuses the demo off loopback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys


def run_web(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env["RIGHTSCOPE_WEB_DATA"] = str(tmp_path)
    command = [sys.executable, "-m", "rightscope", "web", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_check_migrates_and_loads_the_demo_organisation(tmp_path):
    done = run_web(tmp_path, "--check", "--port", "8123")
    assert done.returncode == 0, done.stderr
    assert "http://127.0.0.1:8123/" in done.stdout
    assert "rightscope-demo" in done.stdout
    with sqlite3.connect(tmp_path / "rightscope.sqlite3") as db:
        slugs = {row[0] for row in db.execute("select slug from assessments_assessment")}
    assert "westerhaven-welfare-fraud-risk" in slugs
    again = run_web(tmp_path, "--check")
    assert again.returncode == 0, again.stderr


def test_the_demo_is_never_served_on_a_network_address(tmp_path):
    done = run_web(tmp_path, "--check", "--host", "0.0.0.0")
    assert done.returncode == 2
    assert "--host 0.0.0.0" in done.stderr and "--no-demo" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "rightscope.sqlite3").exists()


def test_web_workers_run_the_encoder_on_one_thread_unless_told_otherwise(tmp_path):
    # Several worker processes with a spinning encoder thread per core each slowed every page under load.
    probe = "import os, rightscope.web.settings; print(os.environ['RIGHTSCOPE_ENCODER_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "RIGHTSCOPE_ENCODER_THREADS"}
    env["RIGHTSCOPE_WEB_DATA"] = str(tmp_path)
    default = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert default.stdout.strip() == "1"
    env["RIGHTSCOPE_ENCODER_THREADS"] = "2"
    chosen = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert chosen.stdout.strip() == "2"
