#!/usr/bin/python3
"""A developer's own application, written with Python websockets (not by this project): one port
serves its page over plain HTTP and, at /ws, a WebSocket that answers every message with
"echo: " and the message. permessage-deflate is on (the library's default), so a browser that
offers it gets compressed frames both ways.

  page_upstream.py        prints "PORT <n>" once listening on 127.0.0.1, then serves until its
                          standard input closes (the test ended) or 300 s have passed.
Only 127.0.0.1.
"""
import asyncio
import http
import os
import sys

import websockets

PAGE = b"""<!doctype html>
<html><head><meta charset="utf-8"><title>Upstream page</title></head>
<body><h1>Served by the upstream</h1><ul id="log"></ul>
<script>
window.received = [];
window.state = 'connecting';
const socket = new WebSocket(`ws://${location.host}/ws`);
socket.onopen = () => { window.state = 'open'; window.extensions = socket.extensions; };
socket.onmessage = (event) => {
  window.received.push(event.data);
  const item = document.createElement('li');
  item.textContent = event.data;
  document.getElementById('log').append(item);
};
socket.onclose = (event) => { window.state = 'closed ' + event.code; };
window.sendLine = (text) => socket.send(text);
window.closeSocket = () => socket.close(1000, 'done');
</script></body></html>
"""


async def process_request(path, headers):
    if path == "/ws":
        return None  # the WebSocket upgrade goes on
    if path in ("/", "/index.html"):
        return http.HTTPStatus.OK, [("Content-Type", "text/html; charset=utf-8")], PAGE
    return http.HTTPStatus.NOT_FOUND, [("Content-Type", "text/plain")], b"not found\n"


async def echo(socket, path):
    try:
        async for message in socket:
            await socket.send("echo: " + message if isinstance(message, str) else message)
    except websockets.ConnectionClosed:
        pass  # a peer gone without a close frame is the test's business, not this server's


async def stdin_closed():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.buffer.read)


async def main():
    async with websockets.serve(echo, "127.0.0.1", 0, process_request=process_request) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        await asyncio.wait_for(stdin_closed(), timeout=300)


try:
    asyncio.run(main())
except asyncio.TimeoutError:
    os._exit(0)  # the reader thread still waits on standard input
