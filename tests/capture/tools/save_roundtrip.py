#!/usr/bin/python3
"""A live session saved and opened again gives the same records: `wslab --headless --json
--write FILE` serves a Python websockets client (compressed and plain messages, fragments, 1 MiB,
a ping, a close with a reason) and a plain HTTP request; `wslab --read FILE --json` must print
exactly the lines the live run printed, and tshark must dissect the saved file into as many
WebSocket frames as the JSON has.

usage: save_roundtrip.py WSLAB
"""
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websockets

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from loopback import free_port  # noqa: E402

WSLAB = sys.argv[1]


async def client(port, compression):
    async with websockets.connect(f"ws://127.0.0.1:{port}/echo", compression=compression, max_size=None) as ws:
        for message in ["Hello", b"\x00\xff" * 10, ["frag", "ments"], b"\x5a" * (1 << 20)]:
            await ws.send(message)
            await ws.recv()
        await asyncio.wait_for(await ws.ping(b"rtt"), 10)
        await ws.close(code=4001, reason="done")


def main():
    port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        saved = os.path.join(directory, "session.pcapng")
        live = subprocess.Popen([WSLAB, "--headless", "--port", str(port), "--json", "--write", saved],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.1)
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read()
        asyncio.run(asyncio.wait_for(client(port, "deflate"), 60))
        asyncio.run(asyncio.wait_for(client(port, None), 60))
        time.sleep(0.5)
        live.send_signal(signal.SIGTERM)
        live_lines = live.communicate(timeout=30)[0].decode().splitlines()
        read = subprocess.run([WSLAB, "--read", saved, "--json"], capture_output=True, timeout=120, check=True)
        read_lines = read.stdout.decode().splitlines()
        assert len(read_lines) == len(live_lines), f"{len(read_lines)} records read, {len(live_lines)} live"
        for number, (a, b) in enumerate(zip(live_lines, read_lines)):
            assert json.loads(a) == json.loads(b), f"record {number + 1} differs:\n{a[:300]}\n{b[:300]}"
        frames = sum(1 for line in live_lines if json.loads(line)["type"] == "frame")
        tshark = subprocess.run(["tshark", "-r", saved, "-d", f"tcp.port=={port},http", "-Y", "websocket",
                                 "-T", "fields", "-e", "websocket.opcode"], capture_output=True, timeout=120)
        dissected = sum(len(line.split(",")) for line in tshark.stdout.decode().split())
        assert dissected == frames, f"tshark dissects {dissected} frames, the session has {frames}"
        print(f"{len(live_lines)} records saved and read back identical; tshark dissects all {frames} frames")
    print("1 passed, 0 failed")


main()
