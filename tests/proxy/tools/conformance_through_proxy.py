#!/usr/bin/python3
"""The project's conformance suite played against a server this project did not write, once
directly and once through `wslab --headless --upstream`: every case must give the same result both
ways (issue: "your own conformance suite run through the proxy gives the same results").

  conformance_through_proxy.py WSLAB UPSTREAM CONFORMANCE_TEST...

UPSTREAM: python (Python websockets, permessage-deflate on) or node (Node's ws, perMessageDeflate
on). Each CONFORMANCE_TEST is a tst_conformance_* executable; WSLAB_CONFORMANCE_PORT points it at
the target. Compared per test row: the Qt Test verdict (PASS / FAIL / SKIP); and for the raw cases,
what the client saw (messages, control frames, the close code and reason). Timing-only differences
are not excused: a proxy that delays a close enough to change a fail-fast verdict is a difference.
Only 127.0.0.1; every process and wait is bounded.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from loopback import free_port  # noqa: E402

WSLAB = sys.argv[1]
UPSTREAM = sys.argv[2]
TESTS = sys.argv[3:]
TEST_TIMEOUT = 600

PYTHON_UPSTREAM = """
import asyncio, sys, websockets
async def echo(ws, *_):
    async for message in ws:
        await ws.send(message)
async def main():
    async with websockets.serve(echo, "127.0.0.1", int(sys.argv[1]), compression="deflate",
                                ping_interval=None, max_size=16 * 1024 * 1024):
        print("ready", flush=True)
        await asyncio.Future()
asyncio.run(main())
"""

NODE_UPSTREAM = """
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ host: '127.0.0.1', port: +process.argv[1], perMessageDeflate: true,
                                  maxPayload: 16 << 20 });
// Without an 'error' listener the first broken frame would end the whole process.
wss.on('connection', ws => {
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
wss.on('listening', () => console.log('ready'));
"""


def start_upstream(port):
    if UPSTREAM == "python":
        command = ["/usr/bin/python3", "-c", PYTHON_UPSTREAM, str(port)]
        env = os.environ
    elif UPSTREAM == "node":
        command = ["node", "-e", NODE_UPSTREAM, "--", str(port)]
        env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    else:
        raise SystemExit(f"unknown upstream {UPSTREAM!r}")
    # The upstreams log every refused frame with a traceback: not this test's output.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout.readline().strip() == b"ready", f"{UPSTREAM} upstream did not start"
    return process


def start_proxy(upstream_port):
    port = free_port()
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    process = subprocess.Popen([WSLAB, "--headless", "--port", str(port), "--upstream",
                                f"ws://127.0.0.1:{upstream_port}"], stdout=out, stderr=err)
    deadline = time.time() + 20
    while time.time() < deadline:
        err.seek(0)
        if b"listening on" in err.read():
            return process, port
        assert process.poll() is None, "wslab exited before listening"
        time.sleep(0.1)
    raise AssertionError("wslab did not start listening")


VERDICT = re.compile(r"^(PASS|FAIL!|SKIP|XFAIL|XPASS)\s*:\s*\w+::(\w+)\((.*)\)")


def run_suite(test, port, workdir, label):
    """Runs one conformance executable against 127.0.0.1:port; returns (verdicts, observations)."""
    observations = os.path.join(workdir, f"{os.path.basename(test)}.{label}.observations")
    results = os.path.join(workdir, f"{os.path.basename(test)}.{label}.txt")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WSLAB_CONFORMANCE_PORT=str(port),
               WSLAB_CONFORMANCE_OBSERVATIONS=observations)
    subprocess.run([test, "-o", f"{results},txt"], env=env, timeout=TEST_TIMEOUT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    verdicts = {}
    with open(results, encoding="utf-8", errors="replace") as f:
        for line in f:
            match = VERDICT.match(line)
            if match and match.group(2) not in ("initTestCase", "cleanupTestCase"):
                verdicts[f"{match.group(2)}({match.group(3)})"] = match.group(1)
    seen = {}
    if os.path.exists(observations):
        with open(observations, encoding="utf-8") as f:
            for line in f:
                name, rest = line.rstrip("\n").split("\t", 1)
                seen[name] = rest
    return verdicts, seen


def compare(test, direct, proxied):
    differences = []
    for kind, a, b in (("verdict", direct[0], proxied[0]), ("observed", direct[1], proxied[1])):
        for name in sorted(set(a) | set(b)):
            if a.get(name) != b.get(name):
                differences.append(f"{os.path.basename(test)} {name} {kind}: direct {a.get(name)!r} "
                                   f"through the proxy {b.get(name)!r}")
    return differences


def main():
    upstream_port = free_port()
    upstream = start_upstream(upstream_port)
    proxy, proxy_port = start_proxy(upstream_port)
    differences, rows, passed = [], 0, 0
    try:
        with tempfile.TemporaryDirectory() as workdir:
            for test in TESTS:
                direct = run_suite(test, upstream_port, workdir, "direct")
                proxied = run_suite(test, proxy_port, workdir, "proxy")
                assert upstream.poll() is None, f"the {UPSTREAM} upstream died during {test}"
                assert proxy.poll() is None, f"wslab died during {test}"
                assert direct[0], f"{test} reported no test rows"
                rows += len(direct[0])
                passed += sum(1 for verdict in direct[0].values() if verdict == "PASS")
                differences += compare(test, direct, proxied)
                print(f"{os.path.basename(test)}: {len(direct[0])} rows, {len(direct[1])} raw cases observed")
    finally:
        proxy.send_signal(signal.SIGTERM)
        proxy.wait(timeout=30)
        upstream.kill()
        upstream.wait(timeout=10)
    assert proxy.returncode == 0, f"wslab exited with {proxy.returncode}"
    print(f"{UPSTREAM}: {rows} rows, {passed} pass against the upstream directly")
    for line in differences:
        print(line)
    if differences:
        print(f"0 passed, 1 failed ({len(differences)} differences)")
        return 1
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
