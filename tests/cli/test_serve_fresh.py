"""`demo` ends by serving the store from a fresh process (issue 17 item 7: the analysis
models stayed loaded in the server, 2.2 GB resident, where `serve` alone needs 290 MB)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

SCRIPT = """
import sys
from counterclaim.nlp.pipeline import load_nlp
from counterclaim.nlp.encoder import load_encoder
nlp = load_nlp()          # what `demo` has loaded when it starts serving
load_encoder().embed(["warm the encoder up"])
from counterclaim.cli.serve import serve_in_fresh_process
serve_in_fresh_process(sys.argv[1], port=int(sys.argv[2]))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def resident_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_serve_fresh_process_leaves_the_models_behind(analysed_seeds):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(analysed_seeds), str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 300
        while True:
            assert process.poll() is None, process.communicate()
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=5)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.5)
        assert response.status_code == 200
        assert response.json()["total"] == 1
        # the same process (exec), now without spaCy, torch or the encoder loaded
        assert resident_mb(process.pid) < 700
    finally:
        process.terminate()
        process.wait(timeout=30)
