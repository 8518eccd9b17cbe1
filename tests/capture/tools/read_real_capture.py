#!/usr/bin/python3
"""Records real WebSocket traffic between peers this project did not write (the Python
`websockets` server and client) with tcpdump, then checks that `wslab --read FILE --json` gives
exactly the messages the peers exchanged, in each direction, from pcap (nanosecond time stamps)
and from pcapng (converted by editcap).

usage: read_real_capture.py WSLAB {deflate|plain}
"""
import asyncio
import base64
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import websockets

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from loopback import free_port  # noqa: E402

WSLAB, MODE = sys.argv[1], sys.argv[2]
COMPRESSION = "deflate" if MODE == "deflate" else None

# What each side sends: text, binary, a fragmented message, 1 MiB (the 64-bit length form).
CLIENT_SENDS = ["Hello", b"\x00\x01\x02\xff", ["frag", "mented ", "message " * 50], b"\xa5" * (1 << 20), "last"]
SERVER_SENDS = ["Welcome", b"\xde\xad\xbe\xef", ["server ", "fragments " * 40], "x" * 70000]


def as_bytes(message):
    if isinstance(message, list):
        message = "".join(message)
    return message.encode() if isinstance(message, str) else message


async def conversation(port):
    received = []

    async def handler(ws):
        for message in SERVER_SENDS:
            await ws.send(message)
        await ws.ping(b"server ping")
        async for message in ws:
            received.append(message)
            if message == "last":
                break
        await ws.close(code=4000, reason="lesson over")

    async with websockets.serve(handler, "127.0.0.1", port, compression=COMPRESSION, max_size=None):
        async with websockets.connect(f"ws://127.0.0.1:{port}/chat", compression=COMPRESSION,
                                      max_size=None) as ws:
            got = [await ws.recv() for _ in SERVER_SENDS]
            assert [as_bytes(m) for m in got] == [as_bytes(m) for m in SERVER_SENDS]
            pong = await ws.ping(b"client ping")
            await asyncio.wait_for(pong, 10)
            for message in CLIENT_SENDS:
                await ws.send(message)
            await asyncio.wait_for(ws.wait_closed(), 10)
    assert [as_bytes(m) for m in received] == [as_bytes(m) for m in CLIENT_SENDS]


def record(path, port):
    tcpdump = subprocess.Popen(["tcpdump", "-i", "lo", "-U", "-s", "0", "-B", "131072", "--time-stamp-precision=nano", "-w", path,
                                f"tcp port {port}"], stderr=subprocess.PIPE)
    deadline = time.time() + 20
    line = b""
    while b"listening on" not in line and time.time() < deadline:  # tcpdump is ready
        line = tcpdump.stderr.readline()
    asyncio.run(asyncio.wait_for(conversation(port), 60))
    time.sleep(1)  # the last packets reach the file
    tcpdump.send_signal(signal.SIGINT)
    _, errors = tcpdump.communicate(timeout=20)
    # A capture that lost packets cannot be compared with what was sent: say so, not "wslab is wrong".
    dropped = [l for l in errors.decode().splitlines() if "dropped by kernel" in l and not l.startswith("0 ")]
    assert not dropped, f"tcpdump lost packets: {dropped}" 


def messages_read(path):
    out = subprocess.run([WSLAB, "--read", path, "--json"], capture_output=True, timeout=120, check=True).stdout
    by_direction = {"c2s": [], "s2c": []}
    codes = []
    opcodes = set()
    for line in out.decode().splitlines():
        item = json.loads(line)
        if item["type"] == "error":
            raise AssertionError(f"unexpected error record: {item}")
        if item["type"] != "frame":
            continue
        opcodes.add(item["opcode"])
        if "message" in item:
            by_direction[item["dir"]].append(base64.b64decode(item["message"]))
        if item["opcode"] == 8:
            codes.append((item["dir"], item.get("closeCode"), item.get("closeReason")))
    return by_direction, codes, opcodes


def main():
    port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        directory = os.environ.get("KEEP_DIR", directory)
        pcap = os.path.join(directory, "real.pcap")
        pcapng = os.path.join(directory, "real.pcapng")
        record(pcap, port)
        subprocess.run(["editcap", "-F", "pcapng", pcap, pcapng], check=True, capture_output=True)
        for path in (pcap, pcapng):
            by_direction, codes, opcodes = messages_read(path)
            assert by_direction["c2s"] == [as_bytes(m) for m in CLIENT_SENDS], f"{path}: client messages differ"
            assert by_direction["s2c"] == [as_bytes(m) for m in SERVER_SENDS], f"{path}: server messages differ"
            assert ("s2c", 4000, "lesson over") in codes, f"{path}: close {codes}"
            assert {9, 10} <= opcodes, f"{path}: no ping and pong in {opcodes}"
            print(f"{os.path.basename(path)} ({MODE}): {len(by_direction['c2s'])} + {len(by_direction['s2c'])} "
                  f"messages as sent, close 4000, ping and pong")
    print("1 passed, 0 failed")


main()
