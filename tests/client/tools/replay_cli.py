#!/usr/bin/python3
"""`wslab --replay FILE --connect URL` against a server this project did not write.

  replay_cli.py WSLAB MODE

A conversation is made first with `wslab --connect URL --write FILE` (text lines, a 70,000-byte
line for the 64-bit length form) against Python websockets (tests/client/tools/replay_peer.py),
which prints every byte each client sent it; then FILE, the pcapng the app wrote, is replayed to
the same server. The server must receive the replay's frames byte for byte as it received the
original ones (same masking keys, fragments, ping answers and close), and wslab exits 0.
MODE plain / deflate / deflate-nct: the server without permessage-deflate, with it and context
  takeover, with client_no_context_takeover.
MODE timing: --replay-timing on a conversation with pauses between lines: the same bytes, the
  records printed in the recorded order.
MODE tls: the server behind TLS with a CA made here with openssl: the conversation and its replay
  both over wss:// with --ca.
MODE proxy: the conversation is a Python websockets client's (a fragmented message, a ping,
  permessage-deflate with context takeover) relayed by `wslab --headless --upstream --write`; the
  file the proxy wrote is replayed to the same server, which must get the client's bytes again.
MODE errors: a --replay-conn the file lacks and a file that is no capture end with 2 and the reason;
  --replay without --connect is a command-line mistake (2).
Only 127.0.0.1; every wait bounded.
"""
import asyncio
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time

WSLAB = sys.argv[1]
MODE = sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
from loopback import free_port  # noqa: E402
from testca import make_test_ca  # noqa: E402


class Peer:
    """replay_peer.py in its own process; its JSON event lines."""

    def __init__(self, mode, *tls):
        self.port = free_port()
        self.process = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "replay_peer.py"), str(self.port), mode,
                                         *tls], stdout=subprocess.PIPE)
        self.events = queue.Queue()
        self.raws = []
        threading.Thread(target=self._read, daemon=True).start()
        assert self.events.get(timeout=20)["event"] == "ready", "the server did not start"

    def _read(self):
        for line in self.process.stdout:
            self.events.put(json.loads(line))

    def next_raw(self, timeout=30):
        deadline = time.time() + timeout
        while True:
            event = self.events.get(timeout=max(0.1, deadline - time.time()))
            if event["event"] == "raw":
                raw = bytes.fromhex(event["hex"])
                return raw[:raw.index(b"\r\n\r\n") + 4], raw[raw.index(b"\r\n\r\n") + 4:]

    def stop(self):
        self.process.kill()
        self.process.wait(10)


def run(arguments, stdin=b"", lines=None, pause=0.0, timeout=60):
    process = subprocess.Popen([WSLAB, *arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    if lines is None:
        out, err = process.communicate(stdin, timeout=timeout)
        return process.returncode, out.decode(), err.decode()
    # Lines with pauses between them; what wslab prints is read meanwhile, so it never blocks.
    output = {}
    readers = [threading.Thread(target=lambda n=name: output.__setitem__(n, getattr(process, n).read()), daemon=True)
               for name in ("stdout", "stderr")]
    for reader in readers:
        reader.start()
    for line in lines:
        process.stdin.write(line + b"\n")
        process.stdin.flush()
        time.sleep(pause)
    process.stdin.close()
    process.wait(timeout)
    for reader in readers:
        reader.join(10)
    return process.returncode, output["stdout"].decode(), output["stderr"].decode()


def frames_of(out):
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    return [r for r in records if r["type"] == "frame"]


def conversation(mode, pause=0.0, tls=None):
    """tls: the folder of a test CA; the server then speaks wss:// and wslab trusts the CA (--ca)."""
    trust, scheme, peer_tls = [], "ws", ()
    if tls:
        ca, cert, key = make_test_ca(tls)
        trust, scheme, peer_tls = ["--ca", ca], "wss", (cert, key)
    peer = Peer("deflate" if tls else "plain" if mode == "timing" else mode, *peer_tls)
    try:
        with tempfile.TemporaryDirectory() as folder:
            saved = os.path.join(folder, "session.pcapng")
            url = f"{scheme}://127.0.0.1:{peer.port}/recorded?x=1"
            lines = [b"hello", "你好, WebSocket".encode(), b"hello hello hello", b"z" * 70000]
            code, _, err = run(["--connect", url, "--write", saved, "-H", "Origin: http://replay.test", *trust],
                               lines=lines, pause=pause)
            assert code == 0, (code, err)
            head, original = peer.next_raw()
            extra = ["--replay-timing"] if mode == "timing" else []
            code, out, err = run(["--replay", saved, "--connect", f"{scheme}://127.0.0.1:{peer.port}/", "--json", *trust,
                                  *extra])
            assert code == 0, (code, err)
            replay_head, replayed = peer.next_raw()
            assert replayed == original, "the server got other bytes on the replay"
            # The recorded handshake, with a new Host value and key.
            assert b"GET /recorded?x=1 HTTP/1.1\r\n" in replay_head, replay_head
            assert b"Origin: http://replay.test\r\n" in replay_head, replay_head
            key = [l for l in replay_head.split(b"\r\n") if l.startswith(b"Sec-WebSocket-Key")]
            old_key = [l for l in head.split(b"\r\n") if l.startswith(b"Sec-WebSocket-Key")]
            assert key and key != old_key, (key, old_key)
            sent = [f for f in frames_of(out) if f["dir"] == "c2s"]
            assert [f["opcode"] for f in sent][-1] in ("close", 8), sent[-1]
            assert "closed cleanly" in err, err
            print(f"{mode}: {len(sent)} frames replayed byte for byte; {err.strip().splitlines()[-1]}")
    finally:
        peer.stop()


async def client_through(port):
    import websockets
    async with websockets.connect(f"ws://127.0.0.1:{port}/recorded?x=1", compression="deflate",
                                  origin="http://replay.test", max_size=None) as ws:
        await ws.send("hello hello hello")
        await ws.recv()
        await ws.send(["frag", "ments", " of one message"])  # RFC 6455 §5.4: three frames
        await ws.recv()
        await asyncio.wait_for(await ws.ping(b"are you there"), 10)
        await ws.send(b"\x5a" * 70000)
        await ws.recv()


def proxy():
    peer = Peer("deflate")
    try:
        with tempfile.TemporaryDirectory() as folder:
            saved = os.path.join(folder, "relayed.pcapng")
            port = free_port()
            err = tempfile.TemporaryFile()
            relay = subprocess.Popen([WSLAB, "--headless", "--quiet", "--port", str(port), "--upstream",
                                      f"ws://127.0.0.1:{peer.port}", "--write", saved],
                                     stdout=subprocess.DEVNULL, stderr=err)
            deadline = time.time() + 20
            while b"listening on" not in (err.seek(0) or err.read()):
                assert time.time() < deadline, "wslab did not start listening"
                time.sleep(0.1)
            asyncio.run(asyncio.wait_for(client_through(port), 60))
            _, original = peer.next_raw()
            time.sleep(0.3)  # the last batch is written
            relay.send_signal(signal.SIGTERM)
            relay.wait(30)
            code, out, err_text = run(["--replay", saved, "--connect", f"ws://127.0.0.1:{peer.port}/", "--json"])
            assert code == 0, (code, err_text)
            _, replayed = peer.next_raw()
            assert replayed == original, "the server got other bytes on the replay"
            sent = [f for f in frames_of(out) if f["dir"] == "c2s"]
            print(f"proxy: {len(sent)} frames of a relayed connection replayed byte for byte")
    finally:
        peer.stop()


def errors():
    peer = Peer("plain")
    try:
        with tempfile.TemporaryDirectory() as folder:
            saved = os.path.join(folder, "session.pcapng")
            url = f"ws://127.0.0.1:{peer.port}/"
            code, _, err = run(["--connect", url, "--write", saved], lines=[b"one"])
            assert code == 0, (code, err)
            code, _, err = run(["--replay", saved, "--connect", url, "--replay-conn", "99"])
            assert code == 2 and "99" in err, (code, err)
            junk = os.path.join(folder, "junk.pcapng")
            with open(junk, "wb") as f:
                f.write(b"not a capture at all")
            code, _, err = run(["--replay", junk, "--connect", url])
            assert code == 2 and "junk.pcapng" in err, (code, err)
            code, _, err = run(["--replay", saved])
            assert code == 2 and "--connect" in err, (code, err)
            print("errors: unknown connection, no capture, no --connect: exit 2 with the reason")
    finally:
        peer.stop()


def main():
    if MODE in ("plain", "deflate", "deflate-nct"):
        conversation(MODE)
    elif MODE == "timing":
        conversation(MODE, pause=0.3)
    elif MODE == "tls":
        with tempfile.TemporaryDirectory() as folder:
            conversation(MODE, tls=folder)
    elif MODE == "proxy":
        proxy()
    elif MODE == "errors":
        errors()
    else:
        raise SystemExit(f"unknown mode {MODE}")
    print("1 passed, 0 failed")


main()
