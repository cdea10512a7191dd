"""The site as production runs it, on loopback: gunicorn, with nginx and deploy/nginx.conf in front.

tests/test_nginx_cache.py and bench/cache.py use it. nginx runs unprivileged from a
temporary prefix; the shipped site config is only pointed at loopback ports and a
temporary cache folder, so what is tested is what is deployed.
"""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

ROOT = Path(__file__).resolve().parent.parent
NGINX_SITE = ROOT / "deploy" / "nginx.conf"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"

# The production values in deploy/nginx.conf that a loopback run replaces.
UPSTREAM = "server 127.0.0.1:8000;"
LISTEN = "listen 80;"
CACHE_DIR = "/var/cache/nginx/bcp"

WRITABLE_FOLDERS = ("cache", "client_body", "proxy", "fastcgi", "uwsgi", "scgi")

# nginx's main file for an unprivileged run; the shipped site config is included as is.
MAIN_CONFIG = """daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format cache_status '$upstream_cache_status $status $request_uri';
    access_log {prefix}/access.log cache_status;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
"""


def nginx_binary() -> str | None:
    """Return the nginx executable, or None where it is not installed."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def site_config(app_port: int, listen_port: int, cache_dir: Path) -> str:
    """Return deploy/nginx.conf pointed at loopback ports and ``cache_dir``."""
    text = NGINX_SITE.read_text()
    for production, local in ((UPSTREAM, f"server 127.0.0.1:{app_port};"),
                              (LISTEN, f"listen 127.0.0.1:{listen_port};"),
                              (CACHE_DIR, str(cache_dir))):
        if production not in text:
            raise ValueError(f"deploy/nginx.conf no longer contains {production!r}; update bench/stack.py")
        text = text.replace(production, local)
    return text


def wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    """Wait until ``url`` answers; raise with the server's log if it dies or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {seconds} s:\n{log.read_text()[-4000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def gunicorn(folder: Path, env: Mapping[str, str], app: str = "wsgi:app", workers: int = 2,
             threads: int = 4) -> Iterator[int]:
    """Serve ``app`` with deploy/gunicorn.conf.py on a loopback port (yielded); logs go to ``folder``."""
    port = free_port()
    log = folder / "gunicorn.log"
    settings = {**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers),
                "GUNICORN_THREADS": str(threads), "GUNICORN_ACCESS_LOG": str(folder / "gunicorn-access.log")}
    with open(log, "wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), app],
                                   cwd=ROOT, env=settings, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/robots.txt", process, log)
        yield port
    finally:
        _stop(process)


@dataclass(frozen=True)
class Nginx:
    port: int
    # One line per request: cache status (HIT, MISS, ...), HTTP status, URL.
    access_log: Path


@contextmanager
def nginx(app_port: int) -> Iterator[Nginx]:
    """Run nginx with deploy/nginx.conf in front of ``app_port`` from a temporary prefix."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (apt-get install --no-install-recommends nginx)")
    prefix = Path(tempfile.mkdtemp(prefix="bcp-nginx-"))
    try:
        _prepare_prefix(prefix)
        port = free_port()
        (prefix / "site.conf").write_text(site_config(app_port, port, prefix / "cache"))
        (prefix / "nginx.conf").write_text(MAIN_CONFIG.format(prefix=prefix))
        log = prefix / "error.log"
        log.touch()
        with open(prefix / "stdout.log", "wb") as output:
            process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(log)],
                                       stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_until_serving(f"http://127.0.0.1:{port}/robots.txt", process, log, seconds=20)
            yield Nginx(port, prefix / "access.log")
        finally:
            _stop(process)
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


def _prepare_prefix(prefix: Path) -> None:
    """Create nginx's writable folders; started by root, its workers run as nobody and must own them."""
    prefix.chmod(0o755)
    folders = [prefix / name for name in WRITABLE_FOLDERS]
    for folder in folders:
        folder.mkdir()
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        for folder in folders:
            os.chown(folder, nobody.pw_uid, nobody.pw_gid)
