#!/usr/bin/python3
"""`wslab --connect URL --json` against servers this project did not write.

  client_connect.py WSLAB MODE

MODE python / python-deflate / node / node-deflate: Python websockets (Debian) or Node's ws (Debian
  node-ws) as the server, without and with permessage-deflate. One run sends text lines (ASCII,
  Chinese, 120,000 characters so that the 64-bit length form appears), one sends --binary hex lines
  (three bytes, 70,000 random bytes); each message's echo is awaited in wslab's records before the
  next line goes. The server's ping is answered with a pong, the request carries -H and
  --subprotocol and offers permessage-deflate, every client frame is masked, the deflate runs
  compress every data frame both ways (RSV1) and the plain ones none. At the end of input wslab
  closes with 1000, the server answers, wslab exits 0.
MODE tls: the Python server behind TLS with a CA made here with openssl: --ca trusts it; without it
  the exit status is 1 and the reason names TLS; --insecure connects and warns.
MODE write: a conversation saved with --write reads back (--read --json) as exactly the records
  printed live.
MODE close-code: the server closes with 4001 "bye": wslab echoes the code and exits 1 naming it
  and the reason; closed with 4002 and no reason, it says there was none.
MODE interrupt: SIGINT with the input still open closes with 1001 Going Away; the server echoes it,
  wslab exits 1 saying it was interrupted.
MODE refused: nobody listens: exit 1, "refused".
MODE handshake: a raw socket answers 101 with a wrong Sec-WebSocket-Accept: exit 1 naming the
  §4.1 check (WrongAccept).
MODE masked: a raw socket completes the handshake, then sends a masked frame: wslab closes with
  1002 and exits 1 naming the rule (MaskedServerFrame).
Only 127.0.0.1; every wait bounded.
"""
import base64
import hashlib
import json
import os
import queue
import signal
import socket
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
    """A server in its own process; its JSON event lines."""

    def __init__(self, kind, compression, port, *tls):
        if kind == "node":
            env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
            command = ["node", os.path.join(HERE, "peer_node.js"), str(port), compression]
        else:
            env = None
            command = ["/usr/bin/python3", os.path.join(HERE, "peer_python.py"), str(port), compression, *tls]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
        self.events = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next_event(20)["event"] == "ready", "the server did not start"

    def _read(self):
        for line in self.process.stdout:
            self.events.put(json.loads(line))

    def next_event(self, timeout=30):
        return self.events.get(timeout=timeout)

    def events_until(self, name, timeout=30):
        seen = []
        deadline = time.time() + timeout
        while not seen or seen[-1]["event"] != name:
            seen.append(self.next_event(max(0.1, deadline - time.time())))
        return seen

    def stop(self):
        self.process.kill()
        self.process.wait(10)


class Client:
    """wslab --connect URL --json: lines go to its stdin, its records come from its stdout."""

    def __init__(self, url, *extra):
        self.process = subprocess.Popen([WSLAB, "--connect", url, "--json", *extra], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.records, self.incoming, self.stderr = [], queue.Queue(), b""
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.err_reader = threading.Thread(target=self._read_err, daemon=True)
        self.err_reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.incoming.put(json.loads(line))

    def _read_err(self):
        self.stderr = self.process.stderr.read()

    def send(self, line):
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def wait_for(self, predicate, timeout=30):
        deadline = time.time() + timeout
        while True:
            record = self.incoming.get(timeout=max(0.1, deadline - time.time()))
            self.records.append(record)
            if predicate(record):
                return record

    def finish(self, end_input=True, timeout=30):
        if end_input:
            self.process.stdin.close()
        code = self.process.wait(timeout)
        self.reader.join(10)
        self.err_reader.join(10)
        while not self.incoming.empty():
            self.records.append(self.incoming.get())
        self.stderr = self.stderr.decode()
        return code


def b64(data):
    return base64.b64encode(data).decode()


def echo_of(data):
    return lambda r: r["type"] == "frame" and r["dir"] == "s2c" and r.get("message") == b64(data)


def frames(records, direction, opcodes=(0, 1, 2)):
    return [r for r in records if r["type"] == "frame" and r["dir"] == direction and r["opcode"] in opcodes]


def check_common(client, code, compressed):
    assert code == 0, f"exit status {code}: {client.stderr}"
    assert "closed cleanly" in client.stderr, client.stderr
    errors = [r for r in client.records if r["type"] == "error"]
    assert not errors, errors
    assert all(r["mask"] for r in frames(client.records, "c2s", range(16))), "an unmasked client frame"
    keys = [r["maskKey"] for r in frames(client.records, "c2s", range(16))]
    assert len(set(keys)) == len(keys), "a masking key was used twice"
    assert not any(r["mask"] for r in frames(client.records, "s2c", range(16))), "a masked server frame"
    for direction in ("c2s", "s2c"):
        data = [r for r in frames(client.records, direction) if r["opcode"] != 0]
        rsv1 = [r for r in data if r["rsv"] & 4]
        assert len(rsv1) == (len(data) if compressed else 0), f"{direction}: {len(rsv1)} of {len(data)} compressed"
    pongs = frames(client.records, "c2s", (10,))
    assert [p["payload"] for p in pongs] == [b64(b"peer-ping")], pongs
    closes = frames(client.records, "c2s", (8,)) + frames(client.records, "s2c", (8,))
    assert [c["closeCode"] for c in closes] == [1000, 1000], closes


def conversation(kind, compression, scheme="ws", tls=(), extra=()):
    port = free_port()
    peer = Peer(kind, compression, port, *tls)
    try:
        texts = ["Hello", "你好", base64.b64encode(os.urandom(90000)).decode()]
        client = Client(f"{scheme}://127.0.0.1:{port}/lab?x=1", "-H", "X-Test: yes", "--subprotocol", "chat", *extra)
        for text in texts:
            client.send(text)
            client.wait_for(echo_of(text.encode()))
        code = client.finish()
        check_common(client, code, compression == "deflate")
        big = [r for r in frames(client.records, "c2s") + frames(client.records, "s2c") if r["lengthForm"] == 64]
        assert len(big) == 2, "the large message did not use the 64-bit length both ways"
        events = peer.events_until("closed")
        opened = events[0]
        assert opened["path"] == "/lab?x=1" and opened["test"] == "yes" and opened["subprotocol"] == "chat", opened
        assert "permessage-deflate" in opened["extensions"], opened
        assert {"event": "pong"} in events, events
        received = [bytes.fromhex(e["hex"]).decode() for e in events if e["event"] == "message"]
        assert received == texts, "the server received other messages than were sent"
        assert events[-1]["code"] == 1000, events[-1]

        blobs = [b"\x00\xff\x10", os.urandom(70000)]
        client = Client(f"{scheme}://127.0.0.1:{port}/", "--binary", *extra)
        for blob in blobs:
            client.send(blob.hex())
            record = client.wait_for(echo_of(blob))
            assert record["messageType"] == "binary", record
        code = client.finish()
        check_common(client, code, compression == "deflate")
        events = peer.events_until("closed")
        received = [bytes.fromhex(e["hex"]) for e in events if e["event"] == "message"]
        assert received == blobs and not any(e.get("text") for e in events if e["event"] == "message"), events
        return client
    finally:
        peer.stop()


def tls():
    with tempfile.TemporaryDirectory() as directory:
        ca, cert, key = make_test_ca(directory)
        conversation("python", "deflate", "wss", (cert, key), ("--ca", ca))
        port = free_port()
        peer = Peer("python", "plain", port, cert, key)
        try:
            client = Client(f"wss://127.0.0.1:{port}/")
            code = client.finish()
            assert code == 1 and "TLS" in client.stderr, (code, client.stderr)
            client = Client(f"wss://127.0.0.1:{port}/", "--insecure")
            client.send("hi")
            client.wait_for(echo_of(b"hi"))
            code = client.finish()
            assert code == 0, client.stderr
            assert "warning" in client.stderr and "--insecure" in client.stderr, client.stderr
        finally:
            peer.stop()
    print("wss: --ca trusts the test CA; without it exit 1 naming TLS; --insecure connects and warns")


def write():
    port = free_port()
    peer = Peer("python", "deflate", port)
    try:
        with tempfile.TemporaryDirectory() as directory:
            saved = os.path.join(directory, "client.pcapng")
            client = Client(f"ws://127.0.0.1:{port}/", "--write", saved)
            for text in ("Hello", "x" * 70000):
                client.send(text)
                client.wait_for(echo_of(text.encode()))
            assert client.finish() == 0, client.stderr
            read = subprocess.run([WSLAB, "--read", saved, "--json"], capture_output=True, timeout=120, check=True)
    finally:
        peer.stop()
    read_records = [json.loads(line) for line in read.stdout.decode().splitlines()]
    assert len(read_records) == len(client.records), f"{len(read_records)} read, {len(client.records)} live"
    for number, (live, back) in enumerate(zip(client.records, read_records)):
        assert live == back, f"record {number + 1} differs:\n{live}\n{back}"
    print(f"{len(read_records)} records of a client conversation saved and read back identical")


def closed_by_server(port, line):
    """Sends `line`, which the Python peer answers by closing; returns wslab's exit status and run."""
    peer = Peer("python", "plain", port)
    try:
        client = Client(f"ws://127.0.0.1:{port}/")
        client.send(line)
        code = client.finish(end_input=False)
    finally:
        peer.stop()
    return code, client


def close_code():
    port = free_port()
    code, client = closed_by_server(port, "close-me")
    assert code == 1 and "4001" in client.stderr and "bye" in client.stderr, (code, client.stderr)
    closes = frames(client.records, "s2c", (8,)) + frames(client.records, "c2s", (8,))
    assert [c["closeCode"] for c in closes] == [4001, 4001], closes
    print(f"server close 4001: {client.stderr.strip().splitlines()[-1]}")

    code, client = closed_by_server(port, "close-me-quietly")
    last = client.stderr.strip().splitlines()[-1]
    assert code == 1 and "4002" in last and "no reason" in last and '""' not in last, (code, client.stderr)
    print(f"server close 4002 without a reason: {last}")


def interrupt():
    port = free_port()
    peer = Peer("node", "plain", port)
    try:
        client = Client(f"ws://127.0.0.1:{port}/")
        client.send("hi")
        client.wait_for(echo_of(b"hi"))
        client.process.send_signal(signal.SIGINT)
        code = client.finish(end_input=False)
    finally:
        peer.stop()
    assert code == 1 and "interrupted" in client.stderr, (code, client.stderr)
    closes = frames(client.records, "c2s", (8,)) + frames(client.records, "s2c", (8,))
    assert [c["closeCode"] for c in closes] == [1001, 1001], closes
    print(f"SIGINT: {client.stderr.strip().splitlines()[-1]}")


def refused():
    client = Client(f"ws://127.0.0.1:{free_port()}/")
    code = client.finish()
    assert code == 1 and "refused" in client.stderr, (code, client.stderr)
    print(f"refused: {client.stderr.strip().splitlines()[-1]}")


def raw_server(answer):
    """One connection on a raw socket: reads the request head, writes answer(key), then holds on
    until the client closes; what the client sent after the head is returned."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(20)
    result = {}

    def serve():
        connection, _ = listener.accept()
        connection.settimeout(20)
        head = b""
        while b"\r\n\r\n" not in head:
            head += connection.recv(4096)
        key = [line.split(b":", 1)[1].strip() for line in head.split(b"\r\n") if line.lower().startswith(b"sec-websocket-key:")][0]
        connection.sendall(answer(key))
        rest = b""
        try:
            while True:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                rest += chunk
                if len(rest) >= 2 and rest[0] == 0x88:  # the client's close: the server closes TCP (§7.1.1)
                    break
        except socket.timeout:
            pass
        result["after"] = rest
        connection.close()
        listener.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener.getsockname()[1], thread, result


def accept_of(key):
    return base64.b64encode(hashlib.sha1(key + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest())


def handshake():
    port, thread, _ = raw_server(lambda key: b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                             b"Connection: Upgrade\r\nSec-WebSocket-Accept: "
                                             + base64.b64encode(b"x" * 20) + b"\r\n\r\n")
    client = Client(f"ws://127.0.0.1:{port}/")
    code = client.finish()
    thread.join(20)
    assert code == 1 and "WrongAccept" in client.stderr and "4.1" in client.stderr, (code, client.stderr)
    print(f"wrong accept: {client.stderr.strip().splitlines()[-1]}")


def masked():
    frame = bytes([0x81, 0x85, 1, 2, 3, 4]) + bytes(b ^ k for b, k in zip(b"Hello", b"\x01\x02\x03\x04\x01"))
    port, thread, result = raw_server(lambda key: b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                                  b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept_of(key)
                                                  + b"\r\n\r\n" + frame)
    client = Client(f"ws://127.0.0.1:{port}/", "--no-deflate")
    code = client.finish(end_input=False)
    thread.join(20)
    assert code == 1 and "MaskedServerFrame" in client.stderr and "1002" in client.stderr, (code, client.stderr)
    closes = frames(client.records, "c2s", (8,))
    assert [c["closeCode"] for c in closes] == [1002], closes
    assert result["after"][0] == 0x88, result
    print(f"masked server frame: {client.stderr.strip().splitlines()[-1]}")


def main():
    if MODE in ("python", "python-deflate", "node", "node-deflate"):
        kind, _, compression = MODE.partition("-")
        conversation(kind, compression or "plain")
        print(f"{MODE}: text and binary, large, ping, clean close")
    elif MODE == "tls":
        tls()
    elif MODE == "write":
        write()
    elif MODE == "close-code":
        close_code()
    elif MODE == "interrupt":
        interrupt()
    elif MODE == "refused":
        refused()
    elif MODE == "handshake":
        handshake()
    elif MODE == "masked":
        masked()
    else:
        raise SystemExit(f"unknown mode {MODE}")
    print("1 passed, 0 failed")


main()
