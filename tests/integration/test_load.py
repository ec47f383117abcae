"""Load: 50 concurrent clients for 30 s against a real ``eventwire serve`` on loopback.

The server is the CLI in a subprocess (so client threads do not share its interpreter lock)
over a store of the sample articles. Forty clients list events with varied filters, ten
post small texts to ``POST /api/code``; each keeps one keep-alive connection and sends its
next request as soon as the last is answered, until the 30 s are up. Every answer must be
2xx: no 5xx, no refused or dropped connection. The figures go to ``test-artifacts/load.json``
and are quoted in docs/reliability.md.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
from serve_kit import REPO_ROOT, build_store, free_port

from eventwire.pipeline import Pipeline

pytestmark = pytest.mark.slow

CLIENTS = 50
CODE_CLIENTS = 10
SECONDS = 30.0
REQUEST_TIMEOUT = 60.0
ARTIFACT = REPO_ROOT / "test-artifacts" / "load.json"
EVENT_QUERIES: tuple[dict[str, str | int], ...] = (
    {}, {"type": "ASSAULT"}, {"country": "RUS"}, {"actor": "Putin"}, {"q": "talks"},
    {"date_from": "1989", "date_to": "1999-12"}, {"quad_class": 4, "limit": 100},
    {"place": "Berlin"}, {"offset": 40, "limit": 20}, {"actor": "' OR 1=1 --"},
    {"q": "peace agreement", "country": "ISR"}, {"limit": 500},
)
CODE_TEXTS = (
    "Russia accused Turkey of arming rebel groups near Aleppo on Tuesday.",
    "Egyptian President Anwar Sadat met Israeli Prime Minister Menachem Begin in Washington.",
    "German police arrested twelve protesters outside the parliament in Berlin on Friday.",
    "The United Nations called on both sides to agree to a ceasefire in Gaza.",
)


@dataclass
class Server:
    url: str
    host: str
    port: int


@dataclass
class Sample:
    endpoint: str
    status: int
    seconds: float


@dataclass
class ClientLog:
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EndpointFigures:
    requests: int
    per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[str, int]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("load")
    db = folder / "eventwire.duckdb"
    build_store(db, pipeline)
    port = free_port()
    log = (folder / "server.log").open("wb")
    # The CLI as a user runs it: default host, default limits.
    proc = subprocess.Popen(
        [sys.executable, "-c", "from eventwire.cli import main; main()", "serve", "--db",
         str(db), "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_up("127.0.0.1", port, proc, timeout=120)
        yield Server(f"http://127.0.0.1:{port}", "127.0.0.1", port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
        log.close()


def wait_until_up(host: str, port: int, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server exited while starting"
        try:
            conn = http.client.HTTPConnection(host, port, timeout=5)
            conn.request("GET", "/api/articles?limit=1")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the server did not answer within {timeout} s")


def run_client(server: Server, number: int, deadline: float, log: ClientLog) -> None:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=REQUEST_TIMEOUT)
    turn = number
    try:
        while time.monotonic() < deadline:
            endpoint = "/api/code" if number < CODE_CLIENTS else "/api/events"
            started = time.perf_counter()
            try:
                if endpoint == "/api/code":
                    body = json.dumps({"text": CODE_TEXTS[turn % len(CODE_TEXTS)],
                                       "published": "2019-09-18"})
                    conn.request("POST", endpoint, body=body,
                                 headers={"Content-Type": "application/json"})
                else:
                    query = urlencode(EVENT_QUERIES[turn % len(EVENT_QUERIES)])
                    conn.request("GET", f"{endpoint}?{query}")
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as err:
                log.errors.append(f"{endpoint}: {type(err).__name__}: {err}")
                conn.close()
                conn = http.client.HTTPConnection(server.host, server.port,
                                                  timeout=REQUEST_TIMEOUT)
                continue
            log.samples.append(Sample(endpoint, response.status,
                                      time.perf_counter() - started))
            turn += 1
    finally:
        conn.close()


def figures(samples: list[Sample], seconds: float) -> EndpointFigures:
    ms = sorted(s.seconds * 1000 for s in samples)
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    statuses: dict[str, int] = {}
    for s in samples:
        statuses[str(s.status)] = statuses.get(str(s.status), 0) + 1
    return EndpointFigures(requests=len(ms), per_second=round(len(ms) / seconds, 1),
                           p50_ms=round(cuts[49], 1), p95_ms=round(cuts[94], 1),
                           p99_ms=round(cuts[98], 1), max_ms=round(ms[-1], 1),
                           statuses=statuses)


def test_fifty_clients_for_thirty_seconds_get_no_server_error(server: Server) -> None:
    logs = [ClientLog() for _ in range(CLIENTS)]
    started = time.monotonic()
    deadline = started + SECONDS
    threads = [threading.Thread(target=run_client, args=(server, n, deadline, logs[n]),
                                daemon=True) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        # A request still open at the deadline may take its full timeout, no more.
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT + 5)
    elapsed = time.monotonic() - started
    assert not [t for t in threads if t.is_alive()], "a client did not stop"
    samples = [s for log in logs for s in log.samples]
    errors = [e for log in logs for e in log.errors]
    by_endpoint = {name: figures([s for s in samples if s.endpoint == name], elapsed)
                   for name in ("/api/events", "/api/code")}
    write_artifact(by_endpoint, elapsed, errors)
    assert errors == []
    assert [s for s in samples if s.status >= 500] == []
    assert {s.status for s in samples} == {200}
    assert by_endpoint["/api/events"].requests >= CLIENTS - CODE_CLIENTS
    assert by_endpoint["/api/code"].requests >= CODE_CLIENTS


def test_the_cli_server_refuses_a_foreign_host_name(server: Server) -> None:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        conn.request("GET", "/api/events", headers={"Host": "rebound.example:8000"})
        response = conn.getresponse()
        assert response.status == 400
        assert "rebound.example" in response.read().decode()
        conn.request("GET", "/api/events?limit=1", headers={"Host": f"localhost:{server.port}"})
        response = conn.getresponse()
        response.read()
        assert response.status == 200
        assert response.getheader("server") is None  # no server name or version given away
    finally:
        conn.close()


def write_artifact(by_endpoint: dict[str, EndpointFigures], elapsed: float,
                   errors: list[str]) -> None:
    ARTIFACT.parent.mkdir(exist_ok=True)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "clients": CLIENTS, "code_clients": CODE_CLIENTS, "seconds": round(elapsed, 1),
        "connection_errors": len(errors),
        "endpoints": {name: asdict(f) for name, f in by_endpoint.items()},
        "command": "pytest -p no:xdist tests/integration/test_load.py",
    }
    ARTIFACT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
