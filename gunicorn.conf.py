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
max_requests = 5000
max_requests_jitter = 500
timeout = 30
keepalive = 5
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
