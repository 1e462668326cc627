"""The explorer served by ``streamlit run`` in a child process (browser tests, benchmarks).

>>> port = free_port()
>>> 1024 < port < 65536
True
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Optional

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app_streamlit.py"
# Debian's Chromium, driven by Playwright without a browser download.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")


class ServerError(RuntimeError):
    """The server did not come up."""


def free_port() -> int:
    """A TCP port free on the loopback interface now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    """True when the Streamlit server at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
            return r.read().strip() == b"ok"
    except OSError:
        return False


@contextmanager
def serve(home: Optional[Path] = None, log: Optional[IO] = None, timeout: float = 60.0) -> Iterator[str]:
    """Run the explorer on a free port (``AKIMKG_HOME`` = ``home`` when given); yield its URL once healthy."""
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1", **({"AKIMKG_HOME": str(home)} if home else {}))
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=str(ROOT), env=env, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise ServerError(f"streamlit did not start (exit status {proc.poll()})")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
