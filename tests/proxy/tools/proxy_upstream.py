#!/usr/bin/python3
"""`wslab --headless --upstream URL --json` between peers this project did not write: a Python
websockets server is the upstream, a Python websockets client connects through wslab.

  proxy_upstream.py WSLAB MODE

MODE plain / deflate: the client gets exactly the upstream's answers, the upstream gets exactly
  what the client sent, and the JSON records list every message both ways, inflated messages equal
  to what was sent (deflate: the frames carry RSV1).
MODE write: a relayed conversation saved with --write reads back (--read --json) as exactly the
  records printed live.
MODE rewrite: without --rewrite-host the upstream sees the browser's Host; with it, its own
  host:port, and the request record is marked modified.
MODE refused: an upstream port nobody listens on gives the client 502 Bad Gateway naming the
  reason, recorded as an HTTP response.
MODE killed: the upstream killed mid-conversation ends the client's connection (no close frame:
  1006), recorded as the connection's close.
MODE node / node-deflate: as plain / deflate with Node's ws (Debian node-ws) as the upstream,
  perMessageDeflate off / on.
MODE tls: (CA generated with openssl) the upstream behind TLS, --upstream-ca trusts it; without
  the CA the client gets 502; --insecure connects and warns on stderr.
Only 127.0.0.1; every wait bounded.
"""
import asyncio
import base64
import json
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import websockets

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from loopback import free_port  # noqa: E402
from testca import make_test_ca  # noqa: E402

WSLAB = sys.argv[1]
MODE = sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))


def wait_for_listening(err, timeout=20):
    # Not by connecting: a probe would be relayed and recorded like any other connection.
    deadline = time.time() + timeout
    while time.time() < deadline:
        err.seek(0)
        if b"listening on" in err.read():
            return
        time.sleep(0.1)
    raise AssertionError("wslab did not start listening")


class Proxy:
    """wslab --headless --upstream ... --json, stopped with SIGTERM; its records as JSON objects."""

    def __init__(self, upstream_url, *extra):
        self.port = free_port()
        # Files, not pipes: nobody reads a pipe while the conversation runs, and a full one would
        # stall the proxy's printing.
        self.out, self.err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        self.process = subprocess.Popen([WSLAB, "--headless", "--port", str(self.port), "--upstream", upstream_url,
                                         "--json", *extra], stdout=self.out, stderr=self.err)
        wait_for_listening(self.err)

    def stop(self):
        time.sleep(0.3)  # the last batch (16 ms) is printed
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.out.seek(0)
        self.err.seek(0)
        self.stderr = self.err.read().decode()
        self.lines = self.out.read().decode().splitlines()
        return [json.loads(line) for line in self.lines]


MESSAGES = ["Hello", "你好", b"\x00\xff" * 10, ["frag", "ments"], b"\x5a" * (1 << 20), "x" * 70000]


def flatten(message):
    return "".join(message) if isinstance(message, list) else message


def as_bytes(message):
    message = flatten(message)
    return message.encode() if isinstance(message, str) else message


async def echo_upstream(port, compression, received, hosts, ssl_context=None):
    async def handler(ws, *_):
        hosts.append(ws.request_headers.get("Host"))
        try:
            async for message in ws:
                received.append(message)
                await ws.send(message)
        except websockets.exceptions.ConnectionClosed:
            pass
    return await websockets.serve(handler, "127.0.0.1", port, compression=compression, max_size=None,
                                  ssl=ssl_context)


def messages_in(records, direction):
    return [base64.b64decode(r["message"]) for r in records
            if r["type"] == "frame" and r["dir"] == direction and "message" in r]


async def conversation(proxy_port, compression):
    answers = []
    async with websockets.connect(f"ws://127.0.0.1:{proxy_port}/echo", compression=compression,
                                  max_size=None) as ws:
        for message in MESSAGES:
            await ws.send(message)
            answers.append(await asyncio.wait_for(ws.recv(), 30))
        await asyncio.wait_for(await ws.ping(b"rtt"), 10)
        await ws.close(code=4001, reason="done")
    return answers


NODE_UPSTREAM = """
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ host: '127.0.0.1', port: +process.argv[1],
                                  perMessageDeflate: process.argv[2] === 'deflate', maxPayload: 64 << 20 });
wss.on('connection', ws => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
wss.on('listening', () => console.log('ready'));
"""


class NodeUpstream:
    """Node's ws echo server in its own process (Debian's node-ws lives in /usr/share/nodejs)."""

    def __init__(self, port, compression):
        env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
        self.process = subprocess.Popen(["node", "-e", NODE_UPSTREAM, "--", str(port), compression or "plain"],
                                        stdout=subprocess.PIPE, env=env)
        assert self.process.stdout.readline().strip() == b"ready", "node ws did not start"

    def close(self):
        self.process.kill()
        self.process.wait(10)


async def relay(compression, scheme="ws", ssl_context=None, extra=(), node=False):
    up_port = free_port()
    received, hosts = [], []
    if node:
        server = NodeUpstream(up_port, compression)
    else:
        server = await echo_upstream(up_port, compression, received, hosts, ssl_context)
    proxy = Proxy(f"{scheme}://127.0.0.1:{up_port}", *extra)
    try:
        answers = await asyncio.wait_for(conversation(proxy.port, compression), 60)
    finally:
        records = await asyncio.get_running_loop().run_in_executor(None, proxy.stop)
        server.close()
    expected = [flatten(m) for m in MESSAGES]
    assert answers == expected, "the client's answers differ from the upstream's"
    assert node or received == expected, "the upstream received other messages than the client sent"
    sent = [as_bytes(m) for m in MESSAGES]
    assert messages_in(records, "c2s") == sent, "the c2s records' messages differ from what was sent"
    assert messages_in(records, "s2c") == sent, "the s2c records' messages differ from the answers"
    opened = [r for r in records if r["type"] == "open"]
    assert len(opened) == 1 and opened[0]["server"] == f"127.0.0.1:{up_port}", opened
    closes = [r for r in records if r["type"] == "close"]
    assert len(closes) == 1 and closes[0]["closeCode"] == 4001, closes
    compressed = [r for r in records if r["type"] == "frame" and r["rsv"] & 4]
    if compression:
        assert len(compressed) >= 2 * len(MESSAGES), f"only {len(compressed)} compressed frames"
    else:
        assert not compressed, "frames compressed though nobody offered it"
    assert not [r for r in records if r["type"] == "error"], [r for r in records if r["type"] == "error"]
    print(f"{len(MESSAGES)} messages each way through the proxy, {len(records)} records")
    return proxy, records


async def rewrite():
    for flag in (False, True):
        up_port = free_port()
        received, hosts = [], []
        server = await echo_upstream(up_port, None, received, hosts)
        proxy = Proxy(f"ws://127.0.0.1:{up_port}", *(["--rewrite-host"] if flag else []))
        try:
            async with websockets.connect(f"ws://127.0.0.1:{proxy.port}/") as ws:
                await ws.send("hi")
                assert await asyncio.wait_for(ws.recv(), 10) == "hi"
        finally:
            records = await asyncio.get_running_loop().run_in_executor(None, proxy.stop)
            server.close()
        requests = [r for r in records if r["type"] == "http-request"]
        assert len(requests) == 1, requests
        if flag:
            assert hosts == [f"127.0.0.1:{up_port}"], hosts
            assert requests[0].get("modified") is True and f"127.0.0.1:{up_port}" in requests[0]["note"], requests
        else:
            assert hosts == [f"127.0.0.1:{proxy.port}"], hosts
            assert "modified" not in requests[0], requests
    print("Host kept by default, rewritten and marked with --rewrite-host")


def bad_gateway(proxy_port):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{proxy_port}/page", timeout=20)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    raise AssertionError("the request through the proxy succeeded")


def refused():
    up_port = free_port()  # nobody listens here
    proxy = Proxy(f"ws://127.0.0.1:{up_port}")
    try:
        status, body = bad_gateway(proxy.port)
    finally:
        records = proxy.stop()
    assert status == 502, status
    assert "refused" in body and f"127.0.0.1:{up_port}" in body, body
    responses = [r for r in records if r["type"] == "http-response"]
    assert len(responses) == 1 and responses[0]["status"] == 502, responses
    assert [r["type"] for r in records] == ["open", "http-request", "http-response", "close"], records
    print(f"502 for a refused upstream: {body.strip()}")


UPSTREAM_CHILD = """
import asyncio, sys, websockets
async def handler(ws, *_):
    async for message in ws:
        await ws.send(message)
async def main():
    async with websockets.serve(handler, "127.0.0.1", int(sys.argv[1])):
        print("ready", flush=True)
        await asyncio.sleep(60)
asyncio.run(main())
"""


async def killed():
    up_port = free_port()
    child = subprocess.Popen([sys.executable, "-c", UPSTREAM_CHILD, str(up_port)], stdout=subprocess.PIPE)
    assert child.stdout.readline().strip() == b"ready"
    proxy = Proxy(f"ws://127.0.0.1:{up_port}")
    try:
        async with websockets.connect(f"ws://127.0.0.1:{proxy.port}/") as ws:
            await ws.send("before")
            assert await asyncio.wait_for(ws.recv(), 10) == "before"
            child.kill()
            child.wait(10)
            try:
                await asyncio.wait_for(ws.recv(), 20)
                raise AssertionError("a message came from a killed upstream")
            except websockets.exceptions.ConnectionClosedError as closed:
                assert closed.rcvd is None, "the proxy made up a close frame"
    finally:
        records = await asyncio.get_running_loop().run_in_executor(None, proxy.stop)
    closes = [r for r in records if r["type"] == "close"]
    assert len(closes) == 1 and closes[0]["closeCode"] == 1006, closes
    assert messages_in(records, "s2c") == [b"before"], records
    print("upstream killed: the client's connection ended without a close frame, recorded as 1006")


def make_ca(directory):
    ca, cert, key = make_test_ca(directory)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return ca, context


async def tls():
    with tempfile.TemporaryDirectory() as directory:
        ca, context = make_ca(directory)
        proxy, records = await relay("deflate", "wss", context, ("--upstream-ca", ca))
        notes = [r for r in records if r["type"] == "open"]
        tls_info = notes[0].get("tls")
        assert tls_info and tls_info["version"].startswith("TLS") and tls_info["cipher"], notes
        assert tls_info["chain"][0]["subject"] == "CN=127.0.0.1", tls_info
        assert tls_info["chain"][0]["issuer"] == "CN=wslab test CA", tls_info
        # Not trusted: 502 naming the TLS failure.
        up_port = free_port()
        server = await echo_upstream(up_port, None, [], [], context)
        proxy = Proxy(f"wss://127.0.0.1:{up_port}")
        try:
            status, body = await asyncio.get_running_loop().run_in_executor(None, bad_gateway, proxy.port)
        finally:
            await asyncio.get_running_loop().run_in_executor(None, proxy.stop)
        assert status == 502 and "TLS" in body, (status, body)
        # --insecure: relays, and says so.
        proxy = Proxy(f"wss://127.0.0.1:{up_port}", "--insecure")
        try:
            async with websockets.connect(f"ws://127.0.0.1:{proxy.port}/") as ws:
                await ws.send("hi")
                assert await asyncio.wait_for(ws.recv(), 10) == "hi"
        finally:
            await asyncio.get_running_loop().run_in_executor(None, proxy.stop)
            server.close()
        assert "warning" in proxy.stderr and "--insecure" in proxy.stderr, proxy.stderr
        print(f"wss upstream: {tls_info['version']} {tls_info['cipher']}; untrusted gives 502; --insecure warns")


async def write():
    with tempfile.TemporaryDirectory() as directory:
        saved = os.path.join(directory, "relayed.pcapng")
        proxy, records = await relay("deflate", extra=("--write", saved))
        read = subprocess.run([WSLAB, "--read", saved, "--json"], capture_output=True, timeout=120, check=True)
        read_lines = read.stdout.decode().splitlines()
        assert len(read_lines) == len(proxy.lines), f"{len(read_lines)} records read, {len(proxy.lines)} live"
        for number, (a, b) in enumerate(zip(proxy.lines, read_lines)):
            assert json.loads(a) == json.loads(b), f"record {number + 1} differs:\n{a[:300]}\n{b[:300]}"
        print(f"{len(read_lines)} relayed records saved and read back identical")


def main():
    if MODE == "plain":
        asyncio.run(asyncio.wait_for(relay(None), 120))
    elif MODE == "deflate":
        asyncio.run(asyncio.wait_for(relay("deflate"), 120))
    elif MODE == "node":
        asyncio.run(asyncio.wait_for(relay(None, node=True), 120))
    elif MODE == "node-deflate":
        asyncio.run(asyncio.wait_for(relay("deflate", node=True), 120))
    elif MODE == "write":
        asyncio.run(asyncio.wait_for(write(), 180))
    elif MODE == "rewrite":
        asyncio.run(asyncio.wait_for(rewrite(), 120))
    elif MODE == "refused":
        refused()
    elif MODE == "killed":
        asyncio.run(asyncio.wait_for(killed(), 120))
    elif MODE == "tls":
        asyncio.run(asyncio.wait_for(tls(), 180))
    else:
        raise SystemExit(f"unknown mode {MODE}")
    print("1 passed, 0 failed")


main()
