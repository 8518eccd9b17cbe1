#!/usr/bin/python3
"""A WebSocket server this project did not write (Python websockets, Debian) for client_connect.py.

  peer_python.py PORT plain|deflate [CERT KEY]

Prints "ready", then one JSON line per event: the handshake it saw (path, X-Test header, offered
extensions, subprotocol chosen), each message it received (hex), whether its ping was answered, and
the close code the client sent. It pings each client once, echoes every message, and answers the
text "close-me" by closing with 4001 "bye", and "close-me-quietly" with 4002 and no reason.
"""
import asyncio
import json
import ssl
import sys

import websockets

PORT, MODE = int(sys.argv[1]), sys.argv[2]


def log(**event):
    print(json.dumps(event), flush=True)


async def handler(ws, path):
    log(event="open", path=path, test=ws.request_headers.get("X-Test"),
        extensions=ws.request_headers.get("Sec-WebSocket-Extensions"), subprotocol=ws.subprotocol)
    try:
        pong = await ws.ping(b"peer-ping")
        await asyncio.wait_for(pong, 10)
        log(event="pong")
        async for message in ws:
            data = message.encode() if isinstance(message, str) else message
            log(event="message", text=isinstance(message, str), hex=data.hex())
            if message == "close-me":
                await ws.close(4001, "bye")
                break
            if message == "close-me-quietly":
                await ws.close(4002, "")
                break
            await ws.send(message)
    except websockets.exceptions.ConnectionClosed:
        pass
    log(event="closed", code=ws.close_code)


async def main():
    context = None
    if len(sys.argv) > 4:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[3], sys.argv[4])
    async with websockets.serve(handler, "127.0.0.1", PORT, compression="deflate" if MODE == "deflate" else None,
                                max_size=None, ssl=context, subprotocols=["chat"]):
        log(event="ready")
        await asyncio.sleep(120)


asyncio.run(main())
