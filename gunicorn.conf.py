"""Recommended gunicorn configuration (used by `make bench` and documented in the README).

Sync workers: the portal's pages are short, CPU-bound renders or cache hits; the
connection pool is per worker. Override with GUNICORN_* environment variables
(gunicorn reads GUNICORN_CMD_ARGS) or WEB_CONCURRENCY.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
preload_app = True  # import Django once; workers fork with templates and URLconf ready
# A guard against slow leaks, set high: a new worker starts with empty caches (its pages, fragments
# and derived values are made again).
max_requests = 20000
max_requests_jitter = 2000
timeout = 30
keepalive = 5
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")


def when_ready(server):
    """In the master, before the first fork: compile templates, load catalogues (redconsorcios/precalentar.py)."""
    from redconsorcios.precalentar import precalentar

    server.log.info("precalentado: %s", precalentar())
