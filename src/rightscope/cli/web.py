"""``rightscope web``: migrate, load the demo organisation and serve the web platform.

It serves with gunicorn on 127.0.0.1:8000 by default, with SQLite in the data folder unless
``DATABASE_URL`` points at PostgreSQL. Background work (monitoring runs, PDF reports) goes into the
database-backed django-tasks queue, which needs no extra server: this command starts its worker beside
the web server. Set ``RIGHTSCOPE_TASKS`` to another django-tasks backend to use a real queue (and run its
workers yourself). See ``docs/web.md``.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import signal
import subprocess
import sys

import typer

from rightscope.cli._output import console, fail

LOOPBACK_NAMES = {"localhost"}


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def web(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    demo: bool = typer.Option(True, "--demo/--no-demo", help="Load the demo organisation and its users."),
    workers: int = typer.Option(2, min=1, max=64, help="Web server worker processes."),
    check: bool = typer.Option(False, "--check", help="Migrate and load the demo, then exit without serving."),
) -> None:
    """Serve the Rightscope web platform (migrates the database first)."""
    missing = [name for name in ("django", "gunicorn", "ninja") if importlib.util.find_spec(name) is None]
    if missing:
        needed = ", ".join(missing)
        raise fail(f"the web platform needs the web extra ({needed} missing): pip install 'rightscope[web]'")
    if demo and not _is_loopback(host):
        raise fail(
            f"--host {host}: the demo users have a published password, so the demo is served on loopback only;"
            " use --no-demo (and create users with `python -m rightscope.web createsuperuser`) to serve on a network"
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightscope.web.settings")
    os.environ.setdefault("RIGHTSCOPE_WEB_HOSTS", f"{host},127.0.0.1,localhost")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    database = settings.DATABASES["default"]
    where = database["NAME"] if database["ENGINE"].endswith("sqlite3") else f"{database['ENGINE']} {database['NAME']}"
    console.print(f"Database: {where}")
    with console.status("Migrating the database"):
        try:
            call_command("migrate", interactive=False, verbosity=0)
        except Exception as exc:  # a database that cannot be reached or migrated: say so, no traceback
            raise fail(f"DATABASE_URL: cannot migrate the database: {exc}") from None
    if demo:
        from rightscope.web.orgs.demo import DEMO_PASSWORD, load_demo

        with console.status("Loading the demo organisation"):
            loaded = load_demo()
        console.print(
            f"Demo organisation '{loaded.organisation.slug}': sign in as "
            f"{', '.join(loaded.usernames.values())} with the password [bold]{DEMO_PASSWORD}[/]"
        )
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    if check:
        console.print(f"Ready to serve on {url}")
        return
    _serve(host, port, workers, url)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _serve(host: str, port: int, workers: int, url: str) -> None:
    children: list[subprocess.Popen[bytes]] = []
    if os.environ.get("RIGHTSCOPE_TASKS", "database") == "database":
        worker = [sys.executable, "-m", "rightscope.web", "db_worker", "--interval", "0.5"]
        children.append(subprocess.Popen(worker))
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    server = [sys.executable, "-m", "gunicorn", "rightscope.web.wsgi", "--bind", bind, "--workers", str(workers)]
    server += ["--access-logfile", "-", "--log-level", "warning"]
    console.print(f"Serving on [bold]{url}[/] (Ctrl-C to stop)")
    gunicorn = subprocess.Popen(server)
    children.append(gunicorn)
    # Stopped by a signal (a service manager, `kill`): stop the server and the worker with it.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        code = gunicorn.wait()
    except KeyboardInterrupt:
        code = 0
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    if code:
        raise typer.Exit(code)
