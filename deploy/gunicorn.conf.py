"""gunicorn settings for a web node: ``gunicorn -c deploy/gunicorn.conf.py wsgi:app``.

Every value can be changed from the environment (GUNICORN_*), so one file serves every node.
"""
import multiprocessing
import os

# nginx (deploy/nginx.conf) connects here; on several nodes bind the node's private address.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Each worker holds its own index readers and search caches (about 400 MB at 100,000
# listings, bench/memory.py), so size workers by memory as well as by CPU: one per core
# plus one by default.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
# Threads let a worker serve pages while another thread waits on the database.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A search is bounded (README "Speed"); anything slower than this is stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# nginx keeps upstream connections open (keepalive 32 in deploy/nginx.conf).
keepalive = 75
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# X-Forwarded-* are trusted by the app itself (TRUSTED_PROXIES), not by gunicorn.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# The app answers a query string over MAX_QUERY_STRING (3,000 bytes by default) with its own
# 414, in JSON on the API as the OpenAPI document says. gunicorn's default request-line limit
# (4,094 bytes) would answer longer ones first with an HTML 400; 8,190 (its maximum, and
# nginx's default header buffer) lets every URL nginx passes on reach the app.
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", "8190"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
