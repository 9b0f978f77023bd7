"""``sendassure serve --production``: gunicorn serving ``sendassure.wsgi``.

Static files are collected first (hashed names, gzip and Brotli copies, served by
WhiteNoise with a year's caching), and GOV.UK Frontend's CSS, JavaScript and assets
copied with compressed copies beside them; on SQLite the database is migrated as for any
command. Behind a TLS-terminating reverse proxy: see the README's "Deployment".
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# What the pages ask for from GOV.UK Frontend's build (at the site's root).
GOVUK_SERVED = ("govuk-frontend.min.css", "govuk-frontend.min.js", "assets")
TIMEOUT_SECONDS = 900  # an upload of a large return is imported within its request
# How long a worker keeps an idle connection open for its next request. gunicorn's
# default (2 s) is for clients connected directly; behind a reverse proxy or load
# balancer that reuses its connections (the deployment in the README) the server must
# keep them open longer than the client does, or a request sent on a connection just as
# the server closes it is reset: under load (bench/load.py, 50 users on 2 CPUs) 5 to 9
# requests a run got "Connection reset by peer". 75 s outlasts the usual proxy idle
# timeouts (60 s); idle connections cost no thread (gthread keeps them in its poller).
KEEPALIVE_SECONDS = 75


def workers_default() -> int:
    return int(os.environ.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1) + 1, 8))


def govuk_assets(source: Path, target: Path) -> None:
    """Copy the GOV.UK Frontend files the pages use to ``target`` with gzip and Brotli
    copies beside them (WhiteNoise serves those to browsers that accept them)."""
    from whitenoise.compress import Compressor

    if not source.exists():
        return
    for name in GOVUK_SERVED:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, dirs_exist_ok=True)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)
    compressor = Compressor(quiet=True)
    for path in sorted(target.rglob("*")):
        if path.is_file() and compressor.should_compress(path.name):
            for _ in compressor.compress(str(path)):
                pass


def gunicorn_options(address: str, workers: int, threads: int) -> dict:
    return {
        "bind": address,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": TIMEOUT_SECONDS,
        "keepalive": KEEPALIVE_SECONDS,
        "graceful_timeout": 30,
        "accesslog": "-",
        "errorlog": "-",
        "control_socket_disable": True,
        "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
    }


def serve(address: str, workers: int, threads: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendassure.settings.production")
    from sendassure.settings.paths import GOVUK_FRONTEND_DIR, VAR_DIR

    # before the settings are read: production serves this copy when it exists
    govuk_assets(GOVUK_FRONTEND_DIR, VAR_DIR / "govuk-frontend")
    from .django_setup import ensure_database

    ensure_database()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)

    from django.db import connections
    from gunicorn.app.base import BaseApplication

    connections.close_all()  # each worker opens its own

    options = gunicorn_options(address, workers, threads)

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from sendassure.wsgi import application

            return application

    Server().run()
